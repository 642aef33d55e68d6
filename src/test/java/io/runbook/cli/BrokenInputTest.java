package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The corpus of broken inputs: each names its {@code file:line:col}; all but undefined variables are found
 * before anything runs and exit with the input-error code (3).
 */
class BrokenInputTest {
    /** Runs a broken playbook and checks it was refused before anything ran, with this place and cause. */
    private static RunResult refused(String playbook, String place, String cause) {
        RunResult r = EngineRun.playbook("broken/" + playbook);
        assertEquals(3, r.exitCode(), r.toString());
        assertFalse(r.out().contains("PLAY ["), "nothing may run: " + r);
        assertTrue(r.events().isEmpty(), "nothing may run: " + r);
        String expected = "ERROR: " + EngineRun.FIXTURES.resolve("broken/" + playbook) + ":" + place + ": " + cause;
        assertTrue(r.err().lines().anyMatch(l -> l.equals(expected)), "expected\n" + expected + "\nin\n" + r);
        return r;
    }

    @Test
    void malformedYamlPointsAtTheProblem() {
        refused("malformed.yml", "6:5", "invalid YAML: expected ',' or '}', but got - (while parsing a flow mapping)");
    }

    @Test
    void duplicateKeysAreRefused() {
        refused("duplicate_key.yml", "7:9", "duplicate key 'msg' (first defined at line 6)");
    }

    @Test
    void unknownTaskKeywordSuggestsTheNearMiss() {
        refused("unknown_keyword.yml", "7:7", "unknown keyword 'whn' in a task (did you mean 'when'?)");
    }

    @Test
    void unknownPlayKeywordSuggestsTheNearMiss() {
        refused("unknown_play_keyword.yml", "3:3", "unknown keyword 'taks' in a play (did you mean 'tasks'?)");
    }

    @Test
    void aVarsPromptEntryIsCheckedAsAnsibleChecksIt() {
        // Ansible's words (Play._load_vars_prompt), at the key
        refused("vars_prompt_key.yml", "5:7", "Invalid vars_prompt data structure, found unsupported key 'promt' (did you mean 'prompt'?)");
        refused("vars_prompt_when.yml", "7:7", "Invalid vars_prompt data structure, found unsupported key 'when'");
        refused("vars_prompt_name.yml", "4:7", "a vars_prompt entry needs 'name' (the variable it sets)");
    }

    @Test
    void unknownModuleSuggestsTheNearestModuleEvenForSwappedLetters() {
        RunResult r = refused("unknown_module.yml", "8:7", "unknown module 'debgu' (did you mean 'debug'?)");
        assertFalse(r.out().contains("first task is fine"), r.toString());
    }

    @Test
    void moduleDefaultsAreCheckedBeforeAnythingRuns() {
        refused("module_defaults_action.yml", "6:5", "Could not resolve action debgu in module_defaults (did you mean 'debug'?)");
        refused("module_defaults_arg.yml", "8:38", "unknown argument 'mgs' for module 'debug' (did you mean 'msg'?)");
        refused("module_defaults_group.yml", "5:5", "Error loading module_defaults: could not resolve the module_defaults group "
                + "ansible.builtin.k8ss (did you mean 'ansible.builtin.k8s'?)");
    }

    @Test
    void aCollectionModuleNeitherTheEngineNorTheControllersAnsibleHasIsRefusedBeforeAnythingRuns() {
        RunResult r = refused("ansible_module.yml", "8:7", "unknown module 'example.missing.docker_container'");
        assertFalse(r.out().contains("first task is fine"), r.toString());
    }

    @Test
    void aMisspeltJsonPatchOperationIsRefusedBeforeAnythingRuns() {
        RunResult r = refused("k8s_json_patch_op.yml", "13:11", "argument 'patch': operation 2: op 'ad' is not one of add, remove, replace,"
                + " move, copy, test (did you mean 'add'?)");
        assertFalse(r.out().contains("first task is fine"), r.toString());
    }

    @Test
    void aServicePatchedWithTheJsonMergeTypeIsRefusedBeforeAnythingRuns() {
        RunResult r = refused("k8s_service_merge_type.yml", "11:21", "argument 'merge_type': 'json' is not supported (merge or strategic-merge;"
                + " for a JSON patch, kubernetes.core deprecates json in favour of k8s_json_patch)");
        assertFalse(r.out().contains("first task is fine"), r.toString());
    }

