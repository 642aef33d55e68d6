package io.runbook.engine.builtin;

import io.runbook.engine.config.SettingValues;
import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.engine.vars.Conditions;
import io.runbook.engine.vars.StructureFilters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code gather_facts}: the action of a play's "Gathering Facts" task, as ansible-core's: runs the facts modules of
 * FACTS_MODULES ({@code ansible_facts_modules}, {@code ANSIBLE_FACTS_MODULES}, {@code facts_modules} of ansible.cfg;
 * {@code smart} is setup, or the facts module CONNECTION_FACTS_MODULES gives the host's network OS) and merges their
 * {@code ansible_facts}, the later module's over the earlier's, lists appended without the values already there
 * ({@link FactModules}). The engine's own setup runs as {@link Setup}; another module as the engine runs a module an
 * action plugin calls, with its {@code module_defaults}.
 */
public final class GatherFacts extends Setup {
    /** The names ansible-core's gather_facts treats as setup (its _ACTION_SETUP): no setup arguments are taken out. */
    static final Set<String> SETUP_NAMES = Set.of("setup", "ansible.builtin.setup", "ansible.legacy.setup");

    @Override
    public String name() {
        return "gather_facts";
    }

    @Override
    public String description() {
        return "Gather the host's facts, as a play does first: setup, or the modules ansible_facts_modules names.";
    }

    @Override
    public ArgSpec spec() {
        ArgSpec.Builder b = ArgSpec.builder();
        super.spec().args().forEach(b::arg);
        return b.arg(Arg.raw("parallel").description("whether the facts modules run at once (a boolean; by default when "
                        + "there are several); their facts are merged in the order listed either way"))
                .arg(Arg.str("network_os").description("the network OS whose facts module smart runs (else ansible_network_os)"))
                .build();
    }

    @Override
    public Result run(ModuleContext ctx) throws ModuleException, InterruptedException {
        SettingValues settings = ctx.service(SettingValues.class).orElse(SettingValues.NONE);
        List<String> modules = FactModules.listed(ctx, settings);
        Object parallel = parallel(ctx);
        if (parallel == null && modules.isEmpty()) {
            return Result.failed("Unexpected failure during module execution: " + FactModules.notBoolean(null));
        }
        if (parallel != null && !FactModules.isBoolean(parallel)) {
            return Result.failed("Unexpected failure during module execution: " + FactModules.notBoolean(parallel));
        }
        boolean atOnce = parallel == null ? modules.size() > 1 : Conditions.truthy(FactModules.bool(parallel));
        if (runsOwnSetup(modules)) {
            // the engine's own setup: the task's arguments (setup's module_defaults under them already) as they are
            Result r = super.run(ctx);
            return r.isFailed() ? failedModule(modules.get(0), r.toMap()) : merged(List.of(r.toMap()), modules, Map.of(), Map.of());
        }
        List<Map<String, Object>> results = new FactModules(ctx).run(modules, m -> moduleArgs(ctx, m), atOnce);
        Map<String, Object> failed = new LinkedHashMap<>();
        Map<String, Object> skipped = new LinkedHashMap<>();
        List<Map<String, Object>> ok = new ArrayList<>();
        for (int i = 0; i < modules.size(); i++) {
            Map<String, Object> r = results.get(i);
            if (Conditions.truthy(r.get("failed"))) {
                failed.put(modules.get(i), r);
            } else if (Conditions.truthy(r.get("skipped"))) {
                skipped.put(modules.get(i), r);
            } else {
                ok.add(r);
            }
        }
        return merged(ok, modules, failed, skipped);
    }

    /** Whether the modules are setup alone, which the engine runs as its own (a library/setup does not shadow it here). */
    private static boolean runsOwnSetup(List<String> modules) {
        return modules.size() == 1 && SETUP_NAMES.contains(modules.get(0));
    }

    /**
     * As ansible-core's gather_facts, an action plugin: the host's Python is discovered by the modules it runs (not for
     * a shell script module, nor when it fails before running any); only the engine's own setup is discovered for
     * before the task, as the engine's other modules.
     */
    @Override
    public boolean onlyCallsModules(ModuleContext ctx) {
        Object parallel = parallel(ctx);
        return parallel != null && !FactModules.isBoolean(parallel)
                || !runsOwnSetup(FactModules.listed(ctx, ctx.service(SettingValues.class).orElse(SettingValues.NONE)));
    }

    private static Object parallel(ModuleContext ctx) {
        return ctx.vars().containsKey("ansible_facts_parallel") ? ctx.vars().get("ansible_facts_parallel")
                : ctx.args().raw("parallel");
    }

    private static Result failedModule(String module, Map<String, Object> r) {
        return merged(List.of(), List.of(module), Map.of(module, r), Map.of());
    }

    /** As ansible-core's gather_facts result: the merged facts, the modules that failed or skipped. */
    private static Result merged(List<Map<String, Object>> ok, List<String> modules, Map<String, Object> failed,
                                 Map<String, Object> skipped) {
        Map<Object, Object> facts = new LinkedHashMap<>();
        for (Map<String, Object> r : ok) {
            if (r.get("ansible_facts") instanceof Map<?, ?> m) {
                StructureFilters.mergeHash(facts, m, "append_rp");
            }
        }
        // as the strategy's registered copy (strip_internal_keys): the gathering's mark is the host's, not the result's
        facts.keySet().removeIf(k -> String.valueOf(k).startsWith("_ansible_"));
        Result r = failed.isEmpty() ? !skipped.isEmpty() && skipped.size() == modules.size()
                ? Result.skipped(FactModules.listing("skipped", skipped)).withFailed(false) : Result.ok()
                : Result.failed(FactModules.listing("failed to execute", failed));
        r = r.with("ansible_facts", facts);
        if (!ok.isEmpty()) {
            // as ansible-core's merge of each module's deprecations (the engine adds those the modules gave)
            r = r.with("deprecations", List.of());
        }
        if (failed.isEmpty() && !skipped.isEmpty() && skipped.size() < modules.size()) {
            r = r.withMsg(FactModules.listing("skipped", skipped));
        }
        if (!failed.isEmpty()) {
            r = r.with("failed_modules", failed);
        }
        return skipped.isEmpty() ? r : r.with("skipped_modules", skipped);
    }

    /**
     * The arguments of facts module {@code module}, as ansible-core's gather_facts makes them: the task's (without
     * {@code parallel}); for a module other than setup without setup's gather_subset (warned about unless it is all),
     * gather_timeout and filter (warned about when given); then the module's {@code module_defaults} under them.
     */
    private static Map<String, Object> moduleArgs(ModuleContext ctx, String module) {
        Map<String, Object> args = new LinkedHashMap<>();
        ctx.args().asMap().forEach((k, v) -> {
            if (ctx.args().isWritten(k) && !k.equals("parallel") && v != null) {
                args.put(k, v);
            }
        });
        if (!SETUP_NAMES.contains(module)) {
            Object subset = args.remove("gather_subset");
            if (!"all".equals(subset) && !List.of("all").equals(subset)) {
                ctx.warnNow("Ignoring subset(" + StructureFilters.pythonText(subset) + ") for " + module);
            }
            for (String other : List.of("gather_timeout", "filter")) {
                Object value = args.remove(other);
                if (value != null) {
                    ctx.warnNow("Ignoring " + (other.equals("filter") ? "filter" : "timeout") + "("
                            + StructureFilters.pythonText(value) + ") for " + module);
                }
            }
        }
        Map<String, Object> withDefaults = new LinkedHashMap<>(ctx.moduleDefaults(module));
        withDefaults.putAll(args);
        return withDefaults;
    }
}
