package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VarsTest {
    private final RunResult run = EngineRun.playbook("vars/vars.yml");

    @Test
    void inventoryVarsAndPlayVarsLayerWithPlayVarsOnTop() {
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("shop on web1 port 8081 in play-region", run.msg("inventory and play vars", "web1"));
        assertEquals("shop on db1 port 5432 in play-region", run.msg("inventory and play vars", "db1"));
    }

    @Test
    void varsFilesLoadInOrderAndAListTakesTheFirstFileThatExists() {
        assertEquals("from common / frontend file", run.msg("vars files and first found", "web1"));
        assertEquals("from common / fallback file", run.msg("vars files and first found", "db1"));
    }

    @Test
    void registerAndSetFactAreVisibleToLaterTasks() {
        assertEquals("changed", run.status("register a result", "web1"));
        assertEquals("registered message changed=True", run.msg("read the registered result", "web1"));
        assertEquals("shop-db1", run.registered("read the fact", "db1").get("computed"));
        assertEquals(Map.of("computed", "shop-web1"), run.registered("set a fact", "web1").get("ansible_facts"));
    }

    @Test
    void magicVariablesDescribeTheInventoryAndThePlay() {
        Map<?, ?> magic = (Map<?, ?>) run.msg("magic variables", "db1");
        assertEquals(List.of("web1", "web2", "web3"), magic.get("groups_web"));
        assertEquals(List.of("db"), magic.get("group_names"));
        assertEquals(List.of("web1", "db1"), magic.get("play_hosts"));
        assertEquals(8081, magic.get("other_port"), "hostvars reads another host's variables");
        assertEquals(false, magic.get("check"));
        assertEquals(false, magic.get("diff"));
    }

    @Test
    void blockVarsTaskVarsSetFactAndHostvarsFollowAnsiblesPrecedence() {
        RunResult r = EngineRun.playbook("vars/precedence.yml");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("play-tier 8081 eu", r.msg("inventory group var loses to play var", "web1"));
        assertEquals("block", r.msg("block var", "web1"));
        assertEquals("task", r.msg("task var beats block var", "web1"));
        assertEquals("fact", r.msg("task var vs set_fact", "web2"), "set_fact beats task vars, as in Ansible");
        assertEquals("registered", r.msg("hostvars sees another host's registered result", "web2"));
        assertEquals("fallback", r.msg("default and defined", "web1"));
        assertEquals(List.of("a", "b"), r.results("loop of dicts with label and notify", "web1").stream().map(e -> e.get("item")).toList(),
                "the label is printed, not the whole item");
        assertEquals(1, r.results("h", "web2").size(), "a changed loop item notifies: " + r);
        assertEquals("skipped", r.status("h", "web1"), "the handler's own when applies");
    }

    @Test
    void whenListIsAndAndASkippedTaskIsStillRegistered() {
        RunResult r = EngineRun.playbook("vars/conditions.yml");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("skipped", r.status("skipped", "web1"), "one false condition of the list skips");
        Map<?, ?> registered = (Map<?, ?>) r.registered("show", "web1").get("sk");
        assertEquals(true, registered.get("skipped"), r.toString());
        assertEquals("Conditional result was False", registered.get("skip_reason"));
        assertFalse(registered.containsKey("false_condition"), "ansible-core 2.14 does not name the false condition: " + registered);
        assertEquals("ok", r.status("both true", "web1"));
        r.assertRecap("web1", 2, 0, 0, 0, 1, 0, 0);
    }

    @Test
    void aFactIsTemplatedAgainWhenReadUnlessItCameFromUnsafeData() {
        // as ansible-playbook 2.14 gives it (checked with Debian's ansible-core): set_fact keeps the {{ }} a template
        // wrote as a template; output of a command (register) stays text through filters, concatenation, lists, vars
        RunResult r = EngineRun.cli(EngineRun.fixture("vars/set_fact_templates.yml"), "-i", "localhost,", "-c", "local");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(List.of("1.0", "v1.0", "{{ ver }}", "{{ VER }}", "seen: {{ ver }}", List.of("{{ ver }}"),
                "{{ ver }}"), r.msg("read them", "localhost"), r.toString());
        assertEquals("2.0", r.msg("read again", "localhost"), r.toString());
    }

    @Test
    void aHostsVariablesWholeHaveNoHostvarsOfTheirOwn() {
        // vars/hostvars_whole.yml ends the same with ansible-playbook 2.14 (it printed hostvars[h] until the stack ran out)
        RunResult r = EngineRun.playbook("vars/hostvars_whole.yml");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(false, r.msg("no hostvars in them", "web1"), r.toString());
        assertEquals("ok", r.status("a host's variables whole", "web1"), r.toString());
    }

    @Test
    void hostvarsHoldsTheHostsOwnVariablesAndKeepsWhatNeedsOthersAsWritten() {
        // as ansible-playbook 2.14 gives it (checked with Debian's ansible-core), ansible-core's loops target (issue 64169)
        RunResult r = EngineRun.cli(EngineRun.fixture("vars/hostvars_own/site.yml"), "-i", "localhost,", "-c", "local");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(List.of("no play vars", "no role defaults", "no role vars", "app-{{ app_version }}", "hello localhost",
                List.of("app-{{ app_version }}")), r.msg("app : what hostvars has of this host", "localhost"), r.toString());
        assertEquals(List.of(List.of("app-{{ app_version }}"), List.of("app-1.0")), r.msg("app : the two facts", "localhost"), r.toString());
    }
}
