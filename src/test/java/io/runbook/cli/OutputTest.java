package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Result lines exactly as ansible-playbook's default callback prints them (checked against ansible-core 2.14). */
class OutputTest {
    @Test
    void assertAlwaysShowsItsResultPrettyUnlessQuiet() {
        RunResult r = EngineRun.playbook("output/assert.yml");
        assertEquals(0, r.exitCode(), r.toString());
        List<String> lines = r.lines().stream().filter(l -> !l.isBlank()).toList();
        assertEquals(List.of("PLAY [assert output] ***********************************************************",
                "TASK [assert fails] ************************************************************",
                "fatal: [web1]: FAILED! => {",
                "    \"assertion\": \"1 == 2\",",
                "    \"changed\": false,",
                "    \"evaluated_to\": false,",
                "    \"msg\": \"Assertion failed\"",
                "}",
                "...ignoring",
                "TASK [quiet assert fails] ******************************************************",
                "fatal: [web1]: FAILED! => {\"assertion\": \"1 == 2\", \"changed\": false, \"evaluated_to\": false, \"msg\": \"Assertion failed\"}",
                "...ignoring",
                "TASK [assert passes] ***********************************************************",
                "ok: [web1] => {",
                "    \"changed\": false,",
                "    \"msg\": \"All assertions passed\"",
                "}",
                "PLAY RECAP *********************************************************************",
                "web1                       : ok=3    changed=0    unreachable=0    failed=0    skipped=0    rescued=0    ignored=2   "),
                lines, r.toString());
    }

    /** The lines a user reads, without the bodies of pretty-printed results. */
    private static List<String> headlines(RunResult r) {
        return r.lines().stream().filter(l -> !l.isBlank() && !l.startsWith(" ") && !l.equals("}"))
                .map(l -> l.replaceAll(" \\*+$", "")).toList();
    }

    @Test
    void importCopiesItsConditionToEachTaskIncludeIsOneTaskAndRunOnceIsPerBatch() {
        RunResult r = EngineRun.playbook("structure/imports.yml");
        assertEquals(0, r.exitCode(), r.toString());
        String file = EngineRun.FIXTURES.resolve("structure/two_tasks.yml").toAbsolutePath().toString();
        assertEquals(List.of("PLAY [imports and includes]",
                "TASK [first child]", "skipping: [web1]",
                "TASK [second child]", "skipping: [web1]",
                "TASK [include with a condition]", "included: " + file + " for web1",
                "TASK [first child]", "ok: [web1] => {",
                "TASK [second child]", "ok: [web1] => {",
                "TASK [once per batch]", "ok: [web1] => {",
                "PLAY [imports and includes]",
                "TASK [first child]", "ok: [web2] => {",
                "TASK [second child]", "ok: [web2] => {",
                "TASK [include with a condition]", "skipping: [web2]",
                "TASK [once per batch]", "ok: [web2] => {",
                "PLAY RECAP",
                "web1                       : ok=4    changed=0    unreachable=0    failed=0    skipped=2    rescued=0    ignored=0   ",
                "web2                       : ok=3    changed=0    unreachable=0    failed=0    skipped=1    rescued=0    ignored=0   "),
                headlines(r), r.toString());
    }

    @Test
    void tagsOnAnIncludeSelectTheIncludeButNotItsTasks() {
        RunResult r = EngineRun.playbook("structure/imports.yml", "--tags", "included");
        String file = EngineRun.FIXTURES.resolve("structure/two_tasks.yml").toAbsolutePath().toString();
        assertEquals(List.of("PLAY [imports and includes]",
                "TASK [include with a condition]", "included: " + file + " for web1",
                "PLAY [imports and includes]",
                "TASK [include with a condition]", "skipping: [web2]",
                "PLAY RECAP",
                "web1                       : ok=1    changed=0    unreachable=0    failed=0    skipped=0    rescued=0    ignored=0   ",
                "web2                       : ok=0    changed=0    unreachable=0    failed=0    skipped=1    rescued=0    ignored=0   "),
                headlines(r), r.toString());
    }

    @Test
    void tagsOnAnImportReachEveryImportedTask() {
        RunResult r = EngineRun.playbook("structure/imports.yml", "--tags", "imported");
        assertEquals(List.of("first child", "second child"), r.tasksRunOn("web2"), r.toString());
        assertEquals(List.of("first child", "second child"), r.tasksRunOn("web1"), "skipped by the copied condition: " + r);
    }
}
