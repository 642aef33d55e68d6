package io.runbook.engine.exec;

import io.runbook.engine.error.UserError;
import io.runbook.engine.module.ArgValidator;
import io.runbook.engine.playbook.Block;
import io.runbook.engine.playbook.Expr;
import io.runbook.engine.playbook.Include;
import io.runbook.engine.playbook.Keywords;
import io.runbook.engine.playbook.Role;
import io.runbook.engine.playbook.RoleRequest;
import io.runbook.engine.playbook.TaskNode;
import io.runbook.engine.report.HostResult;
import io.runbook.engine.report.HostStatus;
import io.runbook.engine.report.PythonRepr;
import io.runbook.engine.vars.VarScope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code include_tasks} and {@code include_role}: per host, the include's conditions, then one instance per
 * loop item (hosts with the same item and file share it), its file or role loaded at that moment with the include's
 * {@code apply} keywords; include_tasks prints {@code included: FILE for HOSTS} (each counts as ok), include_role
 * prints nothing of its own, as Ansible. The include's result is registered ({@code include}, {@code include_args}).
 */
final class IncludeRunner {
    private final RunState run;
    private final PlayScope scope;
    private final TagFilter tags;
    private final SectionRunner sections;
    private final boolean handler;
    private final IncludeOutcomes outcomes;

    IncludeRunner(RunState run, PlayScope scope, TagFilter tags, SectionRunner sections, boolean handler) {
        this.run = run;
        this.scope = scope;
        this.tags = tags;
        this.sections = sections;
        this.handler = handler;
        this.outcomes = new IncludeOutcomes(run, scope);
    }

    void run(Include inc, List<HostState> active, boolean rescuable, boolean guarded) {
        if (!tags.runs(inc.keywords().tags())) {
            return;
        }
        if (!handler && !TaskDispatch.stepTaken(run, scope, inc.displayName(), active)) {
            return;
        }
        TaskDispatch.warnIfFreeAnyErrorsFatal(run, scope, inc.keywords());
        if (scope.announce(inc)) {
            // under free, once for the batch as a task's: each host reaches it on its own, Ansible never shows its
            // banner once per host in a row
            run.listeners.taskStart(inc.displayName(), inc.action(), inc.position().toString(), handler,
                    inc.keywords().checkModeShown(run.options.check()), inc.timedAs());
        }
        if (!scope.setup.isFree() && !active.isEmpty() && TaskDispatch.runOnce(run, scope, inc, active.get(0))) {
            // as Ansible's: the batch's first host alone gets the included tasks (and they do not inherit run_once)
            active = active.subList(0, 1);
        }
        IncludeInstances instances = new IncludeInstances();
        Map<HostState, String> ids = new LinkedHashMap<>();
        boolean anyFailed = false;
        IncludedRoleNames.Unrendered unnamed = null;
        for (HostState h : active) {
            ids.put(h, run.ids.next(h, inc.position()));
            run.listeners.hostTaskStart(h.name, ids.get(h));
            TaskOutcome own;
            try {
                own = expandOnHost(inc, h, instances, null);
            } catch (IncludedRoleNames.Unrendered e) {
                unnamed = unnamed == null ? e : unnamed;
                continue;
            }
            outcomes.apply(inc, h, own, rescuable);
            anyFailed |= own.failed();
        }
        if (unnamed != null) {
            throw unnamed.stop();  // once the other hosts' results are shown, as Ansible's strategy stops
        }
        if (anyFailed) {
            outcomes.stopIfFatal(inc, guarded);
        }
        if (!active.isEmpty() && io.runbook.engine.playbook.LegacyInclude.is(inc.writtenAction())) {
            // as Ansible's included_file.py, once its hosts' results are in (skipped ones too)
            run.listeners.deprecation(io.runbook.engine.playbook.LegacyInclude.RAN);
        }
        Keywords inherited = inc.apply().under(inc.inherits().forInclude(scope.play.keywords().tags()));
        Map<IncludeInstances.Instance, Object> loaded = inc.isRole() ? roles(inc, instances, inherited, rescuable, guarded)
                : parsed(inc, instances, inherited);
        // what reading the files found deprecated (a legacy include in them), as Ansible shows it while it reads them
        scope.taskParser.takeDeprecations().forEach(run.listeners::deprecation);
        if (!inc.isRole()) {
            // as Ansible does: every 'included:' line under the include's banner (each counts as ok), then the tasks
            for (Map.Entry<IncludeInstances.Instance, Map<HostState, IncludeInstances.Use>> instance : instances.all().entrySet()) {
                if (loaded.get(instance.getKey()) instanceof UserError) {
                    continue;  // a file that is not there fails below, without an 'included:' line (as Ansible)
                }
                run.listeners.included(instance.getKey().target(), instance.getValue().keySet().stream().map(h -> h.name).toList(),
                        instance.getKey().label());
                instance.getValue().keySet().forEach(h -> run.stats(h.name).count(HostStatus.OK, false, false));
            }
        }
        failNotLoaded(inc, instances, loaded, guarded);
        for (Map.Entry<IncludeInstances.Instance, Map<HostState, IncludeInstances.Use>> instance : instances.all().entrySet()) {
            if (loaded.get(instance.getKey()) == null || loaded.get(instance.getKey()) instanceof UserError) {
                continue;
            }
            List<HostState> hosts = instance.getValue().keySet().stream().filter(sections::takes).toList();
            if (hosts.isEmpty()) {
                continue;
            }
            Map<HostState, Map<String, Object>> p = new LinkedHashMap<>();
            instance.getValue().forEach((h, use) -> p.put(h, use.params()));
            hosts.forEach(h -> {
                h.includeParams.push(p.get(h));
                h.includePath.push(ids.get(h) + "[" + instance.getValue().get(h).index() + "]");
            });
            try {
                Object body = loaded.get(instance.getKey());
                @SuppressWarnings("unchecked")
                List<TaskNode> tasks = body instanceof Block b ? List.of(b) : (List<TaskNode>) body;
                sections.run(tasks, hosts, rescuable, guarded);
            } finally {
                hosts.forEach(h -> {
                    h.includeParams.pop();
                    h.includePath.pop();
                });
            }
        }
    }