    @Test
    void anUnknownDrainOptionIsRefusedBeforeAnythingRuns() {
        refused("k8s_drain_options.yml", "11:11", "argument 'delete_options': unknown option 'ignore_daemonset' (supported:"
                + " terminate_grace_period, wait_timeout, wait_sleep, force, ignore_daemonsets, delete_emptydir_data, disable_eviction)"
                + " (did you mean 'ignore_daemonsets'?)");
    }

    @Test
    void aMisspeltMailSecureModeIsRefusedBeforeAnythingRuns() {
        RunResult r = refused("mail_secure.yml", "11:17", "argument 'secure' of module 'mail' must be one of always, never, starttls,"
                + " try, got 'starttsl' (did you mean 'starttls'?)");
        assertFalse(r.out().contains("first task is fine"), r.toString());
    }

    @Test
    void kubernetesCoreConnectionArgumentsTheEngineDoesNotTakeAreRefusedBeforeAnythingRuns() {
        RunResult r = refused("k8s_connection.yml", "9:15", "argument 'host': not supported: the engine reaches the cluster through a"
                + " kubeconfig file; give its path as 'kubeconfig' (and 'context'), or set the host's kubeconfig variables");
        assertFalse(r.out().contains("first task is fine"), r.toString());
        refused("k8s_kubeconfig_mapping.yml", "6:21", "argument 'kubeconfig': a kubeconfig given as a mapping is not supported: write it"
                + " to a file and give its path");
    }

    @Test
    void wrongArgumentTypePointsAtTheValue() {
        refused("wrong_arg_type.yml", "6:18", "argument 'seconds' of module 'pause' must be a number, got 'soon'");
    }

    @Test
    void unknownArgumentPointsAtTheArgument() {
        refused("unknown_arg.yml", "6:14", "unknown argument 'mgs' for module 'debug' (did you mean 'msg'?)");
    }

    @Test
    void wrongKeywordTypePointsAtTheValue() {
        refused("wrong_keyword_type.yml", "7:22", "ignore_errors must be a boolean (yes/no, true/false), got a string");
    }

    @Test
    void missingVarsFilePointsAtTheEntry() {
        RunResult r = refused("missing_vars_file.yml", "5:7", "vars file not found: vars/absent.yml (looked in "
                + EngineRun.FIXTURES.resolve("broken").toAbsolutePath() + ")");
        assertFalse(r.err().contains("present.yml"), r.toString());
    }

    @Test
    void missingImportedTaskFilePointsAtTheImport() {
        refused("missing_import.yml", "4:21", "task file not found: "
                + EngineRun.FIXTURES.resolve("broken/no_such_tasks.yml").toAbsolutePath());
    }

    @Test
    void playVarsThatNeedEachOtherAreRefusedBeforeAnythingRunsNamingTheChain() {
        refused("self_reference.yml", "12:5", "variable 'api' refers to itself: api → endpoint → api (in the play's vars)");
        refused("self_reference_text.yml", "5:5", "variable 'path' refers to itself: path → path (in the play's vars)");
    }

