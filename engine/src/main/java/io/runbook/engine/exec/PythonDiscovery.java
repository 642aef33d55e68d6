package io.runbook.engine.exec;

import io.runbook.engine.config.SettingValues;
import io.runbook.engine.facts.InterpreterDiscovery;
import io.runbook.engine.playbook.Task;
import io.runbook.engine.vars.VarScope;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where Ansible discovers a host's Python before a task's module runs: on the first module it would run as Python on
 * the host (every action but those that run no module on it, ping and setup too) while the host's interpreter is
 * {@code auto…} (the default; the host's {@code ansible_python_interpreter}, else the run's INTERPRETER_PYTHON) and the
 * host has no {@code discovered_interpreter_python} fact yet. The engine runs
 * most modules natively, but gives the same fact (and warnings) in the same result, so what a playbook sees is
 * Ansible's. Only hosts of a local connection are asked (the controller itself: a PATH lookup and os-release, no
 * process started).
 */
final class PythonDiscovery {
    /** Ansible's actions that run no module on the host (and so never discover). */
    private static final Set<String> NO_MODULE = Set.of("debug", "assert", "fail", "set_fact", "include_vars", "add_host",
            "group_by", "set_stats", "raw", "script", "pause", "validate_argument_spec", "meta");

    /** What discovery found for one call: the fact's value, the warnings for the result, whether the result carries it. */
    record Discovered(String interpreter, List<String> warnings, boolean inResult) {
    }

    private PythonDiscovery() {
    }

    /** Discovers for this call when Ansible would; null when it would not (or the host is not reached locally). */
    static Discovered before(RunState run, Task task, String host, Map<String, Object> vars) {
        if (NO_MODULE.contains(task.action()) || !local(vars.get("ansible_connection"))) {
            return null;
        }
        // the host's variables, else the run's settings (ANSIBLE_PYTHON_INTERPRETER, ansible.cfg's interpreter_python)
        SettingValues settings = (SettingValues) run.options.services().getOrDefault(SettingValues.class, SettingValues.NONE);
        String mode = InterpreterDiscovery.mode(InterpreterDiscovery.setting(vars, settings));
        if (mode == null || (vars.get("ansible_facts") instanceof Map<?, ?> facts && facts.containsKey(InterpreterDiscovery.FACT))) {
            return null;
        }
        List<String> fallback = InterpreterDiscovery.fallback(vars, settings);
        InterpreterDiscovery.Found found = InterpreterDiscovery.decide(host, mode,
                InterpreterDiscovery.local(fallback, run.options.environment().get("PATH")), fallback);
        run.listeners.verbose(3, host, "Attempting python interpreter discovery");
        if (found.verbose() != null) {
            run.listeners.verbose(3, host, found.verbose());
        }
        // as Ansible: a task delegated without delegate_facts keeps the fact to itself (the next one discovers again)
        boolean inResult = task.keywords().delegateTo() == null || Boolean.TRUE.equals(task.keywords().delegateFacts());
        return new Discovered(found.interpreter(), found.warnings(), inResult);
    }

    /** The variables the module sees: with the discovered fact under {@code ansible_facts}. */
    static Map<String, Object> vars(Map<String, Object> vars, Discovered d) {
        if (d == null) {
            return vars;
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        if (vars.get("ansible_facts") instanceof Map<?, ?> m) {
            m.forEach((k, v) -> facts.put(String.valueOf(k), v));
        }
        facts.put(InterpreterDiscovery.FACT, d.interpreter());
        if (vars instanceof VarScope scope) {
            return scope.with(Map.of("ansible_facts", facts));
        }
        Map<String, Object> out = new LinkedHashMap<>(vars);
        out.put("ansible_facts", facts);
        return out;
    }

    /**
     * A fact Ansible's clean_facts keeps from being a variable of its own ({@code ansible_<name>_interpreter}: a
     * module cannot set a host's interpreter); it stays under {@code ansible_facts}, without its prefix.
     */
    static boolean restricted(String fact) {
        return fact.startsWith("ansible_") && fact.endsWith("_interpreter") && fact.length() > "ansible__interpreter".length();
    }

    /**
     * Cleans a module's result as Ansible's _execute_module does (facts named discovered_interpreter_… are only
     * discovery's), then puts the discovered fact in it. Gives discovery's warnings (the result's, shown as [WARNING] lines).
     */
    static List<String> into(Listeners listeners, Task task, Map<String, Object> result, Discovered d) {
        if (NO_MODULE.contains(task.action())) {
            return List.of();
        }
        if (result.get("ansible_facts") instanceof Map<?, ?> m) {
            Map<String, Object> facts = new LinkedHashMap<>();
            m.forEach((k, v) -> facts.put(String.valueOf(k), v));
            facts.keySet().removeIf(k -> k.startsWith("discovered_interpreter_") || k.startsWith("ansible_discovered_interpreter_"));
            result.put("ansible_facts", facts);
            // shown (not in the result) as Ansible's clean_facts warns (ansible-playbook shows it once more, after the
            // result, from its other process; the engine shows a warning once)
            facts.keySet().stream().filter(PythonDiscovery::restricted)
                    .forEach(k -> listeners.warning("Removed restricted key from module data: " + k));
        }
        if (d == null) {
            return List.of();
        }
        if (d.inResult()) {
            Map<String, Object> facts = new LinkedHashMap<>();
            if (result.get("ansible_facts") instanceof Map<?, ?> m) {
                m.forEach((k, v) -> facts.put(String.valueOf(k), v));
            }
            facts.put(InterpreterDiscovery.FACT, d.interpreter());
            result.put("ansible_facts", facts);
        }
        return d.warnings();
    }

    private static boolean local(Object connection) {
        String c = connection == null ? "" : String.valueOf(connection);
        return c.equals("local") || c.equals("ansible.builtin.local") || c.equals("ansible.legacy.local");
    }
}
