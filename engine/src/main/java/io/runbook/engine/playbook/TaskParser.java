package io.runbook.engine.playbook;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import io.runbook.engine.module.ModuleRegistry;
import io.runbook.engine.vars.HashBehaviour;
import io.runbook.engine.yaml.YMap;
import io.runbook.engine.yaml.YNode;
import io.runbook.engine.yaml.YamlLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns task lists into {@link TaskNode}s: finds each task's action, checks its written arguments against the
 * module's spec, applies inherited keywords, and has {@link StaticImports} expand {@code import_tasks} and
 * {@code import_role} (with cycle detection). Tasks read from a role carry its {@link RoleScope}. Dynamic includes are
 * read by {@link IncludeReader}, template and condition syntax checked by {@link ExpressionChecks}.
 */
public final class TaskParser {
    private static final Set<String> TASK_KEYS = PlaybookKeywords.TASK;
    private static final Set<String> BLOCK_KEYS = PlaybookKeywords.BLOCK;
    static final Set<String> ENGINE_ACTIONS = EngineActions.NAMES;
    static final Set<String> FREE_FORM_ACTIONS = Set.of("meta", "import_tasks", "include_tasks", "include",
            "include_vars");
    static final Set<String> META_ACTIONS = Set.copyOf(EngineActions.META);

    private final ModuleRegistry modules;
    private final ActionReader actions;
    private final LiteralIncludes includes = new LiteralIncludes();
    /** How many rescue sections enclose the tasks being read: what is in one runs only when a task fails. */
    private int rescueDepth;
    /** How many task lists being read have had a task that always ends the host: what follows it is never reached. */
    private int afterEnd;
    private final TaskIncludes taskIncludes;
    private LoadTimeVars loadTime = LoadTimeVars.NONE;
    private final ExpressionChecks checks;
    private final IncludeReader includeReader;
    private final StaticImports imports;
    private final RoleLoader roles;
    private final List<TaskNode> importedHandlers = new ArrayList<>();
    private final List<Role> importedRoles = new ArrayList<>();
    private RoleScope scope;
    private final HashBehaviour hash;
    /** Whether the tasks being read are those of a block in a list of handlers (where a block is refused). */
    private boolean inHandlerBlock;
    private final Set<String> ownWarnings = new LinkedHashSet<>();
    /** The deprecations of what was read since they were last taken; none while a file is only read for its mistakes. */
    private final Set<io.runbook.engine.module.Deprecation> deprecations = new LinkedHashSet<>();
    private int onlyChecking;

    public TaskParser(ModuleRegistry modules) {
        this(modules, RoleSearch.defaults(), new RoleCache(), Path.of("").toAbsolutePath(), HashBehaviour.REPLACE);
    }

    /**
     * A parser for the plays of one playbook folder, sharing one play's role cache; {@code hash}: the run's
     * hash_behaviour, for {@code vars:} given as a list of mappings.
     */
    public TaskParser(ModuleRegistry modules, RoleSearch search, RoleCache cache, Path playbookDir, HashBehaviour hash) {
        this.modules = modules;
        this.hash = hash;
        this.actions = new ActionReader(modules);
        this.checks = new ExpressionChecks(includes, modules.pythonPlugins().readTime());
        this.roles = new RoleLoader(this, search, cache, playbookDir);
        this.taskIncludes = new TaskIncludes(playbookDir);
        this.includeReader = new IncludeReader(this, taskIncludes, includes, checks, hash,
                new RunTimeRoles(search, playbookDir, modules.pythonPlugins().readTime()));
        this.imports = new StaticImports(this, actions, taskIncludes, roles, hash);
    }

    /**
     * The play's {@code collections:} list: the collections a short module name is looked for in first, in order
     * ({@link ModuleRegistry#inCollections}); a block or task may give its own, a role has its own (see
     * {@link RoleFiles#collections}).
     */
    TaskParser collections(List<String> list) {
        actions.collections(list);
        return this;
    }

    /** The variables a static import's templated name is rendered with (extra vars and the play's vars). */
    TaskParser loadTimeVars(LoadTimeVars vars) {
        this.loadTime = vars;
        return this;
    }

    /** {@code told} hears of each file an {@code import_tasks} (or static include) reads, as it is read. */
    public TaskParser onStaticImport(java.util.function.Consumer<Path> told) {
        taskIncludes.onImport(told);
        return this;
    }

    ModuleRegistry modules() {
        return modules;
    }

    /** The run's hash_behaviour, by which a {@code vars:} list of mappings combines. */
    HashBehaviour hashBehaviour() {
        return hash;
    }