    /**
     * The tasks of each instance's file (or, for a file that is not there, the error its hosts fail with when it
     * runs), read before anything of the include is shown, as Ansible reads them. A file that cannot be parsed (YAML,
     * an unknown keyword or module) stops the whole run, as ansible-playbook's parser errors do; one that holds no
     * list of tasks fails its hosts, as Ansible's "must contain a list of tasks".
     */
    private Map<IncludeInstances.Instance, Object> parsed(Include inc, IncludeInstances instances, Keywords inherited) {
        Map<IncludeInstances.Instance, Object> out = new LinkedHashMap<>();
        for (IncludeInstances.Instance instance : instances.all().keySet()) {
            Path file = Path.of(instance.target());
            try {
                out.put(instance, scope.taskParser.parseFile(file, inherited, inc.role(), handler));
            } catch (UserError e) {
                if (Files.isRegularFile(file) && !notATaskList(file)) {
                    throw new RunAborted(e, ExitCode.PARSER_ERROR);
                }
                out.put(instance, Files.isRegularFile(file)
                        ? new UserError(e.position(), "included task files must contain a list of tasks") : e);
            }
        }
        return out;
    }

    /**
     * A file that reads as YAML but holds no list of tasks: as Ansible, it fails the hosts that include it (a file that
     * cannot be read as YAML, or a task in it the parser refuses, stops the run, as Ansible's parser errors do).
     */
    private static boolean notATaskList(Path file) {
        try {
            return io.runbook.engine.yaml.YamlLoader.load(file).filter(d -> !(d instanceof io.runbook.engine.yaml.YList)).isPresent();
        } catch (UserError e) {
            return false;
        }
    }

    /**
     * The role of each instance, loaded with the first host's parameters (or, for a role that cannot be loaded, the
     * error its hosts fail with); the handlers it brings can be notified from now on. A tasks_from (vars_from, ...)
     * that is not there stops the whole run, as ansible-playbook's parser error does.
     */
    private Map<IncludeInstances.Instance, Object> roles(Include inc, IncludeInstances instances, Keywords inherited,
                                                         boolean rescuable, boolean guarded) {
        Map<IncludeInstances.Instance, Object> out = new LinkedHashMap<>();
        for (Map.Entry<IncludeInstances.Instance, Map<HostState, IncludeInstances.Use>> instance : instances.all().entrySet()) {
            HostState first = instance.getValue().keySet().iterator().next();
            IncludedRoleNames.argsRender(run, scope, inc, instance.getValue());
            RoleRequest request;
            boolean isPublic;
            try {
                Map<String, Object> args = rendered(inc, first, instance.getValue().get(first).params());
                args.put("name", instance.getKey().target());
                args.remove("apply");
                isPublic = Boolean.TRUE.equals(ArgValidator.parseBool(args.remove("public")));
                request = RoleRequest.ofArgs(args, inc.keywords(), inc.position(), "include_role");
            } catch (UserError e) {
                // arguments that do not render: the include fails as a task does (the instance is left out)
                boolean notIgnored = false;
                for (HostState h : instance.getValue().keySet()) {
                    notIgnored |= !outcomes.fail(inc, h, e.format(), rescuable);
                }
                if (notIgnored) {
                    outcomes.stopIfFatal(inc, guarded);
                }
                continue;
            }
            try {
                Block body = scope.taskParser.includeRole(request, inherited, inc.role());
                run.roleLoaded();
                scope.addIncluded(scope.taskParser.importedHandlers(), body.roleBody().role(), isPublic);
                out.put(instance.getKey(), body);
            } catch (io.runbook.engine.playbook.RoleFileError e) {
                throw new RunAborted(e);
            } catch (UserError e) {
                out.put(instance.getKey(), e);
            }
        }
        return out;
    }

