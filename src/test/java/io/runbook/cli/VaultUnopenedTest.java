package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Vars files encrypted with ansible-vault (input/vault-unopened: the playbook folder's group_vars/all/secret.yml and
 * the inventory folder's host_vars/web1.yml) and no vault password: the commands that ask for no host's variables —
 * {@code --syntax-check}, {@code --list-hosts}, {@code --list-tasks}, {@code --list-tags}, the ad hoc command's
 * {@code --list-hosts}, {@code inventory --graph} — pass, as Ansible 2.14's do (its host_group_vars reads a file only
 * when variables are asked for); a run, and {@code --graph --vars}, refuse the file before anything runs.
 */
class VaultUnopenedTest {
    private static final String DIR = "input/vault-unopened/";
    private static final String INVENTORY = EngineRun.fixture(DIR + "inv/hosts.ini");
    private static final String CAUSE = "this is encrypted with ansible-vault and no vault password was given (give it with"
            + " --vault-password-file FILE, --vault-id [label@]FILE|prompt, --ask-vault-pass, or the"
            + " ANSIBLE_VAULT_PASSWORD_FILE environment variable)";

    private static RunResult playbook(String... args) {
        List<String> all = new ArrayList<>(List.of(EngineRun.fixture(DIR + "playbook.yml"), "-i", INVENTORY));
        all.addAll(List.of(args));
        return EngineRun.cli(all.toArray(String[]::new));
    }

    @Test
    void syntaxCheckAndListingsOpenNoVarsFile() {
        RunResult syntax = playbook("--syntax-check");
        assertEquals(0, syntax.exitCode(), syntax.toString());
        assertTrue(syntax.out().contains("playbook: " + EngineRun.fixture(DIR + "playbook.yml")), syntax.toString());

        RunResult hosts = playbook("--list-hosts");
        assertEquals(0, hosts.exitCode(), hosts.toString());
        assertTrue(hosts.out().contains("hosts (2):"), hosts.toString());

        RunResult tasks = playbook("--list-tasks");
        assertEquals(0, tasks.exitCode(), tasks.toString());
        assertTrue(tasks.out().contains("the secret\tTAGS: [shown]"), tasks.toString());

        RunResult tags = playbook("--list-tags");
        assertEquals(0, tags.exitCode(), tags.toString());
        assertTrue(tags.out().contains("TASK TAGS: [shown]"), tags.toString());

        // a password that opens neither file changes nothing: nothing asks for them
        RunResult wrong = playbook("--syntax-check", "--vault-password-file", EngineRun.fixture("input/vault/vault-pass.txt"));
        assertEquals(0, wrong.exitCode(), wrong.toString());
        for (RunResult r : List.of(syntax, hosts, tasks, tags, wrong)) {
            assertFalse(r.err().contains("ERROR"), r.toString());
        }
    }

    @Test
    void aRunRefusesTheFileBeforeAnythingRunsAndOpensItWithThePassword() {
        HostileInputTest.refusedRun(playbook(), EngineRun.FIXTURES.resolve(DIR + "group_vars/all/secret.yml") + ":1:1", CAUSE);

        RunResult opened = playbook("--vault-password-file", EngineRun.fixture(DIR + "pass.txt"));
        assertEquals(0, opened.exitCode(), opened.toString());
        opened.assertRecap("web1", 1, 0, 0, 0, 0, 0, 0);
        assertTrue(opened.out().contains("\"msg\": \"18 16\""), opened.toString());
    }

    @Test
    void adhocListHostsAndInventoryGraphOpenNoVarsFileGraphWithVarsDoes() {
        RunResult adhoc = EngineRun.cli("adhoc", "web", "-i", INVENTORY, "--list-hosts");
        assertEquals(0, adhoc.exitCode(), adhoc.toString());
        assertTrue(adhoc.out().contains("hosts (2):"), adhoc.toString());

        RunResult graph = EngineRun.cli("inventory", "-i", INVENTORY, "--graph");
        assertEquals(0, graph.exitCode(), graph.toString());
        assertTrue(graph.out().contains("|  |--web1"), graph.toString());

        RunResult vars = EngineRun.cli("inventory", "-i", INVENTORY, "--graph", "--vars");
        assertEquals(3, vars.exitCode(), vars.toString());
        assertTrue(vars.err().contains(EngineRun.fixture(DIR + "inv/host_vars/web1.yml") + ":1:1: " + CAUSE), vars.toString());
    }
}
