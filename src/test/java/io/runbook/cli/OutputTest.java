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
}