    @Test
    void anExtraVarThatReplacesOneOfTheChainLetsThePlayRun() {
        RunResult r = EngineRun.playbook("broken/self_reference_text.yml", "-e", "path=/srv/app");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("\"msg\": \"/srv/app\""), r.out());
    }

    @Test
    void aMistakeInTheLastPlayStopsTheFirstPlayFromRunning() {
        refused("late_error.yml", "14:7", "unknown keyword 'loop_contrl' in a task (did you mean 'loop_control'?)");
    }

    @Test
    void undefinedVariableInATemplateFailsTheTaskOnEachHostWithItsPlace() {
        RunResult r = EngineRun.playbook("broken/undefined_in_template.yml");
        assertEquals(2, r.exitCode(), r.toString());
        // Ansible's wording first (a rescue may look for it), then the variable, at the value's place
        String expected = EngineRun.FIXTURES.resolve("broken/undefined_in_template.yml") + ":6:14: The task includes an option"
                + " with an undefined variable. The error was: 'cluster_name' is undefined";
        assertEquals(expected, r.registered("uses a missing variable", "web1").get("msg"), r.toString());
        assertEquals(expected, r.registered("uses a missing variable", "web2").get("msg"), r.toString());
        assertTrue(r.out().contains("fatal: [web1]: FAILED! => "), r.toString());
        assertFalse(r.out().contains("TASK [not reached]"), r.toString());
        r.assertRecap("web1", 0, 0, 0, 1, 0, 0, 0);
    }

    @Test
    void undefinedVariableInAConditionFailsTheTaskWithItsPlace() {
        RunResult r = EngineRun.playbook("broken/undefined_in_condition.yml");
        assertEquals(2, r.exitCode(), r.toString());
        String expected = EngineRun.FIXTURES.resolve("broken/undefined_in_condition.yml") + ":7:13: undefined variable 'cluster_size'";
        assertEquals(expected, r.registered("tests a missing variable", "web1").get("msg"), r.toString());
        assertTrue(r.lines().contains("fatal: [web1]: FAILED! => {\"msg\": \"" + expected + "\"}"),
                "reported like any failure (it failed silently): " + r);
        r.assertRecap("web1", 0, 0, 0, 1, 0, 0, 0);
    }

    @Test
    void undefinedVariableInALoopExpressionFailsTheTaskWithALine() {
        RunResult r = EngineRun.playbook("broken/undefined_in_loop.yml");
        assertEquals(2, r.exitCode(), r.toString());
        assertEquals(EngineRun.FIXTURES.resolve("broken/undefined_in_loop.yml") + ":7:13: undefined variable 'clusters'",
                r.registered("loops over a missing list", "web1").get("msg"), r.toString());
        assertTrue(r.out().contains("fatal: [web1]: FAILED! => "), r.toString());
    }

    @Test
    void badHostPatternIsRefusedBeforeAnythingRuns() {
        refused("bad_host_pattern.yml", "2:10",
                "unclosed '[' at character 4 of host pattern 'web[1:' (close it, e.g. 'grp[0]' or 'grp[1:3]')");
    }

    @Test
    void badHostPatternInALaterPlayStopsTheFirstPlayFromRunning() {
        refused("late_bad_pattern.yml", "8:10", "'&' in host pattern 'web:&' must be followed by a host or group name");
    }

    @Test
    void badLimitIsRefusedBeforeAnythingRuns() {
        RunResult r = EngineRun.playbook("recap/counters.yml", "--limit", "web[1:");
        assertEquals(5, r.exitCode(), "a mistake on the command line is bad usage: " + r);
        assertFalse(r.out().contains("PLAY ["), r.toString());
        assertTrue(r.err().startsWith("ERROR: --limit: unclosed '['"), r.toString());
    }

    @Test
    void missingPlaybookIsAnInputError() {
        RunResult r = EngineRun.cli("no_such_playbook.yml", "-i", EngineRun.fixture("inventory/hosts.yml"));
        assertEquals(3, r.exitCode(), r.toString());
        assertTrue(r.err().contains("no_such_playbook.yml"), r.toString());
    }

    /** As ansible-playbook 2.14 (rc 4 there: its parse errors; 3 here): a free form splits at a word's first '='. */
    @Test
    void includeAndImportFreeFormsRefuseOtherOptionsAsAnsible() {
        refused("include_tasks_template_spaces.yml", "6:22", "Invalid options for include_tasks: inc{{ '2' if inventory_hostname");
        refused("import_tasks_template_spaces.yml", "6:21", "Invalid options for import_tasks: inc{{ '2' if inventory_hostname");
        refused("import_tasks_other_option.yml", "5:21", "Invalid options for import_tasks: x");
        refused("include_role_free_word.yml", "5:21", "Invalid options for include_role: _raw_params");
    }

    /** Ansible's parse_kv splits any module's one-line form: a key need not be a name, a template's '=' splits too. */
    @Test
    void oneLineFormsSplitAsAnsibleSoOddKeysAreUnknownArguments() {
        refused("oneline_other_key.yml", "6:14", "unknown argument 'foo-bar' for module 'debug'");
        refused("oneline_template_equals.yml", "7:14", "unknown argument '{{ {'msg': a' for module 'debug'");
    }
}
