package io.runbook.engine.exec;

import io.runbook.engine.config.SettingValues;
import io.runbook.engine.facts.InterpreterDiscovery;
import io.runbook.engine.module.ConnectionType;
import io.runbook.engine.module.LoginShell;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
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
 * Ansible's. A host of a local connection is the controller itself (a PATH lookup and os-release, no process
 * started); a remote one is asked with one shell command over its connection ({@link InterpreterDiscovery#script}),
 * as its login user.
 */
final class PythonDiscovery {
    /**
     * Ansible's actions that run no module on the host (and so never discover), and those whose result is not a
     * module's ({@code fetch}, {@code reboot}, {@code wait_for_connection}: the modules they run inside keep what
     * discovery found, so the host gets no fact and the next module discovers).
     */
    private static final Set<String> NO_MODULE = Set.of("debug", "assert", "fail", "set_fact", "include_vars", "add_host",
            "group_by", "set_stats", "raw", "script", "pause", "validate_argument_spec", "meta", "fetch", "reboot",
            "wait_for_connection");

    private static final List<LoginShell> SHELLS = load();

    /** What discovery found for one call: the fact's value, the warnings for the result, whether the result carries it. */
    record Discovered(String interpreter, List<String> warnings, boolean inResult) {
    }

    private PythonDiscovery() {
    }

    private static List<LoginShell> load() {
        List<LoginShell> out = new java.util.ArrayList<>();
        java.util.ServiceLoader.load(LoginShell.class).forEach(out::add);
        return List.copyOf(out);
    }

    /**
     * Discovers for this call when Ansible would (null when it would not, or the host is neither local nor reached by
     * a {@link LoginShell}). {@code ctx}: the call's context, whose connection a remote host is asked over. A delegated
     * task discovers as its delegate's variables say (its interpreter setting, fallback list and facts), as Ansible's
     * {@code ansible_delegated_vars}; the warnings name the task's host, as Ansible's.
     */
    static Discovered before(RunState run, Task task, io.runbook.engine.module.Module module, ModuleContext ctx,
                             Map<String, Object> vars) throws ModuleException, InterruptedException {
        if (NO_MODULE.contains(task.action()) || discovered(task, vars)
                || io.runbook.engine.pyplugin.ActionPlugins.runs(module) || module.onlyCallsModules(ctx)) {
            // once discovered (every module call after the first) nothing to do; a Python action plugin runs no module
            // itself (those it calls discover: forModule); through a Python connection plugin ansible-core discovers itself
            return null;
        }
        return forModule(run, task, ctx, vars);
    }

    /** Whether Ansible's action runs no module of its own (its result is none of a module's). */
    static boolean runsNoModule(String action) {
        return NO_MODULE.contains(action);
    }

    /** Whether the host (the delegate, for a delegated task) has its discovered_interpreter_python fact. */
    private static boolean discovered(Task task, Map<String, Object> vars) {
        return hostVars(task, vars).get("ansible_facts") instanceof Map<?, ?> facts
                && facts.containsKey(InterpreterDiscovery.FACT);
    }

    /**
     * Discovers for a module {@code task}'s action runs (as an action plugin's {@code _execute_module} does) when
     * Ansible would, whatever the task's action: null when it would not.
     */
    static Discovered forModule(RunState run, Task task, ModuleContext ctx, Map<String, Object> vars)
            throws ModuleException, InterruptedException {
        if (discovered(task, vars)) {
            return null;  // once discovered (every module call after the first), nothing to render or look up
        }
        Map<String, Object> own = hostVars(task, vars);
        boolean local = ConnectionType.isLocal(vars.get("ansible_connection"));
        LoginShell shell = local ? null : SHELLS.stream().filter(s -> s.handles(ctx)).findFirst().orElse(null);
        if (!local && shell == null) {
            return null;
        }
        // the host's variables, else the run's settings (ANSIBLE_PYTHON_INTERPRETER, ansible.cfg's interpreter_python),
        SettingValues settings = (SettingValues) run.options.services().getOrDefault(SettingValues.class, SettingValues.NONE);
        // rendered with the task's host's variables (a delegate's setting too), as Ansible's _get_shebang renders it
        Object setting = InterpreterDiscovery.setting(java.util.Collections.singletonMap("ansible_python_interpreter",
                interpreter(own, vars)), settings);
        String mode = InterpreterDiscovery.mode(InterpreterDiscovery.rendered(ctx, setting));
        if (mode == null) {
            return null;
        }
        List<String> fallback = InterpreterDiscovery.fallback(own, settings);
        run.listeners.verbose(3, ctx.host(), "Attempting python interpreter discovery");
        InterpreterDiscovery.Found found;
        if (local) {
            found = InterpreterDiscovery.decide(ctx.host(), mode,
                    InterpreterDiscovery.local(fallback, run.options.environment().get("PATH")), fallback);
        } else {
            found = remote(run, ctx.host(), mode, fallback, shell.run(ctx, InterpreterDiscovery.script(fallback)));
        }
        if (found.verbose() != null) {
            run.listeners.verbose(3, ctx.host(), found.verbose());
        }
        // as Ansible: a task delegated without delegate_facts keeps the fact to itself (the next one discovers again)
        boolean inResult = task.keywords().delegateTo() == null || Boolean.TRUE.equals(task.keywords().delegateFacts());
        return new Discovered(found.interpreter(), found.warnings(), inResult);
    }

    /** What a remote host's answer gives; an answer Ansible would not read is its "unhandled error" (and its fallback). */
    private static InterpreterDiscovery.Found remote(RunState run, String host, String mode, List<String> fallback, String out) {
        InterpreterDiscovery.Probe probe = InterpreterDiscovery.remote(out);
        if (probe != null) {
            return InterpreterDiscovery.decide(host, mode, probe, fallback);
        }
        if (!mode.endsWith("_silent")) {
            run.listeners.warning("Unhandled error in Python interpreter discovery for host " + host
                    + ": unexpected output from Python interpreter discovery");
        }
        InterpreterDiscovery.Found f = InterpreterDiscovery.decide(host, mode, new InterpreterDiscovery.Probe("unknown",
                List.of("/usr/bin/python"), ""), fallback);
        return new InterpreterDiscovery.Found(f.interpreter(), f.warnings(), null);
    }

    /**
     * The variables discovery reads: the host's, or for a delegated task its delegate's (Ansible's
     * {@code ansible_delegated_vars[delegate]}; a delegate the inventory lacks has none).
     */
    private static Map<String, Object> hostVars(Task task, Map<String, Object> vars) {
        if (task.keywords().delegateTo() != null && vars.get("ansible_delegated_vars") instanceof Map<?, ?> delegated
                && delegated.size() == 1 && delegated.values().iterator().next() instanceof Map<?, ?> theirs) {
            @SuppressWarnings("unchecked")
            Map<String, Object> out = (Map<String, Object>) theirs;
            return out;
        }
        return vars;
    }

    /**
     * The host's {@code ansible_python_interpreter}; a delegate's as written (null: none): Ansible takes the
     * delegate's setting but renders it with the task's host's variables, not the delegate's.
     */
    private static Object interpreter(Map<String, Object> own, Map<String, Object> vars) {
        if (own != vars && own instanceof VarScope scope) {
            return scope.containsKey("ansible_python_interpreter") ? scope.raw("ansible_python_interpreter") : null;
        }
        return own.get("ansible_python_interpreter");
    }

    /** The host's discovered interpreter fact, or null. */
    private static Object discovered(Map<String, Object> vars) {
        return vars.get("ansible_facts") instanceof Map<?, ?> facts ? facts.get(InterpreterDiscovery.FACT) : null;
    }

    /**
     * The variables the module sees: with the discovered fact under {@code ansible_facts}; for a delegated task, the
     * delegate's interpreter setting and fact (discovered now, else its own), as Ansible's modules get the delegate's.
     */
    static Map<String, Object> vars(Task task, Map<String, Object> vars, Discovered d) {
        Map<String, Object> own = hostVars(task, vars);
        if (d == null && own == vars) {
            return vars;
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        if (vars.get("ansible_facts") instanceof Map<?, ?> m) {
            m.forEach((k, v) -> facts.put(String.valueOf(k), v));
        }
        Object interpreter = d != null ? d.interpreter() : discovered(own);
        if (interpreter == null) {
            facts.remove(InterpreterDiscovery.FACT);
        } else {
            facts.put(InterpreterDiscovery.FACT, interpreter);
        }
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("ansible_facts", facts);
        if (own != vars) {
            top.put("ansible_python_interpreter", interpreter(own, vars));
        }
        if (vars instanceof VarScope scope) {
            return scope.with(top);
        }
        Map<String, Object> out = new LinkedHashMap<>(vars);
        out.putAll(top);
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

    /**
     * {@code result} with discovery's fact and warnings (under {@code warnings}), as Ansible's _execute_module gives it
     * to an action plugin.
     */
    static Map<String, Object> withDiscovered(Listeners listeners, Task task, Map<String, Object> result, Discovered discovered) {
        if (task == null) {
            return result;
        }
        Map<String, Object> out = new LinkedHashMap<>(result);
        List<String> found = into(listeners, task, out, discovered);
        if (!found.isEmpty()) {
            List<Object> all = new java.util.ArrayList<>(out.get("warnings") instanceof List<?> l ? l : List.of());
            all.addAll(found);
            out.put("warnings", all);
        }
        return out;
    }
}
