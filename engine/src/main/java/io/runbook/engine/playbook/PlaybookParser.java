package io.runbook.engine.playbook;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.Suggestions;
import io.runbook.engine.error.UserError;
import io.runbook.engine.vars.Templar;
import io.runbook.engine.vars.VariableNames;
import io.runbook.engine.module.ModuleRegistry;
import io.runbook.engine.vars.HashBehaviour;
import io.runbook.engine.yaml.YList;
import io.runbook.engine.yaml.YMap;
import io.runbook.engine.yaml.YNode;
import io.runbook.engine.yaml.YScalar;
import io.runbook.engine.yaml.YamlLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a playbook file into a {@link Playbook}: every play, task and argument is checked here, before
 * anything runs, so a mistake anywhere is reported with its {@code file:line:col} and nothing is touched.
 */
public final class PlaybookParser {
    static final Set<String> PLAY_KEYS;
    /** import_playbook by each of its names (short, ansible.builtin., ansible.legacy.), as Ansible's playbook reads them. */
    private static final List<String> IMPORT_PLAYBOOK = ActionReader.names("import_playbook");
    static final Set<String> IMPORT_PLAYBOOK_KEYS = Set.of(IMPORT_PLAYBOOK.get(0), IMPORT_PLAYBOOK.get(1),
            IMPORT_PLAYBOOK.get(2), "name", "vars", "tags", "when");
    private static final Set<String> FACT_SETTINGS = Set.of("gather_subset", "gather_timeout", "fact_path");

    static {
        Set<String> keys = new HashSet<>(KeywordParser.NAMES);
        keys.addAll(Set.of("name", "hosts", "vars_files", "serial", "max_fail_percentage", "pre_tasks", "tasks",
                "post_tasks", "handlers", "strategy", "gather_facts", "force_handlers", "order", "become", "become_user",
                "become_method", "become_flags", "become_exe", "connection", "collections", "roles", "vars_prompt",
                "remote_user", "port", "module_defaults", "debugger"));
        keys.addAll(FACT_SETTINGS);
        PLAY_KEYS = Set.copyOf(keys);
    }

    private final ModuleRegistry modules;
    private final RoleSearch roleSearch;
    private final HashBehaviour hash;
    private final Deque<Path> stack = new ArrayDeque<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<io.runbook.engine.module.Deprecation> deprecations = new ArrayList<>();
    private boolean missingHandlerIsError = true;
    private java.util.function.Consumer<Path> staticImports = file -> { };
    private LoadTimeVars loadTime = LoadTimeVars.NONE;

    public PlaybookParser(ModuleRegistry modules) {
        this(modules, RoleSearch.defaults());
    }

    public PlaybookParser(ModuleRegistry modules, RoleSearch roleSearch) {
        this(modules, roleSearch, HashBehaviour.REPLACE);
    }

    /** {@code hash}: the run's hash_behaviour, by which a {@code vars:} list of mappings combines. */
    public PlaybookParser(ModuleRegistry modules, RoleSearch roleSearch, HashBehaviour hash) {
        this.modules = modules;
        this.roleSearch = roleSearch;
        this.hash = hash;
    }

    /**
     * Whether a notify that names no handler is refused before the run (Ansible's ERROR_ON_MISSING_HANDLER, on by
     * default); when off it is left to run time, which only warns, as Ansible does.
     */
    public PlaybookParser errorOnMissingHandler(boolean v) {
        this.missingHandlerIsError = v;
        return this;
    }

    /**
     * The extra vars ({@code -e}) a static import's templated name may use, with the play's vars, as Ansible renders
     * import_playbook, import_tasks and import_role while it loads the playbook.
     */
    public PlaybookParser extraVars(Map<String, Object> extra) {
        this.loadTime = new LoadTimeVars(extra, Map.of(), null, hash);
        return this;
    }

    /** {@code told} hears of each file an {@code import_tasks} reads (ansible-playbook's "statically imported:"). */
    public PlaybookParser onStaticImport(java.util.function.Consumer<Path> told) {
        this.staticImports = told;
        return this;
    }

    public Playbook parse(Path file) {
        List<Play> plays = plays(file.toAbsolutePath().normalize(), Keywords.NONE, Map.of());
        return new Playbook(file, plays, warnings, deprecations);
    }