    /** The role whose files are being read, or null. */
    RoleScope scope() {
        return scope;
    }

    /** The variables a static import's templated name is rendered with. */
    LoadTimeVars loadTime() {
        return loadTime;
    }

    /** Parses a task list found at {@code node}, under the given inherited keywords. */
    public List<TaskNode> parseList(YNode node, Keywords parent, Path baseDir, boolean handlers) {
        List<TaskNode> out = new ArrayList<>();
        boolean ended = false;
        try {
            for (YNode item : NodeReader.list(node, handlers ? "handlers" : "a task list").items()) {
                YMap map = NodeReader.map(item, "a task");
                parseItem(map, parent, baseDir, handlers, out);
                if (!ended && !handlers && EndingTasks.endsTheHost(map)) {
                    ended = true;
                    afterEnd++;  // the tasks after it in this list are never reached
                }
            }
        } finally {
            if (ended) {
                afterEnd--;
            }
        }
        return out;
    }

    private void parseItem(YMap written, Keywords parent, Path baseDir, boolean handlers, List<TaskNode> out) {
        Optional<YNode> own = written.get("collections").filter(c -> !PlaybookParser.isNull(c));
        if (own.isEmpty()) {
            parseItemUnder(written, parent, baseDir, handlers, out);
            return;
        }
        List<String> saved = actions.collections(NodeReader.names(own.get(), "collections"));
        try {
            parseItemUnder(written, parent, baseDir, handlers, out);
        } finally {
            actions.collections(saved);
        }
    }

    private void parseItemUnder(YMap written, Keywords parent, Path baseDir, boolean handlers, List<TaskNode> out) {
        if (!written.has("block") && written.has("static")) {
            throw TaskIncludes.staticRefused(written, actions.find(written.without("static"), TASK_KEYS).action(), handlers);
        }
        // an import written with action: or local_action: (action: include file.yml) is an import as its key form is
        YMap map = written.has("block") ? written : actions.importInKeyForm(written, TASK_KEYS);
        if (map.has("block") && handlers) {
            out.addAll(handlerBlock(map, parent, baseDir));
        } else if (map.has("block")) {
            out.add(block(map, parent, baseDir, handlers));
        } else if (key(map, "import_tasks") != null) {
            out.addAll(imports.tasks(map, key(map, "import_tasks"), parent, baseDir, handlers));
        } else if (key(map, "import_role") != null) {
            if (handlers) {
                throw roleAsHandler(map, key(map, "import_role"));
            }
            Block b = imports.role(map, key(map, "import_role"), parent);
            importedRoles.add(b.roleBody().role());
            importedHandlers.addAll(b.roleBody().role().handlers());
            out.add(b);
        } else if (taskIncludes.staticIncludeKey(map) != null) {
            deprecated(LegacyInclude.READ);
            out.addAll(imports.tasks(map, taskIncludes.staticIncludeKey(map), parent, baseDir, handlers));
        } else {
            out.add(task(map, parent, baseDir, handlers));
        }
    }

    /**
     * Parses a whole task file (for {@code include_tasks} at run time), as part of {@code role} (or null), as handlers
     * when a handler includes it (a block or a role is refused there, as Ansible does). The run-time
     * entry points are synchronized: the parser keeps state while it reads, and hosts of a free strategy include at once.
     */
    public synchronized List<TaskNode> parseFile(Path file, Keywords parent, RoleScope role, boolean handlers) {
        return taskIncludes.dynamic(() -> parseRoleFile(file, parent, role, handlers));
    }

    /**
     * The file an include names, as Ansible looks for it: beside the including file; in a role, then in the role's
     * tasks/ and beside the playbook.
     */
    public Path taskFile(Path baseDir, String fileName, RoleScope scope) {
        return taskIncludes.resolveTaskFile(baseDir, fileName, scope);
    }

    /** Parses a whole task file (for {@code include_tasks} at run time). */
    public List<TaskNode> parseFile(Path file, Keywords parent) {
        return parseFile(file, parent, null, false);
    }

    /** Compiles one use of a role at run time ({@code include_role}); its handlers are in {@link #importedHandlers()}. */
    public synchronized Block includeRole(RoleRequest request, Keywords parent, RoleScope outer) {
        Block b = taskIncludes.dynamic(() -> roles.use(request, parent, outer));
        importedHandlers.addAll(b.roleBody().role().handlers());
        return b;
    }