    /**
     * The hosts of instances whose file or role could not be loaded fail before any included task runs, as
     * ansible-playbook 2.14 marks them failed once it has tried every file of the include (so the other items' tasks
     * do not run on them either).
     */
    private void failNotLoaded(Include inc, IncludeInstances instances, Map<IncludeInstances.Instance, Object> loaded,
                               boolean guarded) {
        boolean any = false;
        for (Map.Entry<IncludeInstances.Instance, Map<HostState, IncludeInstances.Use>> instance : instances.all().entrySet()) {
            if (loaded.get(instance.getKey()) instanceof UserError e) {
                instance.getValue().keySet().forEach(h -> outcomes.notLoaded(inc, h, e.format()));
                any = true;
            }
        }
        if (any) {
            outcomes.stopIfFatal(inc, guarded);
        }
    }

    private Map<String, Object> rendered(Include inc, HostState h, Map<String, Object> itemParams) {
        VarScope vars = scope.vars(h, inc).with(itemParams);
        Object args = run.templar.render(inc.args(), vars, inc.position());
        @SuppressWarnings("unchecked")
        Map<String, Object> m = new LinkedHashMap<>((Map<String, Object>) args);
        m.values().removeIf(v -> CallInputs.OMIT.equals(run.templar.plain(v)));  // omitted, as Ansible's remove_omit
        return m;
    }

    /**
     * The include's own result on the host (its instances made, skipped, or failed: arguments, conditions, loop or file
     * name that do not render), after the task debugger, which may run it again ({@code r}) with its arguments and
     * variables ({@code vars}, null for the host's); not yet counted or registered.
     */
    private TaskOutcome expandOnHost(Include inc, HostState h, IncludeInstances instances, VarScope vars) {
        TaskOutcome own;
        try {
            own = expand(inc, h, instances, vars == null ? scope.vars(h, inc) : vars);
        } catch (UserError e) {
            own = outcomes.shown(inc, h, e.format());
        }
        return run.debugger.after(run, scope, inc.asTask(), handler, h, own, (again, changed) -> {
            instances.remove(h);
            return expandOnHost(inc.withArgs(again.args()), h, instances, changed);
        });
    }

    private TaskOutcome expand(Include inc, HostState h, IncludeInstances instances, VarScope vars) {
        TaskConditions conditions = TaskConditions.onHost(run);
        List<Object> items;
        try {
            items = inc.loop() == null ? java.util.Collections.singletonList(null)
                    : new LoopItems(run).of(inc.loop(), inc.loopPosition(), vars, inc.asTask());
        } catch (UserError e) {
            if (!conditionsHold(inc, vars, conditions)) {
                return outcomes.skipped(inc, h, IncludeResults.skipped());
            }
            throw e;
        }
        if (items.isEmpty()) {
            return outcomes.skipped(inc, h, IncludeResults.noItems());
        }
        List<Map<String, Object>> results = new ArrayList<>();
        boolean any = false;
        LoopVarNames names = LoopVarNames.of(inc.loopControl(), run.templar, vars, inc.position());
        for (int i = 0; i < items.size(); i++) {
            Map<String, Object> p = itemParams(inc, names, items, i);
            p.putAll(legacyArgs(inc, h, p));
            // as Ansible: the conditions and the file name see ansible_loop_var, the included tasks do not
            VarScope itemVars = inc.loop() == null ? vars.with(p) : vars.with(p).with(Map.of("ansible_loop_var", names.loopVar()));
            Map<String, Object> itemKeys = inc.loop() == null ? Map.of() : names.itemKeys(items.get(i), i);
            if (!conditionsHold(inc, itemVars, conditions)) {
                if (inc.loop() != null) {
                    // as Ansible: each item the conditions leave out is reported (not counted), and registered
                    Map<String, Object> r = IncludeResults.skippedItem(itemKeys);
                    results.add(r);
                    run.listeners.hostResult(new HostResult(h.name, null, inc.displayName(), inc.action(),
                            HostStatus.SKIPPED, label(inc, names, items.get(i), itemVars), false, false, false, r,
                            List.of(), List.of()));
                }
                continue;
            }
            any = true;
            String written = inc.isRole() ? IncludedRoleNames.name(run, inc, itemVars)
                    : run.templar.renderString(inc.file(), itemVars, inc.position());
            String target = target(inc, written);
            if (h.includeParams.size() >= SectionRunner.MAX_INCLUDE_DEPTH) {
                throw new UserError(inc.position(), inc.action() + " of " + target + " is nested "
                        + SectionRunner.MAX_INCLUDE_DEPTH + " includes deep: a task file that includes itself with"
                        + " nothing to end it?", "add a 'when' that ends the repetition");
            }
            // as Ansible's 'included:' line: an include whose no_log holds shows its item as censored, loop or not
            String shown = NoLog.holds(run, inc.keywords().noLog(), itemVars) ? "(censored due to no_log)"
                    : inc.loop() == null ? null : label(inc, names, items.get(i), itemVars);
            instances.add(h, target, p, shown, inc.loop() == null ? 0 : i);
            results.add(inc.isRole() ? IncludeResults.role(roleArgs(inc, h, p), itemKeys) : IncludeResults.included(written, itemKeys));
        }
        if (!any) {
            return outcomes.skipped(inc, h, inc.loop() == null ? IncludeResults.skipped() : IncludeResults.allSkipped(results));
        }
        Map<String, Object> own = inc.loop() == null ? results.get(0) : IncludeResults.completed(results);
        // as ansible's ad-hoc minimal output shows an include_role's: its arguments as written
        run.listeners.includeResult(new HostResult(h.name, null, inc.displayName(), inc.action(), HostStatus.OK, null, false,
                false, false, inc.isRole() && inc.loop() == null ? IncludeResults.role(inc.args(), Map.of()) : own, List.of(),
                List.of()));
        return new TaskOutcome(HostStatus.OK, own, false);
    }

