package io.runbook.engine.playbook;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import io.runbook.engine.vars.HashBehaviour;
import io.runbook.engine.yaml.YMap;
import io.runbook.engine.yaml.YNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a dynamic include ({@code include_tasks}, {@code include_role}, a dynamic legacy {@code include}) into an
 * {@link Include}, resolved per host at run time: checks the keywords it accepts and its arguments, and reads the
 * file of an include_tasks whose name is literal for its mistakes (see {@link LiteralIncludes}).
 */
final class IncludeReader {
    /** What include_tasks and include_role accept besides their action (Ansible's VALID_INCLUDE_KEYWORDS). */
    private static final Set<String> INCLUDE_KEYWORDS = Set.of("action", "args", "collections", "debugger",
            "ignore_errors", "loop", "loop_control", "name", "no_log", "register", "run_once", "tags", "timeout", "vars",
            "when");

    private final TaskParser parser;
    private final TaskIncludes taskIncludes;
    private final LiteralIncludes includes;
    private final ExpressionChecks checks;
    private final HashBehaviour hash;
    private final RunTimeRoles roles;

    IncludeReader(TaskParser parser, TaskIncludes taskIncludes, LiteralIncludes includes, ExpressionChecks checks,
                  HashBehaviour hash, RunTimeRoles roles) {
        this.roles = roles;
        this.parser = parser;
        this.taskIncludes = taskIncludes;
        this.includes = includes;
        this.checks = checks;
        this.hash = hash;
    }

    /**
     * The include written as {@code map} (its action {@code action}, found as {@code found}); {@code own}: its own
     * keywords, {@code parent}: those of the blocks and play around it; {@code mayNotRun}: it has a condition or a loop, is a handler, or
     * sits where it may not be reached; {@code scope}: the role it is read from (or null).
     */
    Include read(YMap map, ActionReader.Found found, String action, String name, Keywords own, Keywords parent,
                 LoopParser.Parsed loop, Map<String, Object> args, Path baseDir, boolean mayNotRun, RoleScope scope,
                 boolean handler) {
        Keywords kw = own.under(parent);
        Keywords inherits = own.ownForIncluded().under(parent);
        Map<String, Object> incArgs = new LinkedHashMap<>(args);
        Keywords apply = Keywords.NONE;
        Object applyArg = incArgs.remove("apply");
        if (applyArg != null) {
            // written under the action's own mapping, or under args: beside it
            java.util.Optional<YNode> applyNode = found.entry().value() instanceof YMap m && m.has("apply") ? m.get("apply")
                    : map.get("args").filter(YMap.class::isInstance).flatMap(a -> ((YMap) a).get("apply"));
            if (!(applyArg instanceof Map<?, ?>) || applyNode.isEmpty()) {
                throw new UserError(found.entry().value().position(), "Expected a dict for apply but got " + RoleRequest.describe(applyArg) + " instead");
            }
            apply = KeywordParser.read(NodeReader.map(applyNode.get(), "apply"), hash);
        }
        String kind = action.equals("include_role") ? "include_role" : "include_tasks";
        if (!action.equals("include")) {
            for (YMap.Entry e : map.entries()) {
                if (e.key().equals(found.entry().key()) || INCLUDE_KEYWORDS.contains(e.key()) || LoopParser.isLoopKey(e.key())
                        || handler && e.key().equals("listen")) {
                    continue;
                }
                throw new UserError(e.keyPosition(), "'" + e.key() + "' is not a valid attribute for "
                        + (kind.equals("include_role") ? "an include_role" : "an include_tasks") + " task",
                        "put it under apply: to give it to the included tasks, or use import_" + kind.substring(8));
            }
        }
        Map<String, Object> vars = new LinkedHashMap<>(kw.vars());
        if (kind.equals("include_tasks")) {
            if (action.equals("include_tasks")) {
                // before the file: Ansible's check_options refuses other words first (a=b=c names 'a')
                TaskFileArgs.refuseOthers(incArgs, found.entry().value().position(), "include_tasks");
            }
            Object file = incArgs.containsKey("file") ? incArgs.remove("file") : incArgs.remove("_raw_params");
            if (file == null) {
                throw new UserError(found.entry().value().position(), action + " needs the name of a task file");
            }
            // a dynamic legacy include's key=value words stay arguments: rendered when it runs, they become include
            // parameters of the included tasks (Ansible's include_args)
            Map<String, Object> legacy = incArgs;
            incArgs = new LinkedHashMap<>(Map.of("file", file));
            incArgs.putAll(legacy);
            followLiteralInclude(String.valueOf(file), found.entry().value().position(), mayNotRun, inherits, baseDir, scope);
        } else {
            roles.included(RoleRequest.ofArgs(incArgs, own, found.entry().value().position(), "include_role").name(), scope);
            incArgs.put("apply", applyArg == null ? Map.of() : applyArg);
        }
        checks.check(kw, Map.of(), Map.of(), map, loop);
        return new Include(name, kind, incArgs, map.position(), kw.withVars(vars), loop.value(), loop.position(),
                loop.control(), apply, NodeReader.register(map),
                scope, baseDir, found.entry().key().equals(kind) ? null : found.entry().key(),
                handler ? map.get("listen").map(n -> NodeReader.names(n, "listen")).orElse(List.of()) : List.of(), inherits);
    }

    /**
     * Reads the file of an include_tasks whose name is literal for its mistakes (see {@link LiteralIncludes}); the
     * roles and handlers it imports count only when it is included at run time.
     */
    private void followLiteralInclude(String fileName, SourcePosition where, boolean guarded, Keywords kw, Path baseDir,
                                      RoleScope scope) {
        if (fileName.contains("{{") || fileName.contains("{%")) {
            return;
        }
        includes.follow(taskIncludes.resolveTaskFile(baseDir, fileName, scope), where, guarded,
                file -> parser.readForMistakes(file, kw.forInclude()));
    }
}