    /** Compiles a {@code roles:} entry of a play. */
    Block playRole(YNode entry, Keywords parent) {
        Block b = roles.use(RoleRequest.ofEntry(entry, hash), parent, null);
        importedRoles.add(b.roleBody().role());
        return b;
    }

    /** Handlers of roles imported with import_role (or included, at run time), in the order they came. */
    public synchronized List<TaskNode> importedHandlers() {
        return List.copyOf(importedHandlers);
    }

    /** Roles used with {@code roles:} or import_role: their defaults and vars are visible to the whole play. */
    List<Role> importedRoles() {
        return List.copyOf(importedRoles);
    }

    List<TaskNode> parseRoleFile(Path file, Keywords parent, RoleScope role, boolean handlers) {
        RoleScope saved = scope;
        scope = role;
        List<String> savedCollections = role == null ? null : actions.collections(RoleFiles.collections(role.role()));
        try {
            Optional<YNode> doc = YamlLoader.load(file);
            return doc.isEmpty() || PlaybookParser.isNull(doc.get()) ? List.of()
                    : parseList(doc.get(), parent, file.toAbsolutePath().getParent(), handlers);
        } finally {
            scope = saved;
            if (savedCollections != null) {
                actions.collections(savedCollections);
            }
        }
    }

    /** As ansible-playbook when it reads the handlers: a role cannot be a handler (include_tasks of its tasks can). */
    private static UserError roleAsHandler(YMap map, String written) {
        return new UserError(map.position(), "Using '" + written + "' as a handler is not supported.");
    }

    /** The key {@code map} names the builtin {@code action} by (short, ansible.builtin. or ansible.legacy.), or null. */
    private static String key(YMap map, String action) {
        return ActionReader.names(action).stream().filter(map::has).findFirst().orElse(null);
    }

    private Block block(YMap map, Keywords parent, Path baseDir, boolean handlers) {
        NodeReader.onlyKeys(map, BLOCK_KEYS, "a block");
        Keywords kw = KeywordParser.read(map, hash).under(parent);
        String name = map.get("name").filter(n -> !PlaybookParser.isNull(n)).map(n -> NodeReader.string(n, "name")).orElse(null);
        List<TaskNode> block = parseList(map.get("block").orElseThrow(), kw, baseDir, handlers);
        List<TaskNode> rescue = map.get("rescue").map(n -> rescueList(n, kw, baseDir, handlers)).orElse(List.of());
        List<TaskNode> always = map.get("always").map(n -> parseList(n, kw, baseDir, handlers)).orElse(List.of());
        return new Block(name, block, rescue, always, map.position(), kw, null);
    }

    private List<TaskNode> rescueList(YNode node, Keywords kw, Path baseDir, boolean handlers) {
        rescueDepth++;
        try {
            return parseList(node, kw, baseDir, handlers);
        } finally {
            rescueDepth--;
        }
    }

    /**
     * Reads {@code file} (an include_tasks' file, before the run) for its mistakes only: the roles and handlers it
     * imports count only when it is included at run time.
     */
    void readForMistakes(Path file, Keywords kw) {
        int roleCount = importedRoles.size();
        int handlerCount = importedHandlers.size();
        onlyChecking++;
        try {
            taskIncludes.dynamic(() -> {
                Optional<YNode> doc = YamlLoader.load(file);
                return doc.isEmpty() || PlaybookParser.isNull(doc.get()) ? List.<TaskNode>of()
                        : parseList(doc.get(), kw, file.getParent(), false);
            });
        } finally {
            onlyChecking--;
            importedRoles.subList(roleCount, importedRoles.size()).clear();
            importedHandlers.subList(handlerCount, importedHandlers.size()).clear();
        }
    }

    /**
     * A block in a list of handlers, as Ansible reads it: an implicit block whose tasks are handlers under its keywords;
     * a block inside it is refused ("Using a block as a handler is not supported."), its rescue and always never run.
     */
    private List<TaskNode> handlerBlock(YMap map, Keywords parent, Path baseDir) {
        if (inHandlerBlock) {
            throw new UserError(map.position(), "Using a block as a handler is not supported.");
        }
        NodeReader.onlyKeys(map, BLOCK_KEYS, "a block");
        for (String section : List.of("rescue", "always")) {
            map.entry(section).ifPresent(e -> ownWarnings.add(e.keyPosition() + ": the " + section + " of a block of "
                    + "handlers never runs, as in ansible-playbook (each handler runs on its own)"));
        }
        inHandlerBlock = true;
        try {
            return parseList(map.get("block").orElseThrow(), KeywordParser.read(map, hash).under(parent), baseDir, true);
        } finally {
            inHandlerBlock = false;
        }
    }