    /**
     * A playbook given as nodes rather than read from a file (the ad-hoc command's one-task play), checked as a file's
     * would be. {@code file} names it; its folder is the playbook folder (relative paths, group_vars/, host_vars/).
     */
    public Playbook parse(Path file, YNode doc) {
        List<Play> plays = plays(file.toAbsolutePath().normalize(), Optional.of(doc), Keywords.NONE, Map.of());
        return new Playbook(file, plays, warnings, deprecations);
    }

    private List<Play> plays(Path file, Keywords inherited, Map<String, Object> importVars) {
        if (!Files.isRegularFile(file)) {
            throw new UserError(null, "playbook not found: " + file);
        }
        // as Ansible adds each playbook's folder's plugin folders while it reads the playbook
        modules.library().addFolder(file.getParent().resolve("library"));
        modules.pythonPlugins().addFolder(file.getParent());
        modules.actionPlugins().addFolder(file.getParent());
        modules.addCollectionRoots(roleSearch.collectionRoots(file.getParent()));
        return plays(file, YamlLoader.load(file), inherited, importVars);
    }

    private List<Play> plays(Path file, Optional<YNode> doc, Keywords inherited, Map<String, Object> importVars) {
        stack.push(file);
        try {
            if (doc.isEmpty()) {
                throw new UserError(SourcePosition.of(file.toString()), "the playbook is empty: it must be a list of plays");
            }
            YList list = NodeReader.list(doc.get(), "a playbook");
            if (list.items().isEmpty()) {
                throw new UserError(list.position(), "a playbook must contain at least one play");
            }
            List<Play> out = new ArrayList<>();
            for (YNode item : list.items()) {
                YMap map = NodeReader.map(item, "a play");
                if (IMPORT_PLAYBOOK.stream().anyMatch(map::has)) {
                    out.addAll(importPlaybook(map, file, inherited, importVars));
                } else {
                    out.add(play(map, file.getParent(), inherited, importVars));
                }
            }
            return out;
        } finally {
            stack.pop();
        }
    }

    private List<Play> importPlaybook(YMap map, Path file, Keywords inherited, Map<String, Object> importVars) {
        NodeReader.onlyKeys(map, IMPORT_PLAYBOOK_KEYS, "import_playbook");
        YNode target = IMPORT_PLAYBOOK.stream().map(map::get).flatMap(Optional::stream).findFirst().orElseThrow();
        Map<String, Object> vars = new LinkedHashMap<>(importVars);
        map.get("vars").ifPresent(v -> vars.putAll(KeywordParser.vars(v, hash)));
        String name = String.valueOf(loadTime.forPlay(vars, file.getParent())
                .render(NodeReader.string(target, "import_playbook"), Map.of(), null, target.position()));
        Path imported = file.getParent().resolve(name).normalize();
        if (!Files.isRegularFile(imported)) {
            throw new UserError(target.position(), "imported playbook not found: " + imported);
        }
        if (stack.contains(imported)) {
            throw new UserError(target.position(), "import_playbook cycle: " + imported + " imports itself");
        }
        Keywords kw = Keywords.of(map.get("when").map(n -> NodeReader.conditions(n, "when")).orElse(List.of()),
                map.get("tags").map(NodeReader::tags).orElse(Set.of())).under(inherited);
        return plays(imported, kw, vars);
    }

