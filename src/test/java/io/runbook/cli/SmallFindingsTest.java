package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The one-line findings of the DR-day trial: {@code inventory --explain} and {@code modules} for engine actions. */
class SmallFindingsTest {
    @Test
    void explainShowsLongValuesWholeAndKeepsColumnsInLineAroundMaskedOnes() {
        String inventory = EngineRun.fixture("input/explain/hosts.yml");
        RunResult r = EngineRun.cli("inventory", "--host", "mp", "--explain", "-i", inventory,
                "--vault-password-file", EngineRun.fixture("input/vault/vault-pass.txt"));
        assertEquals(0, r.exitCode(), r.toString());
        List<String> lines = r.out().lines().toList();
        String header = lines.get(1);
        assertTrue(header.matches("VARIABLE +SET AT +LAYER +VALUE"), header);
        String charts = row(lines, "charts_dir");
        assertTrue(charts.endsWith("\"/srv/runbook/backups/2024-06-01/charts/managementplane-1.9.0/values-overrides\""), charts);
        String password = row(lines, "admin_password");
        assertTrue(password.endsWith("\"********\""), password);
        assertFalse(r.out().contains("a-long-vaulted-password"), r.out());
        for (String row : List.of(charts, password, row(lines, "region"))) {
            assertEquals(header.indexOf("SET AT"), row.indexOf(inventory), "SET AT in line: " + row);
            assertEquals(header.indexOf("LAYER"), row.indexOf("inventory host"), "LAYER in line: " + row);
        }
    }

    private static String row(List<String> lines, String variable) {
        return lines.stream().filter(l -> l.startsWith(variable + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + variable + " in " + lines));
    }

    @Test
    void everyEngineActionIsListedAndExplainedLikeAModule() {
        RunResult list = EngineRun.cli("modules");
        assertEquals(0, list.exitCode(), list.toString());
        for (String action : List.of("set_fact", "meta", "include_tasks", "import_tasks", "debug", "k8s_apply")) {
            assertTrue(list.out().lines().anyMatch(l -> l.startsWith(action + " ")), action + " listed: " + list.out());
        }
        RunResult setFact = EngineRun.cli("modules", "set_fact");
        assertEquals(0, setFact.exitCode(), setFact.toString());
        assertTrue(setFact.out().startsWith("set_fact: Set variables of the host"), setFact.out());
        RunResult meta = EngineRun.cli("modules", "ansible.builtin.meta");
        assertEquals(0, meta.exitCode(), meta.toString());
        assertTrue(meta.out().contains("flush_handlers|end_play|end_batch|end_host|clear_host_errors|clear_facts|refresh_inventory|reset_connection|noop"), meta.out());
        RunResult typo = EngineRun.cli("modules", "set_fcat");
        assertEquals(5, typo.exitCode(), typo.toString());
        assertEquals("ERROR: unknown module 'set_fcat' (did you mean 'set_fact'?)", typo.err().strip());
    }
}
