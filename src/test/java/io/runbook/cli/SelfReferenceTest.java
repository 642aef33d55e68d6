package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Variables that need themselves are refused before anything runs, wherever they are set — the inventory's inline
 * vars, group_vars and host_vars, the play's vars and its vars_files — with the chain and where each link is set,
 * checked for each host as the run would merge its variables: a play var that replaces a link breaks the chain.
 */
class SelfReferenceTest {
    private static final Path DIR = EngineRun.FIXTURES.resolve("selfref");

    private static RunResult run(String playbook, String inventory, String... more) {
        String[] args = new String[more.length + 3];
        args[0] = EngineRun.fixture("selfref/" + playbook);
        args[1] = "-i";
        args[2] = EngineRun.fixture("selfref/" + inventory);
        System.arraycopy(more, 0, args, 3, more.length);
        return EngineRun.cli(args);
    }

    /** Refused with exit 3 before any play started, with exactly this error line. */
    private static void refused(RunResult r, String expected) {
        assertEquals(3, r.exitCode(), r.toString());
        assertFalse(r.out().contains("PLAY ["), "nothing may run: " + r);
        assertTrue(r.events().isEmpty(), "nothing may run: " + r);
        assertTrue(r.err().lines().anyMatch(l -> l.equals("ERROR: " + expected)), "expected\nERROR: " + expected + "\nin\n" + r);
    }

    @Test
    void aChainThroughAHostsInlineVarAndItsGroupVarsIsRefusedNamingEachLinksPlaceAndTheHost() {
        Path groupVars = DIR.resolve("inline/group_vars/edges.yml");
        refused(run("api.yml", "inline/hosts.yml"), groupVars + ":1:1: variable 'api_host' refers to itself: "
                + "api_host → api_url → api_host (api_host at " + groupVars + ":1:1 in inventory group_vars 'edges', "
                + "api_url at " + DIR.resolve("inline/hosts.yml") + ":7:11 in inventory host; for host edge1)");
    }

    @Test
    void aHostVarsFileVariableBuiltFromItselfIsRefusedAtItsKey() {
        Path hostVars = DIR.resolve("host_vars/host_vars/cp2.yml");
        refused(run("backups.yml", "host_vars/hosts.yml"), hostVars + ":2:1: variable 'backup_dir' refers to itself: "
                + "backup_dir → backup_dir (in inventory host_vars 'cp2'; for host cp2)");
    }

    @Test
    void aChainThroughAVarsFileAndThePlaysVarsIsRefusedNamingBothFiles() {
        Path varsFile = DIR.resolve("vars/endpoints.yml");
        RunResult r = EngineRun.cli(EngineRun.fixture("selfref/vars_files.yml"), "-i", EngineRun.fixture("inventory/hosts.yml"));
        refused(r, DIR.resolve("vars_files.yml") + ":6:5: variable 'mirror' refers to itself: mirror → registry → mirror "
                + "(mirror at " + DIR.resolve("vars_files.yml") + ":6:5 in the play's vars, registry at " + varsFile
                + ":1:1 in vars_files endpoints.yml)");
    }

    @Test
    void aPlayVarThatReplacesALinkOfTheInventorysChainLetsThePlayRun() {
        RunResult r = run("api_host_given.yml", "inline/hosts.yml");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("\"msg\": \"https://edge1.example.test:8443\""), r.out());
    }

    @Test
    void anExtraVarThatReplacesALinkLetsThePlayRun() {
        RunResult r = run("backups.yml", "host_vars/hosts.yml", "-e", "backup_dir=/var/backups");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("\"msg\": \"/var/backups\""), r.out());
    }

    @Test
    void aHostOutsideTheLimitIsNotChecked() {
        RunResult r = run("api.yml", "inline/hosts.yml", "--limit", "edge2");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("\"msg\": \"edge2.example.test\""), r.out());
    }
}