    private Play play(YMap written, Path baseDir, Keywords inherited, Map<String, Object> importVars) {
        if (written.has("include")) {
            throw new UserError(written.entry("include").orElseThrow().keyPosition(), "'include' is not a valid attribute "
                    + "for a Play", "use import_playbook");
        }
        YMap map = withoutUserKey(written);
        NodeReader.onlyKeys(map, PLAY_KEYS, "a play");
        YNode hostsNode = map.get("hosts").orElseThrow(() -> new UserError(map.position(), "a play needs 'hosts' (a host pattern such as all or control_planes)"));
        Object hosts = hostsNode instanceof YList l ? l.items().stream().map(n -> (Object) NodeReader.string(n, "hosts")).toList()
                : NodeReader.string(hostsNode, "hosts");
        Keywords own = KeywordParser.read(map, hash);
        own.moduleDefaults().checkGroups(modules);
        Map<String, Object> vars = new LinkedHashMap<>(importVars);
        vars.putAll(own.vars());
        Keywords kw = own.withVars(Map.of()).withDelegate(null).under(inherited);
        RoleCache cache = new RoleCache();
        Map<String, Object> loadVars = new LinkedHashMap<>(vars);
        List<VarsFile> varsFiles = varsFiles(map, baseDir, loadVars);
        TaskParser tasks = new TaskParser(modules, roleSearch, cache, baseDir, hash).onStaticImport(staticImports)
                .loadTimeVars(loadTime.forPlay(loadVars, baseDir)).collections(map.get("collections")
                        .filter(n -> !isNull(n)).map(n -> NodeReader.names(n, "collections")).orElse(List.of()));
        List<TaskNode> pre = section(tasks, map, "pre_tasks", kw, baseDir);
        List<TaskNode> main = new ArrayList<>();
        map.get("roles").filter(n -> !isNull(n)).ifPresent(n -> NodeReader.list(n, "roles").items()
                .forEach(entry -> main.add(tasks.playRole(entry, kw))));
        List<TaskNode> roleHandlers = new ArrayList<>();
        tasks.importedRoles().forEach(r -> r.handlers().stream().filter(h -> !roleHandlers.contains(h)).forEach(roleHandlers::add));
        main.addAll(section(tasks, map, "tasks", kw, baseDir));
        List<TaskNode> post = section(tasks, map, "post_tasks", kw, baseDir);
        List<TaskNode> handlers = new ArrayList<>(roleHandlers);
        map.get("handlers").ifPresent(n -> handlers.addAll(tasks.parseList(n, kw.withoutWhen(), baseDir, true)));
        tasks.importedHandlers().stream().filter(h -> !handlers.contains(h)).forEach(handlers::add);
        if (missingHandlerIsError) {
            NotifyCheck.check(handlers, List.of(pre, main, post));
        }
        warnings.addAll(tasks.warnings());
        deprecations.addAll(tasks.takeDeprecations());
        Map<String, Object> factSettings = new LinkedHashMap<>();
        FACT_SETTINGS.forEach(k -> map.get(k).ifPresent(n -> factSettings.put(k, n.toPlain())));
        return new Play(map.get("name").filter(n -> !isNull(n)).map(n -> NodeReader.string(n, "name")).orElse(null),
                map.position(), hosts, hostsNode.position(), vars, varsFiles, PlaySettings.serial(map),
                map.get("max_fail_percentage").map(PlaySettings::percentage).orElse(null),
                Boolean.TRUE.equals(own.anyErrorsFatal()), map.get("strategy").map(PlaySettings::strategy).orElse(null),
                map.get("force_handlers").map(YNode::toPlain).orElse(null), kw, pre, main, post, handlers, baseDir,
                map.get("gather_facts").map(YNode::toPlain).orElse(null), factSettings,
                map.get("order").map(PlaySettings::order).orElse(null), tasks.importedRoles(), cache,
                map.get("connection").map(n -> NodeReader.string(n, "connection")).orElse(null),
                map.get("connection").map(YNode::position).orElse(null), varPositions(map), varsPrompt(map));
    }

    /**
     * A play's {@code user}: the old name of {@code remote_user}, read as it, as Ansible's Play does (both at once is
     * an error there too).
     */
    private static YMap withoutUserKey(YMap map) {
        if (!map.has("user")) {
            return map;
        }
        if (map.has("remote_user")) {
            throw new UserError(map.entry("user").orElseThrow().keyPosition(), "both 'user' and 'remote_user' are set for"
                    + " this play", "'user' is the old name of 'remote_user': remove it");
        }
        return new YMap(map.entries().stream().map(e -> e.key().equals("user")
                ? new YMap.Entry("remote_user", e.keyPosition(), e.value()) : e).toList(), map.position());
    }

