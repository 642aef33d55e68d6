package io.runbook.engine.exec;

import io.runbook.engine.module.Args;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.vars.LookupPlugin;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The lookup plugins on the class path (such as {@code k8s} from the Kubernetes modules) and the engine's own that
 * need the run ({@code config}, its settings), each run with a module
 * context for the host whose variables are being rendered, sharing the run's clients.
 */
final class LookupRegistry implements LookupPlugin.Registry {
    private final Map<String, LookupPlugin> plugins = new HashMap<>();
    private final RunState run;

    LookupRegistry(RunState run) {
        this.run = run;
        plugins.put("config", new ConfigLookup(run));
        for (LookupPlugin plugin : ServiceLoader.load(LookupPlugin.class)) {
            plugins.putIfAbsent(plugin.name(), plugin);
        }
    }

    @Override
    public LookupPlugin find(String name) {
        return plugins.get(name);
    }

    @Override
    public ModuleContext context(Map<String, Object> vars) {
        Object host = vars.get("inventory_hostname");
        return new TaskContext(run, new Args(Map.of(), java.util.Set.of(), Map.of(), null), host == null ? "localhost" : String.valueOf(host), vars,
                run.options.check(), false, false, null, null, null, Map.of(), null, null, false);
    }
}
