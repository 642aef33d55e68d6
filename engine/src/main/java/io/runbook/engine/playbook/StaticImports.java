package io.runbook.engine.playbook;

import io.runbook.engine.error.UserError;
import io.runbook.engine.vars.HashBehaviour;
import io.runbook.engine.yaml.YMap;
import io.runbook.engine.yaml.YNode;
import io.runbook.engine.yaml.YamlLoader;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Expands the static imports of a task list where they are written, while the playbook is read: {@code import_tasks}
 * (and a static legacy {@code include}) into the tasks of its file, {@code import_role} into the role's block. Their
 * names and arguments are rendered with the load-time variables, as Ansible renders them while it loads the play.
 * The dynamic includes are {@link IncludeReader}'s.
 */
final class StaticImports {
    private final TaskParser parser;
    private final ActionReader actions;
    private final TaskIncludes taskIncludes;
    private final RoleLoader roles;
    private final HashBehaviour hash;

    StaticImports(TaskParser parser, ActionReader actions, TaskIncludes taskIncludes, RoleLoader roles, HashBehaviour hash) {
        this.parser = parser;
        this.actions = actions;
        this.taskIncludes = taskIncludes;
        this.roles = roles;
        this.hash = hash;
    }

    /** The tasks of the file {@code map} imports with {@code action} (import_tasks or a static include), under {@code parent}. */
    List<TaskNode> tasks(YMap map, String action, Keywords parent, Path baseDir, boolean handlers) {
        Set<String> allowed = new HashSet<>(PlaybookKeywords.TASK);
        allowed.add(action);
        NodeReader.onlyKeys(map, allowed, action);
        YNode fileNode = map.get(action).orElseThrow();
        Map<String, Object> args = new LinkedHashMap<>();
        actions.readArgs(action, new YMap.Entry(action, fileNode.position(), fileNode), map.get("args").orElse(null), args,
                new LinkedHashMap<>());
        if (action.endsWith("import_tasks")) {
            TaskFileArgs.refuseOthers(args, fileNode.position(), "import_tasks");
        }
        Object raw = args.containsKey("file") ? args.remove("file") : args.remove("_raw_params");
        if (raw == null) {
            throw new UserError(fileNode.position(), action + " needs the name of a task file");
        }
        Keywords own = KeywordParser.read(map, hash);
        RoleScope scope = parser.scope();
        Object name = parser.loadTime().render(raw, own.under(parent).vars(), scope, fileNode.position());
        Path file = taskIncludes.importedFile(action, String.valueOf(name), baseDir, scope, fileNode.position());
        // as Ansible: the legacy include's key=value words are task vars of the included tasks (below set_fact), its
        // vars: are include parameters (above it); import_tasks' vars: are task vars
        Map<String, Object> taskVars = new LinkedHashMap<>(args);
        boolean legacy = !action.endsWith("import_tasks");
        if (!legacy) {
            taskVars.putAll(own.vars());
        }
        Keywords kw = (legacy ? own.withVars(taskVars).withIncludeParams(own.vars()) : own.withVars(taskVars)).under(parent);
        return taskIncludes.importing(file, () -> {
            Optional<YNode> doc = YamlLoader.load(file);
            return doc.isEmpty() || PlaybookParser.isNull(doc.get()) ? List.<TaskNode>of()
                    : parser.parseList(doc.get(), kw, file.getParent(), handlers);
        });
    }

    /** The block of the role {@code map} imports with {@code action} (import_role, however written), under {@code parent}. */
    Block role(YMap map, String action, Keywords parent) {
        Set<String> allowed = new HashSet<>(PlaybookKeywords.TASK);
        allowed.add(action);
        NodeReader.onlyKeys(map, allowed, "import_role");
        YNode argsNode = map.get(action).orElseThrow();
        Map<String, Object> args = new LinkedHashMap<>();
        actions.readArgs("import_role", new YMap.Entry(action, argsNode.position(), argsNode), map.get("args").orElse(null),
                args, new LinkedHashMap<>());
        for (String bad : List.of("public", "apply")) {
            if (args.containsKey(bad)) {
                throw new UserError(argsNode.position(), "import_role does not take '" + bad + "' (include_role does)");
            }
        }
        Keywords own = KeywordParser.read(map, hash);
        // as Ansible, which templates an import_role's arguments while it loads the play
        Map<String, Object> taskVars = own.under(parent).vars();
        RoleScope scope = parser.scope();
        args.replaceAll((k, v) -> parser.loadTime().render(v, taskVars, scope, argsNode.position()));
        RoleRequest request = RoleRequest.ofArgs(args, own, argsNode.position(), "import_role");
        // the import's own keywords (when, tags, ...) go to the role's tasks, as Ansible's; its vars are the request's
        return roles.use(request, own.withoutVars().under(parent), scope, true);
    }
}