    /**
     * The play's {@code vars_prompt}: a list of entries (or one entry), each with a {@code name} and only the keys
     * Ansible's {@code Play._load_vars_prompt} allows.
     */
    private static List<VarPrompt> varsPrompt(YMap map) {
        List<VarPrompt> out = new ArrayList<>();
        map.get("vars_prompt").filter(n -> !isNull(n)).ifPresent(node -> {
            List<YNode> items = node instanceof YMap ? List.of(node) : NodeReader.list(node, "vars_prompt").items();
            Set<String> names = new HashSet<>();
            for (YNode item : items) {
                YMap entry = NodeReader.map(item, "a vars_prompt entry");
                // Ansible's words for a key Play._load_vars_prompt does not take
                entry.entries().stream().filter(e -> !VarPrompt.KEYS.contains(e.key())).findFirst().ifPresent(e -> {
                    throw new UserError(e.keyPosition(), "Invalid vars_prompt data structure, found unsupported key '" + e.key() + "'",
                            Suggestions.didYouMean(e.key(), VarPrompt.KEYS));
                });
                YNode name = entry.get("name").orElseThrow(() -> new UserError(entry.position(),
                        "a vars_prompt entry needs 'name' (the variable it sets)"));
                String var = NodeReader.string(name, "name");
                if (!VariableNames.isValid(var)) {
                    throw new UserError(name.position(), "'" + var + "' is not a valid variable name for vars_prompt",
                            "use letters, digits and '_', not starting with a digit");
                }
                if (!names.add(var)) {
                    throw new UserError(name.position(), "vars_prompt asks for '" + var + "' twice");
                }
                Map<String, Object> fields = new LinkedHashMap<>();
                entry.entries().forEach(e -> fields.put(e.key(), e.value().toPlain()));
                for (String flag : List.of("private", "confirm", "unsafe")) {
                    entry.get(flag).filter(n -> !Templar.isTemplate(n.toPlain())).ifPresent(n -> NodeReader.bool(n, flag));
                }
                out.add(new VarPrompt(var, fields, entry.position()));
            }
        });
        return out;
    }

    /** Where each of the play's own vars is written: a mapping, or a list of mappings (a later one wins). */
    private static Map<String, SourcePosition> varPositions(YMap map) {
        Map<String, SourcePosition> out = new LinkedHashMap<>();
        map.get("vars").ifPresent(node -> {
            List<YNode> items = node instanceof YList l ? l.items() : List.of(node);
            for (YNode item : items) {
                if (item instanceof YMap m) {
                    m.entries().forEach(e -> out.put(e.key(), e.keyPosition()));
                }
            }
        });
        return out;
    }

    private static List<TaskNode> section(TaskParser parser, YMap map, String key, Keywords kw, Path baseDir) {
        return map.get(key).map(n -> parser.parseList(n, kw, baseDir, false)).orElse(List.of());
    }

    /** The play's vars_files; the variables of those named literally are put into {@code read} (read now, below). */
    private static List<VarsFile> varsFiles(YMap map, Path baseDir, Map<String, Object> read) {
        List<VarsFile> out = new ArrayList<>();
        map.get("vars_files").filter(n -> !isNull(n)).ifPresent(node -> {
            // one file name alone is a list of it, as Ansible's list fields read a single value
            for (YNode item : node instanceof YScalar ? List.of(node) : NodeReader.list(node, "vars_files").items()) {
                List<String> candidates = item instanceof YList l
                        ? l.items().stream().map(n -> NodeReader.string(n, "vars_files")).toList()
                        : List.of(NodeReader.string(item, "vars_files"));
                boolean templated = candidates.stream().anyMatch(c -> c.contains("{{"));
                if (!templated) {
                    Path first = candidates.stream().map(c -> baseDir.resolve(c).normalize()).filter(Files::isRegularFile)
                            .findFirst().orElseThrow(() -> new UserError(item.position(), "vars file not found: "
                                    + String.join(" or ", candidates) + " (looked in " + baseDir + ")"));
                    read.putAll(checkVarsFile(first));
                }
                out.add(new VarsFile(candidates, item.position()));
            }
        });
        return out;
    }

    /**
     * A vars file named literally is read now, so a malformed one stops the run before anything runs; its variables
     * (for a static import's templated name: a list of mappings gives the last one's value of each).
     */
    private static Map<String, Object> checkVarsFile(Path file) {
        Optional<YNode> doc = YamlLoader.load(file);
        boolean listOfMappings = doc.isPresent() && doc.get() instanceof YList l && l.items().stream().allMatch(YMap.class::isInstance);
        if (doc.isPresent() && !(doc.get() instanceof YMap) && !isNull(doc.get()) && !listOfMappings) {
            throw new UserError(doc.get().position(), "a vars file must be a mapping of variables, got " + doc.get().describe(),
                    "write one 'name: value' per line");
        }
        Map<String, Object> vars = new LinkedHashMap<>();
        List<YNode> parts = doc.isEmpty() ? List.of() : doc.get() instanceof YList l ? l.items() : List.of(doc.get());
        parts.stream().filter(YMap.class::isInstance).forEach(m -> ((YMap) m).entries().forEach(e -> vars.put(e.key(), e.value().toPlain())));
        return vars;
    }
    static boolean isNull(YNode n) {
        return n instanceof YScalar s && s.isNull();
    }
}
