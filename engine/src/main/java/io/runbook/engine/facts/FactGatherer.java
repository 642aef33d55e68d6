package io.runbook.engine.facts;

import io.runbook.engine.module.FactSource;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Gathers one host's facts for setup/gather_facts: local facts for {@code ansible_connection: local} (and the
 * implicit localhost), else the first {@link FactSource} that handles the host; a host no source knows gets only
 * the gathering's own facts. Applies {@code gather_subset} and {@code filter} as Ansible does.
 */
public final class FactGatherer {
    private static final List<FactSource> SOURCES = load();
    private static final Set<String> LOCAL_NAMES = Set.of("localhost", "127.0.0.1", "::1");
    private static List<FactSource> load() {
        List<FactSource> out = new ArrayList<>();
        ServiceLoader.load(FactSource.class).forEach(out::add);
        return List.copyOf(out);
    }

    public Result gather(ModuleContext ctx) throws ModuleException, InterruptedException {
        List<String> asked = ctx.args().list("gather_subset").stream().map(String::valueOf).toList();
        List<String> collectors = FactCollectors.select(asked);
        Set<String> chosen = new LinkedHashSet<>(collectors);
        Map<String, Object> facts = new LinkedHashMap<>();
        if (isLocal(ctx)) {
            java.util.concurrent.CompletableFuture<Map<String, Object>> python =
                    chosen.contains("python") || chosen.contains("platform")
                            ? PythonFacts.local(InterpreterDiscovery.setting(ctx), ctx.runEnvironment()) : null;
            facts.putAll(LocalFacts.gather(chosen, ctx.runEnvironment()));
            if (chosen.contains("local")) {
                facts.put("local", CustomFacts.read(CustomFacts.path(ctx.args().raw("fact_path")), ctx.runEnvironment(), ctx::warn));
            }
            if (!ctx.environment().isEmpty() && facts.containsKey("env")) {
                // the environment the task sets is the gathering's own, as Ansible's setup reports it in ansible_env
                @SuppressWarnings("unchecked")
                Map<String, Object> env = new java.util.TreeMap<>((Map<String, Object>) facts.get("env"));
                env.putAll(ctx.environment());
                facts.put("env", new LinkedHashMap<>(env));
            }
            if (python != null) {
                facts.putAll(python.join());
            }
        } else {
            for (FactSource source : SOURCES) {
                if (source.handles(ctx)) {
                    facts.putAll(source.gather(ctx, chosen));
                    break;
                }
            }
        }
        facts = FactCollectors.retain(facts, collectors);
        Map<String, Object> named = new LinkedHashMap<>();
        // as Ansible's fact namespace: a name's hyphens (a network interface's) become underscores
        facts.forEach((k, v) -> named.put(k.startsWith("ansible_") ? k : "ansible_" + k.replace('-', '_'), v));
        named.put("gather_subset", asked);
        named.put("module_setup", true);
        // as Ansible's fact filter: a pattern that does not start with ansible_ (facter, ohai) matches with the prefix too
        List<PathMatcher> filters = ctx.args().list("filter").stream().map(String::valueOf)
                .map(f -> f.isEmpty() ? "*" : f.startsWith("ansible_") || f.startsWith("facter") || f.startsWith("ohai")
                        ? f : "{" + f + ",ansible_" + f + "}")
                .map(f -> FileSystems.getDefault().getPathMatcher("glob:" + f)).toList();
        if (!filters.isEmpty()) {
            named.keySet().removeIf(name -> filters.stream().noneMatch(m -> m.matches(Path.of(name))));
        }
        return Result.ok().with("ansible_facts", named);
    }

    /** ansible_connection local, or localhost without another connection. */
    static boolean isLocal(ModuleContext ctx) {
        Object connection = ctx.connectionVars().get("ansible_connection");
        if (connection != null) {
            return io.runbook.engine.module.ConnectionType.isLocal(connection);
        }
        return LOCAL_NAMES.contains(ctx.host());
    }
}
