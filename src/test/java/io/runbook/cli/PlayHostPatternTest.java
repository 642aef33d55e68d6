package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Play host patterns and --limit, run through a real playbook against a YAML inventory with host ranges. */
class PlayHostPatternTest {
    private static List<String> hosts(String pattern, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of(EngineRun.fixture("patterns/pattern.yml"),
                "-i", EngineRun.fixture("inventory/patterns.yml"), "-e", "target=" + pattern));
        args.addAll(List.of(more));
        RunResult r = EngineRun.cli(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.toString());
        return r.events("host_result").stream().map(e -> (String) e.get("host")).sorted().toList();
    }

    @Test
    void unionsIntersectionsAndExclusions() {
        assertEquals(List.of("cp-eu-1", "cp-eu-2", "cp-eu-3", "cp-us-1", "wk-eu-1", "wk-us-1"), hosts("control_planes:workers"));
        assertEquals(List.of("cp-eu-1", "cp-eu-2", "cp-eu-3", "cp-us-1", "wk-eu-1", "wk-us-1"), hosts("control_planes,workers"));
        assertEquals(List.of("cp-eu-1", "cp-eu-2", "cp-eu-3"), hosts("control_planes:&eu"));
        assertEquals(List.of("cp-eu-1", "cp-eu-2", "cp-us-1"), hosts("control_planes:!retired"));
    }

    @Test
    void unionsComeFirstThenIntersectionsThenExclusionsWhereverTheyAreWritten() {
        assertEquals(List.of("cp-eu-1", "cp-eu-2", "wk-eu-1"), hosts("control_planes:!retired:&eu:workers"));
    }

    @Test
    void globsRegexesAndSlices() {
        assertEquals(List.of("cp-eu-1", "cp-eu-2", "cp-eu-3"), hosts("cp-eu-*"));
        assertEquals(List.of("cp-us-1", "wk-us-1"), hosts("~.*-us-\\d"));
        assertEquals(List.of("cp-eu-1"), hosts("control_planes[0]"));
        assertEquals(List.of("cp-eu-2", "cp-eu-3"), hosts("control_planes[1:2]"));
        assertEquals(List.of("cp-us-1"), hosts("control_planes[-1]"));
    }

    @Test
    void limitIntersectsWithThePlayPattern() {
        assertEquals(List.of("cp-eu-1", "cp-eu-2"), hosts("control_planes", "--limit", "eu:!retired"));
    }

    @Test
    void anUnmatchedPatternWarnsAndSkipsThePlay() {
        RunResult r = EngineRun.cli(EngineRun.fixture("patterns/pattern.yml"), "-i", EngineRun.fixture("inventory/patterns.yml"),
                "-e", "target=nowhere");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue((r.out() + r.err()).contains("Could not match supplied host pattern, ignoring: nowhere"), r.toString());
        assertTrue(r.lines().contains("skipping: no hosts matched"), r.toString());
        assertTrue(Warnings.of(r.err()).contains("[WARNING]: no play of this playbook matched a host, so nothing ran (inventory: "
                + EngineRun.fixture("inventory/patterns.yml") + ")"), "a playbook that did nothing says so\n" + r);
    }
}
