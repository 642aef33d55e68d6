package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What an include_role registers (includes/registered/role.yml, which prints the same with Debian's ansible-playbook
 * 2.14): its arguments, rendered, under {@code include_args}, with no {@code include} (include_tasks' file); in a
 * loop, each item's the same with the loop's keys instead of {@code changed}.
 */
class IncludeRoleRegisteredTest {
    @Test
    void includeRoleRegistersItsRenderedArgumentsAsAnsibleDoes() {
        RunResult r = EngineRun.cli(EngineRun.fixture("includes/registered/role.yml"), "-i",
                EngineRun.fixture("includes/keywords/hosts"));
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(Map.of("changed", false, "include_args", Map.of("name", "greet", "tasks_from", "other", "public", true)),
                r.registered("show plain", "h1").get("plain"), r.toString());
        assertEquals(Map.of("changed", false, "msg", "All items completed", "skipped", false, "results", List.of(
                        Map.of("ansible_loop_var", "item", "include_args", Map.of("name", "greet"), "item", "a"),
                        Map.of("ansible_loop_var", "item", "include_args", Map.of("name", "greet"), "item", "b"))),
                r.registered("show looped", "h1").get("looped"), r.toString());
        r.assertRecap("h1", 5, 0, 0, 0, 0, 0, 0);
    }
}
