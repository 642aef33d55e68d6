package io.runbook.engine.playbook;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import io.runbook.engine.module.ModuleRegistry;
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
    static final Set<String> IMPORT_PLAYBOOK_KEYS = Set.of("import_playbook", "name", "vars", "tags", "when");
    static final Set<String> UNSUPPORTED = Set.of("roles", "vars_prompt");

    static {
        Set<String> keys = new HashSet<>(KeywordParser.NAMES);
        keys.addAll(Set.of("name", "hosts", "vars_files", "serial", "max_fail_percentage", "pre_tasks", "tasks",
                "post_tasks", "handlers", "strategy", "gather_facts", "force_handlers", "order", "become", "become_user",
                "connection", "collections", "throttle", "roles", "vars_prompt", "remote_user"));
        PLAY_KEYS = Set.copyOf(keys);
    }

    private final ModuleRegistry modules;
    private final Deque<Path> stack = new ArrayDeque<>();

    public PlaybookParser(ModuleRegistry modules) {
        this.modules = modules;
    }

    public Playbook parse(Path file) {
        return new Playbook(file, plays(file.toAbsolutePath().normalize(), Keywords.NONE, Map.of()));
    }

    private List<Play> plays(Path file, Keywords inherited, Map<String, Object> importVars) {
        if (!Files.isRegularFile(file)) {
            throw new UserError(null, "playbook not found: " + file);
        }
        stack.push(file);
        try {
            Optional<YNode> doc = YamlLoader.load(file);
            if (doc.isEmpty()) {
                throw new UserError(SourcePosition.of(file.toString()), "the playbook is empty: it must be a list of plays");
            }
            YList list = NodeReader.list(doc.get(), "a playbook");
            List<Play> out = new ArrayList<>();
            for (YNode item : list.items()) {
                YMap map = NodeReader.map(item, "a play");
                if (map.has("import_playbook")) {
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
        YNode target = map.get("import_playbook").orElseThrow();
        String name = NodeReader.string(target, "import_playbook");
        Path imported = file.getParent().resolve(name).normalize();
        if (!Files.isRegularFile(imported)) {
            throw new UserError(target.position(), "imported playbook not found: " + imported);
        }
        if (stack.contains(imported)) {
            throw new UserError(target.position(), "import_playbook cycle: " + imported + " imports itself");
        }
        Map<String, Object> vars = new LinkedHashMap<>(importVars);
        map.get("vars").ifPresent(v -> vars.putAll(NodeReader.plainMap(v, "vars")));
        Keywords kw = new Keywords(map.get("when").map(n -> NodeReader.conditions(n, "when")).orElse(List.of()),
                map.get("tags").map(NodeReader::tags).orElse(Set.of()), Map.of(), null, null, null, Map.of(),
                null, null, null, null, null, null).under(inherited);
        return plays(imported, kw, vars);
    }

    private Play play(YMap map, Path baseDir, Keywords inherited, Map<String, Object> importVars) {
        NodeReader.onlyKeys(map, PLAY_KEYS, "a play");
        for (String key : UNSUPPORTED) {
            map.entry(key).ifPresent(e -> {
                throw new UserError(e.keyPosition(), "'" + key + "' is not supported"
                        + (key.equals("roles") ? "; use import_tasks or include_tasks with a task file" : "; pass values with -e"));
            });
        }
        YNode hostsNode = map.get("hosts").orElseThrow(() -> new UserError(map.position(), "a play needs 'hosts' (a host pattern such as all or control_planes)"));
        String hosts = hostsNode instanceof YList l
                ? String.join(",", l.items().stream().map(n -> NodeReader.string(n, "hosts")).toList())
                : NodeReader.string(hostsNode, "hosts");
        Keywords own = KeywordParser.read(map);
        Map<String, Object> vars = new LinkedHashMap<>(importVars);
        vars.putAll(own.vars());
        Keywords kw = new Keywords(own.when(), own.tags(), Map.of(), own.checkMode(), own.diff(), own.noLog(),
                own.environment(), own.ignoreErrors(), own.ignoreUnreachable(), own.anyErrorsFatal(), null, null,
                own.timeout()).under(inherited);
        TaskParser tasks = new TaskParser(modules);
        return new Play(map.get("name").map(n -> NodeReader.string(n, "name")).orElse(null), map.position(), hosts,
                hostsNode.position(), vars, varsFiles(map, baseDir), serial(map),
                map.get("max_fail_percentage").map(this::percentage).orElse(null),
                Boolean.TRUE.equals(own.anyErrorsFatal()), strategy(map),
                map.get("force_handlers").map(n -> NodeReader.bool(n, "force_handlers")).orElse(false), kw,
                section(tasks, map, "pre_tasks", kw, baseDir), section(tasks, map, "tasks", kw, baseDir),
                section(tasks, map, "post_tasks", kw, baseDir), handlers(tasks, map, kw, baseDir), baseDir,
                map.get("connection").map(n -> NodeReader.string(n, "connection")).orElse(null),
                map.get("connection").map(YNode::position).orElse(null));
    }

    private static List<TaskNode> section(TaskParser parser, YMap map, String key, Keywords kw, Path baseDir) {
        return map.get(key).map(n -> parser.parseList(n, kw, baseDir, false)).orElse(List.of());
    }

    private static List<Task> handlers(TaskParser parser, YMap map, Keywords kw, Path baseDir) {
        List<Task> out = new ArrayList<>();
        map.get("handlers").ifPresent(n -> parser.parseList(n, kw.withoutWhen(), baseDir, true)
                .forEach(t -> out.add((Task) t)));
        return out;
    }

    private static List<VarsFile> varsFiles(YMap map, Path baseDir) {
        List<VarsFile> out = new ArrayList<>();
        map.get("vars_files").ifPresent(node -> {
            for (YNode item : NodeReader.list(node, "vars_files").items()) {
                List<String> candidates = item instanceof YList l
                        ? l.items().stream().map(n -> NodeReader.string(n, "vars_files")).toList()
                        : List.of(NodeReader.string(item, "vars_files"));
                boolean templated = candidates.stream().anyMatch(c -> c.contains("{{"));
                if (!templated) {
                    Path first = candidates.stream().map(c -> baseDir.resolve(c).normalize()).filter(Files::isRegularFile)
                            .findFirst().orElseThrow(() -> new UserError(item.position(), "vars file not found: "
                                    + String.join(" or ", candidates) + " (looked in " + baseDir + ")"));
                    checkVarsFile(first);
                }
                out.add(new VarsFile(candidates, item.position()));
            }
        });
        return out;
    }

    /** A vars file named literally is read now, so a malformed one stops the run before anything runs. */
    private static void checkVarsFile(Path file) {
        Optional<YNode> doc = YamlLoader.load(file);
        if (doc.isPresent() && !(doc.get() instanceof YMap) && !isNull(doc.get())) {
            throw new UserError(doc.get().position(), "a vars file must be a mapping of variables, got " + doc.get().describe(),
                    "write one 'name: value' per line");
        }
    }

    private static List<Object> serial(YMap map) {
        Optional<YNode> node = map.get("serial");
        if (node.isEmpty()) {
            return List.of();
        }
        List<YNode> items = node.get() instanceof YList l ? l.items() : List.of(node.get());
        List<Object> out = new ArrayList<>();
        for (YNode item : items) {
            Object v = item.toPlain();
            boolean ok = v instanceof Integer i && i >= 0 || v instanceof String s && (s.matches("\\d+%?") || s.contains("{{"));
            if (!ok) {
                throw new UserError(item.position(), "serial must be a number, a percentage like \"25%\", or a list of them");
            }
            out.add(v);
        }
        return out;
    }

    private Double percentage(YNode node) {
        Object v = node.toPlain();
        if (v instanceof Number n && n.doubleValue() >= 0 && n.doubleValue() <= 100) {
            return n.doubleValue();
        }
        if (v instanceof String s && s.matches("\\d+(\\.\\d+)?%?")) {
            return Double.parseDouble(s.replace("%", ""));
        }
        throw new UserError(node.position(), "max_fail_percentage must be a number from 0 to 100");
    }

    private static String strategy(YMap map) {
        return map.get("strategy").map(n -> {
            String s = NodeReader.string(n, "strategy");
            if (!s.equals("linear") && !s.equals("free")) {
                throw new UserError(n.position(), "unknown strategy '" + s + "'; use linear or free");
            }
            return s;
        }).orElse("linear");
    }

    static boolean isNull(YNode n) {
        return n instanceof YScalar s && s.isNull();
    }
}
