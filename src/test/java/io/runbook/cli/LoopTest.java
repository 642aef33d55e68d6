package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoopTest {
    private final RunResult run = EngineRun.playbook("loops/loop_control.yml");

    @Test
    void loopRunsOncePerItemAndPrintsTheItem() {
        assertEquals(3, run.results("plain loop", "web1").size(), run.toString());
        assertEquals(List.of("cluster a", "cluster b", "cluster c"),
                run.results("plain loop", "web1").stream().map(e -> ((Map<?, ?>) e.get("result")).get("msg")).toList());
        assertTrue(run.lines().contains("ok: [web1] => (item=a) => {"), run.toString());
    }

    @Test
    void registeredLoopResultHasOneEntryPerItemWithTheItem() {
        Object results = run.registered("show registered loop", "web1").get("plain.results");
        assertTrue(results instanceof List<?> l && l.size() == 3, run.toString());
        Map<?, ?> first = (Map<?, ?>) ((List<?>) results).get(0);
        assertEquals("a", first.get("item"));
        assertEquals("item", first.get("ansible_loop_var"));
        assertEquals("cluster a", first.get("msg"));
    }

    @Test
    void loopControlRenamesTheVariableIndexesAndLabels() {
        List<Map<String, Object>> items = run.results("loop over a variable with every loop_control key", "web1");
        assertEquals(List.of("east", "west"), items.stream().map(e -> e.get("item")).toList(), "label: " + run);
        assertEquals(List.of("0:east 1/2 size 3", "1:west 2/2 size 5"),
                items.stream().map(e -> ((Map<?, ?>) e.get("result")).get("msg")).toList());
        assertTrue(run.lines().contains("ok: [web1] => (item=east) => {"), run.toString());
    }

    @Test
    void extendedLoopExposesFirstLastAndNeighbours() {
        List<Map<String, Object>> items = run.results("extended loop facts", "web1");
        Map<?, ?> first = (Map<?, ?>) ((Map<?, ?>) items.get(0).get("result")).get("msg");
        Map<?, ?> last = (Map<?, ?>) ((Map<?, ?>) items.get(1).get("result")).get("msg");
        assertEquals(true, first.get("first"), run.toString());
        assertEquals(false, first.get("last"));
        assertEquals(1, first.get("index"));
        assertEquals(0, first.get("index0"));
        assertEquals(2, first.get("revindex"));
        assertEquals("y", first.get("nextitem"));
        assertEquals(true, last.get("last"));
        assertEquals("x", last.get("previtem"));
        assertEquals(2, last.get("length"));
    }

    @Test
    void whenIsEvaluatedPerItem() {
        List<String> statuses = run.results("condition per item", "web1").stream().map(e -> (String) e.get("status")).toList();
        assertEquals(List.of("ok", "skipped", "ok"), statuses, run.toString());
        assertTrue(run.lines().contains("skipping: [web1] => (item=2) "), "with Ansible's trailing space: " + run);
    }

    @Test
    void aFailedItemFailsTheLoopTask() {
        assertTrue(run.lines().stream().anyMatch(l -> l.startsWith("failed: [web1] (item=bad) => {")), run.toString());
        Map<String, Object> end = run.events("loop_end").stream().filter(e -> "one item fails".equals(e.get("task")))
                .findFirst().orElseThrow();
        assertEquals("failed", end.get("status"));
        assertEquals(true, end.get("ignored"));
        assertEquals("One or more items failed", ((Map<?, ?>) end.get("result")).get("msg"));
    }

    @Test
    void aLoopTaskCountsOnceInTheRecap() {
        assertEquals(0, run.exitCode(), run.toString());
        // plain, loop_control, extended, condition per item, show, and the ignored failure
        run.assertRecap("web1", 6, 0, 0, 0, 0, 0, 1);
    }

    @Test
    void includeTasksLoopsAndPassesTheLoopVariable() {
        RunResult r = EngineRun.playbook("loops/include_loop.yml");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(List.of("working on east", "working on west"), r.results("work on a cluster", "web1").stream()
                .map(e -> ((Map<?, ?>) e.get("result")).get("msg")).toList(), r.toString());
        assertEquals(2, r.lines().stream().filter(l -> l.startsWith("included: ") && l.contains("cluster_tasks.yml for web1")).count(),
                r.toString());
        assertEquals("ok", r.status("after the include", "web1"));
        assertEquals(List.of("east", "west"), r.events("included").stream().map(e -> e.get("item")).toList(), r.toString());
    }

    @Test
    void includeHasItsBannerListsEveryInstanceFirstAndCountsEachAsOkLikeAnsible() {
        RunResult r = EngineRun.playbook("loops/include_loop.yml");
        List<String> lines = r.lines().stream().filter(l -> !l.isBlank() && !l.startsWith(" ") && !l.equals("}")).toList();
        String file = EngineRun.FIXTURES.resolve("loops/cluster_tasks.yml").toAbsolutePath().toString();
        assertEquals(List.of("PLAY [include_tasks with a loop] ***********************************************",
                "TASK [per cluster] *************************************************************",
                "included: " + file + " for web1 => (item=east)",
                "included: " + file + " for web1 => (item=west)",
                "TASK [work on a cluster] *******************************************************",
                "ok: [web1] => {",
                "TASK [work on a cluster] *******************************************************",
                "ok: [web1] => {",
                "TASK [after the include] *******************************************************",
                "ok: [web1] => {",
                "PLAY RECAP *********************************************************************",
                "web1                       : ok=5    changed=0    unreachable=0    failed=0    skipped=0    rescued=0    ignored=0   "),
                lines, r.toString());
    }

    @Test
    void includedLineShowsTheItemLikeAnsible() {
        RunResult r = EngineRun.playbook("loops/include_loop.yml");
        assertTrue(r.lines().stream().anyMatch(l -> l.startsWith("included: ") && l.endsWith("cluster_tasks.yml for web1 => (item=east)")),
                r.toString());
    }

    @Test
    void loopEdgesPrintAndCountLikeAnsiblePlaybook() {
        RunResult r = EngineRun.playbook("loops/loop_edges.yml");
        assertEquals(0, r.exitCode(), r.toString());
        List<String> lines = r.lines().stream().filter(l -> !l.isBlank() && !l.startsWith(" ") && !l.equals("}")).toList();
        assertEquals(List.of("PLAY [loop edges] **************************************************************",
                "TASK [loop with failure] *******************************************************",
                "skipping: [web1] => (item=1) ",
                "failed: [web1] (item=2) => {\"ansible_loop_var\": \"item\", \"changed\": false, \"item\": 2, \"msg\": \"bad 2\"}",
                "skipping: [web1] => (item=3) ",
                "...ignoring",
                "TASK [loop all skipped] ********************************************************",
                "skipping: [web1] => (item=1) ",
                "skipping: [web1] => (item=2) ",
                "skipping: [web1]",
                "TASK [empty loop] **************************************************************",
                "skipping: [web1]",
                "TASK [a changed debug shows its message] ***************************************",
                "changed: [web1] => {",
                "PLAY RECAP *********************************************************************",
                "web1                       : ok=2    changed=1    unreachable=0    failed=0    skipped=2    rescued=0    ignored=1   "),
                lines, r.toString());
        assertEquals("No items in the list", r.events("loop_end").stream().filter(e -> "empty loop".equals(e.get("task")))
                .map(e -> ((Map<?, ?>) e.get("result")).get("skipped_reason")).findFirst().orElseThrow());
    }

    @Test
    void loopControlPausesBetweenItemsButNotAfterTheLast() {
        long start = System.nanoTime();
        // the second task pauses 600 s after each item but the last (it has one): it ends at once, well within the bound
        RunResult r = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofMinutes(5),
                () -> EngineRun.playbook("loops/pause.yml"), "no pause after the last item");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(3, r.results("paused loop", "web1").size());
        assertEquals(1, r.results("one item, long pause", "web1").size());
        assertTrue(millis >= 600, "two pauses of 0.3 s: " + millis + " ms");
    }

    @Test
    void pairsMadeInATemplateReachTheTaskAsListsAsInAnsible() {
        RunResult r = EngineRun.cli(EngineRun.fixture("loops/pairs.yml"), "-i", "localhost,", "-c", "local");
        assertEquals(0, r.exitCode(), r.toString());
        r.results("each pair", "localhost").forEach(e -> assertEquals("list",
                ((java.util.Map<?, ?>) e.get("result")).get("msg"), r.toString()));
        assertEquals(2, r.results("each pair", "localhost").size(), r.toString());
        // a fact holds lists; inside one expression zip still gives tuples, which are not lists (Python)
        assertEquals(java.util.List.of(true, false), r.msg("compared with lists", "localhost"), r.toString());
    }
}
