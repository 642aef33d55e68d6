package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StructureTest {
    private static final String FREE_RUN_ONCE = "Using run_once with the free strategy is not currently supported. This task "
            + "will still be executed for every host in the inventory list.";
    private static final String FREE_ANY_ERRORS_FATAL = "Using any_errors_fatal with the free strategy is not supported, "
            + "as tasks are executed independently on each host";

    @Test
    void preTasksTasksAndPostTasksRunInThatOrderWhateverTheirOrderInTheFile() {
        RunResult r = EngineRun.playbook("structure/order.yml");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(List.of("pre task", "main task", "imported task", "post task"), r.tasksRunOn("web1"));
    }

    @Test
    void importTasksIsExpandedWithItsVars() {
        RunResult r = EngineRun.playbook("structure/order.yml");
        assertEquals("given to the import", r.msg("imported task", "web1"));
    }

    @Test
    void importPlaybookRunsTheImportedPlaysWhichGatherFactsFirst() {
        RunResult r = EngineRun.playbook("structure/order.yml");
        assertEquals(List.of("PLAY [sections]", "PLAY [imported playbook]"),
                r.banners().stream().filter(b -> b.startsWith("PLAY [")).toList());
        assertEquals(List.of("Gathering Facts", "task of the imported playbook"), r.tasksRunOn("db1"));
    }

    @Test
    void runOnceRunsOnTheFirstHostAndSharesTheRegisteredResult() {
        RunResult r = EngineRun.playbook("structure/run_once.yml");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(1, r.events("host_result").stream().filter(e -> "once for the batch".equals(e.get("task"))).count());
        assertEquals("ran for web1", r.msg("everyone sees the result", "web3"));
        r.assertRecap("web1", 3, 1, 0, 0, 0, 0, 0);
    }

    @Test
    void delegateToRunsForTheHostWithTheDelegateShown() {
        RunResult r = EngineRun.playbook("structure/run_once.yml");
        Map<String, Object> delegated = r.result("delegated", "web1");
        assertEquals("db1", delegated.get("delegate"));
        assertEquals("for web1", ((Map<?, ?>) delegated.get("result")).get("msg"), "the variables stay the original host's");
        assertTrue(r.lines().contains("ok: [web1 -> db1] => {"), r.toString());
    }

    @Test
    void aLoopsDelegateToIsRenderedForEachItemAndVarsHoldsTheTasksVariables() {
        RunResult r = EngineRun.playbook("structure/delegate_loop.yml");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.lines().contains("ok: [web1 -> db1] => (item=db1) => {"), r.toString());
        assertTrue(r.lines().contains("ok: [web1 -> web2] => (item=web2) => {"), r.toString());
        assertTrue(r.lines().contains("    \"msg\": \"for web1\""), "ansible_delegated_vars has the task's own host: " + r);
        assertEquals("8080, delegate db1, delegate web2, False", r.msg("a variable named by an expression", "web1"), r.toString());
    }

    @Test
    void freeStrategyLetsFastHostsRunAhead() {
        RunResult r = EngineRun.playbook("structure/free.yml");
        assertEquals(0, r.exitCode(), r.toString());
        // web1's first task waited for two calls of the second task to finish: web2 and web3 ran ahead of it
        assertEquals(2, r.registered("slow on web1", "web1").get("finished_before"), r.toString());
        assertEquals(List.of("slow on web1", "second"), r.tasksRunOn("web1"), r.toString());
        // as ansible-playbook's callback under free: a task's banner again before a result of another task than the
        // last banner's, so web1's late results come under their tasks' banners printed anew
        List<String> banners = r.taskBanners();
        assertEquals(List.of("TASK [slow on web1]", "TASK [second]"), banners.subList(banners.size() - 2, banners.size()), r.toString());
        assertTrue(banners.stream().filter(b -> b.equals("TASK [second]")).count() >= 2, r.toString());
    }

    /**
     * Each host reaches an include on its own under free: the include's banner is shown once, as a task's (never once
     * per host in a row, which ansible-playbook never prints), with each host's {@code included:} line under it.
     */
    @Test
    void anIncludeUnderFreeShowsItsBannerOnceAndEachHostOnce() {
        RunResult r = EngineRun.playbook("structure/free_include.yml");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(List.of("TASK [include the steps]", "TASK [a step]", "TASK [include them again]"),
                r.taskBanners().stream().distinct().toList(), r.toString());
        for (String include : List.of("TASK [include the steps]", "TASK [include them again]")) {
            assertEquals(1, r.taskBanners().stream().filter(include::equals).count(), r.toString());
        }
        String file = java.nio.file.Path.of(EngineRun.fixture("structure/free_include_steps.yml")).toAbsolutePath().normalize().toString();
        List<String> included = r.lines().stream().filter(l -> l.startsWith("included: " + file + " for ")).toList();
        for (String host : List.of("web1", "web2", "web3")) {
            assertEquals(2, included.stream().filter(l -> List.of(l.substring(l.indexOf(" for ") + 5).split(", ")).contains(host))
                    .count(), r.toString());
        }
        r.assertRecap("web1", 4, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void endHostStopsOneHostAndEndPlayStopsThePlayButNotThePlaybook() {
        RunResult r = EngineRun.playbook("structure/meta.yml");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(List.of("next play task"), r.tasksRunOn("web1"));
        assertEquals(List.of("web1 ends here", "others continue"), r.tasksRunOn("web2"));
        assertEquals("skipped", r.status("web1 ends here", "web2"), "the condition was false on web2");
        assertTrue(r.taskBanners().contains("TASK [end the play]"), "meta tasks have a banner, as in ansible-playbook: " + r);
        assertFalse(r.out().contains("TASK [never]"), r.toString());
        r.assertRecap("web2", 1, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void endPlayAlsoEndsTheBatchesStillToCome() {
        RunResult r = EngineRun.playbook("structure/end_play_serial.yml");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(List.of("first"), r.tasksRunOn("web1"));
        assertTrue(r.tasksRunOn("web2").isEmpty(), r.toString());
        assertEquals(1, r.banners().stream().filter(b -> b.startsWith("PLAY [")).count(), r.toString());
    }

    /** ansible-playbook's words, the same for every task: its display shows them once per run. */
    @Test
    void runOnceUnderFreeWarnsOncePerRunAsAnsiblesDisplay() {
        RunResult r = EngineRun.playbook("structure/free_run_once_twice.yml");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(6, r.events("host_result").size(), r.toString());
        assertEquals(List.of("[WARNING]: " + FREE_RUN_ONCE), Warnings.list(r.err()), r.toString());
    }

    @Test
    void runOnceUnderFreeRunsOnEveryHostWithAWarningAsInAnsible() {
        RunResult r = EngineRun.playbook("structure/free_run_once.yml");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(3, r.events("host_result").stream().filter(e -> "once".equals(e.get("task"))).count(), r.toString());
        assertTrue(Warnings.list(r.err()).contains("[WARNING]: " + FREE_RUN_ONCE), r.toString());
        r.assertRecap("web1", 3, 0, 0, 0, 0, 1, 0);
        r.assertRecap("web3", 2, 0, 0, 0, 1, 0, 0);
    }

    /** ansible-playbook's free strategy warns about any_errors_fatal (once per run) and does not apply it. */
    @Test
    void anyErrorsFatalUnderFreeIsOnlyWarnedAboutAsInAnsible() {
        RunResult r = EngineRun.playbook("structure/free_any_errors_fatal.yml");
        assertEquals(2, r.exitCode(), r.toString());
        assertEquals(List.of("[WARNING]: " + FREE_ANY_ERRORS_FATAL), Warnings.list(r.err()), r.toString());
        assertFalse(r.banners().contains("NO MORE HOSTS LEFT"), r.toString());
        assertEquals("ok", r.status("the others go on", "web2"), r.toString());
        assertEquals("ok", r.status("still on", "web3"), "web2's include failed, not fatal to the others: " + r);
        r.assertRecap("web1", 0, 0, 0, 1, 0, 0, 0);
        r.assertRecap("web2", 1, 0, 0, 1, 1, 0, 0);
        r.assertRecap("web3", 2, 0, 0, 0, 2, 0, 0);
    }
}
