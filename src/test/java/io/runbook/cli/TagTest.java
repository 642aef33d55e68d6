package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TagTest {
    private static List<String> ran(String... args) {
        RunResult r = EngineRun.playbook("tags/tags.yml", args);
        assertEquals(0, r.exitCode(), r.toString());
        return r.tasksRunOn("web1");
    }

    @Test
    void withoutTagsEverythingButNeverRuns() {
        assertEquals(List.of("untagged task", "deploy task", "config task", "always task", "task in tagged block"), ran());
    }

    @Test
    void tagsSelectTasksAndAlwaysStillRuns() {
        assertEquals(List.of("deploy task", "always task"), ran("--tags", "deploy"));
        assertEquals(List.of("config task", "always task", "task in tagged block"), ran("-t", "config,block_tag"));
    }

    @Test
    void neverRunsOnlyWhenOneOfItsOtherTagsIsAskedFor() {
        assertEquals(List.of("always task", "never task"), ran("--tags", "debug"));
    }

    @Test
    void skipTagsWinsAndCanSkipAlways() {
        assertEquals(List.of("untagged task", "always task", "task in tagged block"), ran("--skip-tags", "deploy,config"));
        assertEquals(List.of("untagged task", "deploy task", "config task", "task in tagged block"), ran("--skip-tags", "always"));
    }

    @Test
    void playTagsAreInheritedByEveryTask() {
        assertEquals(List.of("untagged task", "deploy task", "config task", "always task", "never task", "task in tagged block"),
                ran("--tags", "play_tag"));
    }
}
