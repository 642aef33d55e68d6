package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Check mode carries what earlier tasks would have created through the run (namespaces, CRDs, Secrets, Helm
 * releases and the chart's objects), so a playbook whose tasks build on each other predicts on a new, empty
 * cluster, and predicts task by task what a real run then reports.
 */
class CheckModeTest {
    private static final String PLAYBOOK = "test/resources/check/carried.yml";
    private static final String INVENTORY = "test/resources/check/inventory";

    @Test
    void checkModeOnANewClusterPredictsEveryTaskAsTheRealRunReportsIt() {
        RunResult check = EngineRun.cli(PLAYBOOK, "-i", INVENTORY, "--check");
        assertEquals(0, check.exitCode(), check.toString());
        RunResult real = EngineRun.cli(PLAYBOOK, "-i", INVENTORY);
        assertEquals(0, real.exitCode(), real.toString());

        Map<String, String> predicted = statuses(check);
        Map<String, String> reported = statuses(real);
        assertEquals("ok", predicted.remove("The cluster itself was not touched in check mode"), check.toString());
        assertEquals("skipped", reported.remove("The cluster itself was not touched in check mode"), real.toString());
        assertEquals(reported, predicted, "check mode predicts each task as the real run reports it\n" + check + "\n" + real);
        assertEquals(real.recap("c1").get("changed"), check.recap("c1").get("changed"));
        assertEquals("changed", predicted.get("Install the web chart in the namespace"));
        assertEquals("ok", predicted.get("The same release again changes nothing"));
        assertFalse(check.out().contains("a-long-database-password"), check.out());
    }

    /** Each task's status on c1, in order. */
    private static Map<String, String> statuses(RunResult run) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String task : run.tasksRunOn("c1")) {
            out.put(task, run.status(task, "c1"));
        }
        return out;
    }
}