    private void deprecated(io.runbook.engine.module.Deprecation d) {
        if (onlyChecking == 0) {
            deprecations.add(d);
        }
    }

    /**
     * The deprecations of what was read since the last call (a legacy include), as Ansible shows them when it reads a
     * task list: those of the playbook before the run, those of a file an include reads at run time then.
     */
    public synchronized List<io.runbook.engine.module.Deprecation> takeDeprecations() {
        List<io.runbook.engine.module.Deprecation> out = List.copyOf(deprecations);
        deprecations.clear();
        return out;
    }

    /** Mistakes found in the files of includes that may never run: warnings before the run, errors if they run. */
    public List<String> warnings() {
        List<String> out = new ArrayList<>(includes.warnings());
        out.addAll(ownWarnings);
        out.addAll(modules.actionGroups().takeWarnings());
        return out;
    }

    private TaskNode task(YMap map, Keywords parent, Path baseDir, boolean handler) {
        ActionReader.Found found = actions.find(map, TASK_KEYS);
        String action = found.action();
        Keywords own = KeywordParser.read(map, hash);
        if (found.local()) {
            own = own.withDelegate("localhost");
        }
        Keywords kw = own.under(parent);
        String name = map.get("name").filter(n -> !PlaybookParser.isNull(n)).map(n -> NodeReader.string(n, "name")).orElse(null);
        LoopParser.Parsed loop = LoopParser.read(map);
        map.get("loop").ifPresent(n -> KeywordValues.checkLoop("loop", n));
        map.get("retries").ifPresent(n -> KeywordValues.checkLiteral("retries", n));
        map.get("delay").ifPresent(n -> KeywordValues.checkLiteral("delay", n));
        Map<String, Object> args = new LinkedHashMap<>();
        Map<String, SourcePosition> argPos = new LinkedHashMap<>();
        String module = actions.lookupName(found.entry().key());
        YMap.Entry entry = module.equals(found.entry().key()) ? found.entry()
                : new YMap.Entry(module, found.entry().keyPosition(), found.entry().value());
        actions.readArgs(action, entry, map.get("args").orElse(null), args, argPos);
        if (handler && action.equals("include_role")) {
            throw roleAsHandler(map, List.of("action", "local_action").contains(found.entry().key()) ? action : found.entry().key());
        }
        if (action.equals("include_tasks") || action.equals("include_role") || action.equals("include")) {
            if (action.equals("include")) {
                deprecated(LegacyInclude.READ);
            }
            boolean mayNotRun = handler || rescueDepth > 0 || afterEnd > 0 || !kw.when().isEmpty() || loop.value() != null;
            return includeReader.read(map, found, action, name, own, parent, loop, args, baseDir, mayNotRun, scope, handler);
        }
        kw.moduleDefaults().forEachAction(actions::checkDefaultsKey);
        kw.moduleDefaults().checkGroups(modules);
        if (!ActionReader.isTemplate(action)) {
            // a module named by a template is resolved on each host when the task runs, then checked (TemplatedAction)
            kw.moduleDefaults().applyTo(modules, module, args, argPos);
            if (action.equals("gather_facts")) {
                // as Ansible's gather_facts action: the facts module's (setup's) defaults under its own
                kw.moduleDefaults().applyTo(modules, "setup", args, argPos);
            }
            ArgChecks.check(modules, action, entry, args, argPos, map.position(), handler, baseDir);
        }
        checks.check(kw, args, argPos, map, loop);
        return new Task(name, action, args, argPos, map.position(), kw,
                NodeReader.register(map), loop.value(),
                loop.position(), loop.control(),
                map.get("until").map(n -> NodeReader.conditions(n, "until").get(0)).orElse(null),
                map.get("retries").map(YNode::toPlain).orElse(null), map.get("delay").map(YNode::toPlain).orElse(null),
                map.get("failed_when").map(n -> NodeReader.conditions(n, "failed_when")).orElse(List.of()),
                map.get("changed_when").map(n -> NodeReader.conditions(n, "changed_when")).orElse(List.of()),
                map.get("listen").map(n -> NodeReader.names(n, "listen")).orElse(List.of()), baseDir, scope,
                map.get("async").map(n -> new AsyncSetting(n.toPlain(), map.get("poll").map(YNode::toPlain).orElse(null))).orElse(null),
                found.entry().key().equals(action) ? null : found.entry().key(), entry == found.entry() ? null : module,
                ActionReader.isTemplate(action) ? actions.collections() : List.of());
    }
}
