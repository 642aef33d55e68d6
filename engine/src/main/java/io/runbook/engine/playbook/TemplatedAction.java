package io.runbook.engine.playbook;

import io.runbook.engine.error.UserError;
import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleRegistry;
import io.runbook.engine.yaml.YMap;
import io.runbook.engine.yaml.YScalar;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A task whose module is named by a template ({@code action: "{{ name }} msg=hi"}, {@code action: {module: "{{ name }}"}}):
 * as Ansible, the parser leaves its module unresolved, and each host resolves it when the task runs there, once its
 * conditions hold: the rendered name is looked up (under the task's {@code collections:} keyword, as Ansible's
 * task executor looks it up) and the written arguments checked as the parser checks those of a task whose module is
 * written literally. No {@code module_defaults} reach it: ansible-core 2.14 matches them by the action the parser
 * resolved, which a template leaves unset.
 */
public final class TemplatedAction {
    /** The engine's own actions a templated name may give: they run as a module does (the others change the task list). */
    private static final Set<String> RUNNABLE_ENGINE_ACTIONS = Set.of("set_fact", "include_vars");

    /** Ansible's action plugins that check their argument names themselves (their _VALID_ARGS), with their own words. */
    private static final Set<String> VALID_ARGS_ACTIONS = Set.of("assert", "debug", "fail", "group_by", "reboot",
            "set_stats", "wait_for_connection");

    private TemplatedAction() {
    }

    /**
     * Whether the resolved task's action refuses its arguments as an Ansible action plugin does (a failure without
     * {@code changed}) rather than as a module ({@code "changed": false}).
     */
    public static boolean refusesAsAction(Task resolved) {
        return VALID_ARGS_ACTIONS.contains(resolved.action()) || TaskParser.ENGINE_ACTIONS.contains(resolved.action());
    }

    /** As an Ansible module lists what it takes: the names sorted, then its aliases sorted, in brackets. */
    private static String supported(ArgSpec spec) {
        List<String> names = spec.args().stream().map(Arg::name).sorted().toList();
        List<String> aliases = spec.args().stream().flatMap(a -> a.aliases().stream()).sorted().toList();
        return String.join(", ", names) + (aliases.isEmpty() ? "" : " (" + String.join(", ", aliases) + ")");
    }

    /** Whether the task's module is a template, resolved on each host when the task runs. */
    public static boolean of(Task task) {
        return ActionReader.isTemplate(task.action());
    }

    /**
     * The task as it runs with the module {@code name} (the template rendered on a host); a name no module answers to
     * fails the task with Ansible's words.
     */
    public static Task resolve(ModuleRegistry modules, Task task, String name) {
        String action = ModuleRegistry.shortName(name);
        boolean engineAction = TaskParser.ENGINE_ACTIONS.contains(action);
        String lookup = modules.inCollections(name, task.collections(), TaskParser.ENGINE_ACTIONS);
        if (modules.blocked(name) || !engineAction && modules.resolve(lookup).isEmpty()) {
            throw notFound(task, name);
        }
        if (engineAction && !RUNNABLE_ENGINE_ACTIONS.contains(action)) {
            throw new UserError(task.position(), "'" + name + "' cannot be named by a template, as it changes the task "
                    + "list (" + task.action() + "): write it as the task's action");
        }
        return new Task(task.name(), action, task.args(), task.argPositions(), task.position(), task.keywords(),
                task.register(), task.loop(), task.loopPosition(), task.loopControl(), task.until(), task.retries(),
                task.delay(), task.failedWhen(), task.changedWhen(), task.listen(), task.baseDir(), task.role(), task.async(),
                name.equals(action) ? null : name, lookup.equals(name) ? null : lookup);
    }

    /**
     * Ansible's failure of a task whose module it does not find when the task runs (a name no module answers to, or one
     * the plugin filter file blocks), at the task's place in its file (none for ad-hoc's {@code -m}: Ansible's text alone).
     */
    public static UserError notFound(Task task, String name) {
        return new UserError(task.position().hasLine() ? task.position() : null,
                "The module " + name + " was not found in configured module paths");
    }

    /**
     * The checks of the parser on a resolved task's written arguments ({@link #resolve}); a mistake is a UserError, an
     * argument the module does not take told in Ansible's words (its action plugin's, or its module's).
     */
    public static void checkArgs(ModuleRegistry modules, Task resolved) {
        Module module = modules.find(resolved.moduleName()).orElse(null);
        Map<String, Object> args = resolved.args();
        if (module != null && !args.containsKey(FreeFormArgs.VARIABLE_PARAMS) && !args.containsKey(ModuleDefaults.TEMPLATE)) {
            ArgSpec spec = module.spec();
            List<String> unknown = args.keySet().stream().filter(k -> spec.find(k).isEmpty()
                    && !(k.equals("_raw_params") && spec.freeForm()) && spec.otherKeys() == null).sorted().toList();
            if (!unknown.isEmpty()) {
                String named = resolved.writtenAction() != null ? resolved.writtenAction() : resolved.action();
                throw new UserError(resolved.argPositions().getOrDefault(unknown.get(0), resolved.position()),
                        VALID_ARGS_ACTIONS.contains(resolved.action())
                                ? "Invalid options for " + named + ": " + String.join(",", unknown)
                                : "Unsupported parameters for (" + resolved.action() + ") module: " + String.join(", ", unknown)
                                + ". Supported parameters include: " + supported(spec) + ".");
            }
        }
        YMap.Entry entry = new YMap.Entry(resolved.moduleName(), resolved.position(),
                new YScalar(null, "", null, resolved.position()));
        ArgChecks.check(modules, resolved.action(), entry, resolved.args(), resolved.argPositions(), resolved.position(),
                false, resolved.baseDir());
    }
}