    /**
     * An include_role's arguments as its result holds them: rendered, as Ansible's post_validate renders the task's
     * arguments before its executor returns them; as written when they do not render (loading the role fails it then).
     */
    private Map<String, Object> roleArgs(Include inc, HostState h, Map<String, Object> itemParams) {
        try {
            return rendered(inc, h, itemParams);
        } catch (UserError e) {
            return inc.args();
        }
    }

    /**
     * An item as the include's lines show it: {@code loop_control.label} rendered with the item, or Python's str() of
     * it; {@code None} under a literal {@code no_log}, as Ansible hides the items of such a task.
     */
    private String label(Include inc, LoopVarNames names, Object item, VarScope itemVars) {
        if (Boolean.TRUE.equals(inc.keywords().noLog())) {
            return "None";
        }
        String label = inc.loopControl().label();
        return label == null ? PythonRepr.str(item) : String.valueOf(run.templar.render(label, itemVars, inc.position()));
    }

    /**
     * A legacy include's key=value words rendered as Ansible renders its include_args: with them as the include's
     * task vars, so {@code a={{ a }}} after a set_fact of {@code a} gives the fact (set_fact is above task vars).
     */
    private Map<String, Object> legacyArgs(Include inc, HostState h, Map<String, Object> itemParams) {
        Map<String, Object> legacy = inc.legacyArgs();
        if (legacy.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> taskVars = new LinkedHashMap<>(inc.keywords().vars());
        taskVars.putAll(legacy);
        Map<String, Object> loopVars = new LinkedHashMap<>(itemParams);
        loopVars.keySet().removeAll(inc.params().keySet());
        VarScope vars = scope.vars(h, taskVars, inc.keywords().includeParams(), inc.role(), inc.keywords().connection()).with(loopVars);
        @SuppressWarnings("unchecked")
        Map<String, Object> out = (Map<String, Object>) run.templar.render(legacy, vars, inc.position());
        return out;
    }

    private boolean conditionsHold(Include inc, VarScope vars, TaskConditions conditions) {
        for (Expr w : inc.keywords().when()) {
            if (!conditions.test(w, vars)) {
                return false;
            }
        }
        return true;
    }

    private Map<String, Object> itemParams(Include inc, LoopVarNames names, List<Object> items, int i) {
        Map<String, Object> p = new LinkedHashMap<>(inc.params());
        if (inc.loop() != null) {
            p.put(names.loopVar(), items.get(i));
            if (names.indexVar() != null) {
                p.put(names.indexVar(), i);
            }
            if (inc.loopControl().extended()) {
                p.put("ansible_loop", TaskResults.loopInfo(items, i, inc.loopControl().extendedAllItems()));
            }
        }
        return p;
    }

    /** include_tasks: the file (in a role: its tasks/ first) named {@code name}; include_role: the role name. */
    private String target(Include inc, String name) {
        if (inc.isRole()) {
            return name;
        }
        return scope.taskParser.taskFile(inc.baseDir(), name, inc.role()).toString();
    }
}
