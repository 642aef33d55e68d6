package io.runbook.engine.pyplugin;

import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.engine.vars.Conditions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Python action plugin as a task's action ({@link ActionPlugins}): the plugin gets the task's arguments and variables,
 * its result is the task's. Arguments are not checked before the run: the plugin checks them, as Ansible's do. It runs
 * in check mode too (the plugin decides, as ActionBase's {@code _supports_check_mode}).
 */
final class ActionPluginModule implements Module {
    private static final ArgSpec SPEC = ArgSpec.builder().otherKeys("the action plugin's own arguments (it checks them itself)")
            .build();
    /** Variables not handed to the plugin: the other hosts' (large, and read through the engine's own). */
    private static final List<String> NOT_HANDED = List.of("hostvars", "vars");
    private final ActionPlugins plugins;
    private final String name;
    /** The Python connection plugin the task runs through (ansible-core's action and module with it), or null. */
    private final String connection;
    /** The task's module when the plugin is the playbook's {@code normal} one running it, else null. */
    private final String module;

    ActionPluginModule(ActionPlugins plugins, String name, String connection) {
        this(plugins, name, connection, null);
    }

    /** {@code module}: the module the plugin {@code name} runs as Ansible's {@code normal} action (else null). */
    ActionPluginModule(ActionPlugins plugins, String name, String connection, String module) {
        this.plugins = plugins;
        this.name = name;
        this.connection = connection;
        this.module = module;
    }

    /** Whether the plugin is ansible-core's, run with a Python connection plugin. */
    boolean throughConnection() {
        return connection != null;
    }

    @Override
    public String name() {
        return module != null ? module : name;
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public String description() {
        if (module != null) {
            return module + " through the playbook's Python action plugin normal (run with the controller's ansible-core)";
        }
        return connection != null ? name + " through the Python connection plugin " + connection + " (run with the controller's ansible-core)"
                : "the Python action plugin " + name + " (run with the controller's ansible-core)";
    }

    @Override
    public Result run(ModuleContext ctx) throws ModuleException, InterruptedException {
        Map<String, Object> args = new LinkedHashMap<>(ctx.args().asMap());
        args.putAll(ctx.args().others());
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("action", ctx.writtenAction() != null ? ctx.writtenAction() : module != null ? module : name);
        task.put("async", ctx.asyncSeconds());
        task.put("args", args);
        task.put("check", ctx.checkMode());
        task.put("diff", ctx.diffMode());
        task.put("no_log", ctx.noLog());
        task.put("environment", ctx.environment());
        task.put("host", String.valueOf(ctx.connectionVars().getOrDefault("ansible_host", ctx.host())));
        task.put("connection", String.valueOf(ctx.connectionVars().getOrDefault("ansible_connection", "ssh")));
        if (ctx.vars().get("ansible_delegated_vars") instanceof Map<?, ?> delegated && delegated.size() == 1) {
            task.put("delegate_to", String.valueOf(delegated.keySet().iterator().next()));
        }
        if (connection != null) {
            task.put("connection_plugin", connection);
            task.put("inventory_host", ctx.host());
            // a loop's items share the plugin's connection, as in Ansible's TaskExecutor; the next task gets a new one
            task.put("connection_key", ctx.taskName() + "\0" + name);
            task.put("verbosity", ctx.verbosity());
        }
        Map<String, Object> vars = new LinkedHashMap<>();
        ctx.vars().forEach((k, v) -> {
            if (!NOT_HANDED.contains(k) && serializable(v)) {
                vars.put(k, v);
            }
        });
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("task", task);
        request.put("vars", vars);
        if (connection != null && task.containsKey("delegate_to")) {
            delegateVars(request, ((Map<?, ?>) ctx.vars().get("ansible_delegated_vars")).values().iterator().next());
        }
        if (connection != null) {
            @SuppressWarnings("unchecked")
            Map<String, Object> connectionVars = (Map<String, Object>) request.getOrDefault("connection_vars", vars);
            commandLinePasswords(ctx, connectionVars);
        }
        request.put("basedir", ctx.baseDir() == null ? null : ctx.baseDir().toString());
        return result(ctx, plugins.run(ctx, name, request));
    }

    /**
     * A delegated task's connection is made with the delegate's variables alone (Ansible's {@code cvars}, its
     * {@code ansible_delegated_vars}: the task's and play's with the delegate's, hostvars, not the task's host's own):
     * those rendered here as {@code connection_vars}, those that do not render (a variable of the task's host only) as
     * written, as {@code connection_raw}, for ansible-core to render when the plugin reads them and fail as Ansible's.
     */
    private static void delegateVars(Map<String, Object> request, Object delegated) {
        if (!(delegated instanceof io.runbook.engine.vars.VarScope theirs)) {
            return;
        }
        Map<String, Object> rendered = new LinkedHashMap<>();
        Map<String, Object> raw = new LinkedHashMap<>();
        for (String k : theirs.names()) {
            if (NOT_HANDED.contains(k) || k.equals("ansible_delegated_vars")) {
                continue;
            }
            Object v;
            try {
                v = theirs.get(k);
            } catch (RuntimeException e) {
                v = e;
            }
            if (!(v instanceof RuntimeException) && serializable(v)) {
                rendered.put(k, v);
            } else if (serializable(theirs.raw(k))) {
                // undefined (an error or a lazy undefined value): as written
                raw.put(k, theirs.raw(k));
            }
        }
        request.put("connection_vars", rendered);
        request.put("connection_raw", raw);
    }

    /**
     * The command line's passwords ({@code -k}, {@code -K}), which are no variables, under the variables the plugin's
     * connection is made with: as Ansible's play context gives them to a connection whose variables set none.
     */
    private static void commandLinePasswords(ModuleContext ctx, Map<String, Object> connectionVars) {
        for (String name : List.of("ansible_password", "ansible_become_password")) {
            Object password = ctx.connectionVars().get(name);
            if (password != null && !connectionVars.containsKey(name) && serializable(password)) {
                connectionVars.put(name, password);
            }
        }
    }

    private static boolean serializable(Object value) {
        try {
            PluginProcess.JSON.writeValueAsString(value);
            return true;
        } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
            return false;
        }
    }

    /** The plugin's result dict as the task's: its warnings shown as the task's, the rest registered as given. */
    private static Result result(ModuleContext ctx, Map<String, Object> given) {
        Map<String, Object> data = new LinkedHashMap<>(given);
        data.keySet().removeIf(k -> k.startsWith("_ansible_"));
        List<String> order = List.copyOf(data.keySet());
        if (data.remove("warnings") instanceof List<?> warnings) {
            warnings.forEach(w -> ctx.warn(String.valueOf(w)));
        }
        Object rc = data.get("rc");
        boolean failed = data.containsKey("failed") ? Conditions.truthy(data.remove("failed"))
                : rc != null && !String.valueOf(rc).equals("0");
        boolean changed = Conditions.truthy(data.remove("changed"));
        boolean skipped = Conditions.truthy(data.remove("skipped"));
        boolean unreachable = Conditions.truthy(data.remove("unreachable"));
        String msg = data.containsKey("msg") ? String.valueOf(data.remove("msg")) : null;
        Result r = unreachable ? Result.unreachable(msg) : skipped && !failed ? Result.skipped(msg)
                : failed ? Result.failed(msg).withChanged(changed) : Result.changed(changed).withMsg(msg);
        return r.withAll(data).with(ActionPlugins.KEY_ORDER, order);
    }
}
