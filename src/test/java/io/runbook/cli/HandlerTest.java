package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HandlerTest {
    @Test
    void handlersRunOnceInDefinitionOrder() {
        RunResult r = EngineRun.playbook("handlers/handlers.yml");
        assertEquals(0, r.exitCode(), r.toString());
        List<String> handlers = r.taskBanners().stream().filter(b -> b.startsWith("RUNNING HANDLER")).toList();
        assertEquals(List.of("RUNNING HANDLER [restart api]", "RUNNING HANDLER [reload config]",
                "RUNNING HANDLER [clear cache]", "RUNNING HANDLER [warm cache]"), handlers, r.toString());
        assertEquals(1, r.results("reload config", "web1").size(), "notified twice, runs once: " + r);
    }

    @Test
    void onlyChangedTasksNotifyAndListenTopicsReachEverySubscriber() {
        RunResult r = EngineRun.playbook("handlers/handlers.yml");
        assertEquals(List.of("change config", "change config again", "no change, no notification",
                "only web2 touches the cache", "last task", "restart api", "reload config"), r.tasksRunOn("web1"), r.toString());
        assertEquals(List.of("change config", "change config again", "no change, no notification",
                "only web2 touches the cache", "last task", "restart api", "reload config", "clear cache", "warm cache"),
                r.tasksRunOn("web2"));
        r.assertRecap("web1", 6, 2, 0, 0, 1, 0, 0);
        r.assertRecap("web2", 9, 3, 0, 0, 0, 0, 0);
    }

    @Test
    void handlersFlushAtTheEndOfEachSectionAndOnFlushHandlers() {
        RunResult r = EngineRun.playbook("handlers/flush.yml");
        assertEquals(List.of("TASK [pre change]", "RUNNING HANDLER [restart api]", "TASK [change]", "TASK [flush now]",
                "RUNNING HANDLER [restart api]", "TASK [after flush]", "TASK [post]"), r.taskBanners(), r.toString());
    }

    @Test
    void aFailedHostDoesNotRunItsHandlers() {
        RunResult r = EngineRun.playbook("handlers/failed_host.yml");
        assertEquals(2, r.exitCode(), r.toString());
        assertEquals(1, r.results("restart api", "web2").size(), r.toString());
        assertEquals(0, r.results("restart api", "web1").size(), r.toString());
        r.assertRecap("web1", 1, 1, 0, 1, 0, 0, 0);
    }

    @Test
    void handlerNamesThatAreTemplatesAndTemplatedCheckModeAndRunOnceAreRenderedAsAnsiblePlaybookDoes() {
        RunResult r = EngineRun.cli(EngineRun.fixture("handlers/templated.yml"), "-i", "web1,web2", "-c", "local");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(List.of("TASK [notify the rendered name]", "TASK [check mode from a template]",
                "TASK [the command did not run]", "TASK [run once from a template]", "RUNNING HANDLER [name2]"),
                r.taskBanners(), r.toString());
        assertEquals("changed", r.status("check mode from a template", "web1"), r.toString());
        assertEquals(List.of("notify the rendered name", "check mode from a template", "the command did not run",
                "run once from a template", "name2"), r.tasksRunOn("web1"), r.toString());
        assertEquals(List.of("notify the rendered name", "check mode from a template", "the command did not run", "name2"),
                r.tasksRunOn("web2"), r.toString());
        r.assertRecap("web1", 5, 2, 0, 0, 0, 0, 0);
        r.assertRecap("web2", 4, 2, 0, 0, 0, 0, 0);
    }

    @Test
    void aNotifyNoHandlerAnswersToStopsTheRunWithoutARecapAsAnsiblePlaybookDoes() {
        RunResult r = EngineRun.cli(EngineRun.fixture("handlers/templated_missing.yml"), "-i", "web1,", "-c", "local");
        assertEquals(3, r.exitCode(), r.toString());
        String all = (r.out() + r.err()).replace("\n", " ");
        assertTrue(all.contains("Handler 'handler name with {{ test_var }}' is unusable because it has no listen topics"),
                r.toString());
        assertTrue(all.contains("The requested handler 'handler name with myvar' was not found in either the main "
                + "handlers list nor in the listening handlers list"), r.toString());
        assertEquals(List.of("TASK [notify it]"), r.taskBanners(), r.toString());
        assertFalse(r.out().contains("PLAY RECAP"), r.toString());
    }

    @Test
    void ofHandlersWithTheSameNameTheLastLoadedGroupAnswersAndANotifyListFromATemplateNotifiesEachName() {
        RunResult r = EngineRun.cli(EngineRun.fixture("handlers/same_name.yml"), "-i", "web1,", "-c", "local");
        assertEquals(0, r.exitCode(), r.toString());
        List<Object> restarts = r.results("restart api", "web1").stream()
                .map(e -> (Object) ((java.util.Map<?, ?>) e.get("result")).get("msg")).toList();
        // roles: then the play's handlers (the play's win); then include_role after them (the role's win)
        assertEquals(List.of("the play's restart api", "the play's restart api"), restarts, r.toString());
        assertEquals("the role's restart api", r.msg("restarter : restart api", "web1"), r.toString());
        assertEquals(List.of("RUNNING HANDLER [restart api]", "RUNNING HANDLER [reload config]",
                "RUNNING HANDLER [restart api]", "RUNNING HANDLER [restarter : restart api]"),
                r.taskBanners().stream().filter(b -> b.startsWith("RUNNING HANDLER")).toList(), r.toString());
        r.assertRecap("web1", 8, 4, 0, 0, 0, 0, 0);
    }

    @Test
    void aRoleAsAHandlerIsRefusedBeforeAnythingRunsAsAnsiblePlaybookDoes() {
        RunResult r = EngineRun.cli(EngineRun.fixture("handlers/role_as_handler.yml"), "-i", "web1,", "-c", "local");
        assertEquals(3, r.exitCode(), r.toString());
        assertTrue(r.err().contains("role_as_handler.yml:12:7: Using 'include_role' as a handler is not supported."),
                r.toString());
        assertFalse(r.out().contains("PLAY ["), r.toString());
    }

    @Test
    void aBlockInTheHandlersIsAnImplicitBlockOfHandlersAndABlockInItIsRefusedWhenAHandlerIncludesIt() {
        RunResult ok = EngineRun.cli(EngineRun.fixture("handlers/handler_block.yml"), "-i", "web1,", "-c", "local");
        assertEquals(0, ok.exitCode(), ok.toString());
        assertEquals("restarting api", ok.msg("restart api", "web1"), ok.toString());
        assertEquals("reloading api", ok.msg("reload config", "web1"), ok.toString());
        ok.assertRecap("web1", 3, 1, 0, 0, 0, 0, 0);
        RunResult nested = EngineRun.cli(EngineRun.fixture("handlers/handler_include_block.yml"), "-i", "web1,", "-c", "local");
        assertEquals(4, nested.exitCode(), nested.toString());
        assertTrue((nested.out() + nested.err()).contains("handler_include_block_tasks.yml:6:7: Using a block as a handler "
                + "is not supported."), nested.toString());
        assertEquals(List.of("TASK [change]", "RUNNING HANDLER [restart api]"), nested.taskBanners(), nested.toString());
        assertFalse(nested.out().contains("PLAY RECAP"), nested.toString());
    }

    @Test
    void forcedHandlersIncludeTasksForAHostThatFailedBeforeAndStopForOneThatFailsInThem() {
        RunResult r = EngineRun.cli(EngineRun.fixture("handlers/forced_include.yml"), "-i", "web1,web2", "-c", "local",
                "--force-handlers");
        assertEquals(2, r.exitCode(), r.toString());
        assertEquals(List.of("change", "web1 fails", "first", "web2 fails", "second", "later"),
                r.tasksRunOn("web1"), r.toString());
        assertEquals(List.of("change", "web1 fails", "first", "web2 fails"), r.tasksRunOn("web2"), r.toString());
        r.assertRecap("web1", 5, 1, 0, 1, 1, 0, 0);
        r.assertRecap("web2", 3, 1, 0, 1, 1, 0, 0);
    }
}
