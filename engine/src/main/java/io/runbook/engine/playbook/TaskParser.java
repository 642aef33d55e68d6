package io.runbook.engine.playbook;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.Suggestions;
import io.runbook.engine.error.UserError;
import io.runbook.engine.module.ArgValidator;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleRegistry;
import io.runbook.engine.module.WrittenArgs;
import io.runbook.engine.yaml.YList;
import io.runbook.engine.yaml.YMap;
import io.runbook.engine.yaml.YNode;
import io.runbook.engine.yaml.YScalar;
import io.runbook.engine.yaml.YamlLoader;
import io.runbook.engine.vars.Conditions;
import io.runbook.engine.vars.Templar;
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
 * Turns task lists into {@link TaskNode}s: finds each task's action, checks its written arguments against the
 * module's spec, applies inherited keywords, and expands {@code import_tasks} (with cycle detection).
 */
public final class TaskParser {
    static final Set<String> TASK_KEYS = union(KeywordParser.NAMES, Set.of("name", "register", "loop", "with_items",
            "with_list", "loop_control", "until", "retries", "delay", "failed_when", "changed_when", "notify", "args",
            "throttle", "become", "become_user", "listen"));
    static final Set<String> BLOCK_KEYS = union(KeywordParser.NAMES, Set.of("name", "block", "rescue", "always",
            "throttle", "become", "become_user"));
    static final Set<String> ENGINE_ACTIONS = EngineActions.NAMES;
    static final Set<String> META_ACTIONS = Set.copyOf(EngineActions.META);
    static final Set<String> IMPORT_TASKS_KEYS = Set.of("import_tasks", "name", "when", "tags", "vars");
    static final Set<String> LOOP_CONTROL_KEYS = Set.of("loop_var", "index_var", "label", "pause", "extended");

    private final ModuleRegistry modules;
    private final Deque<Path> importStack = new ArrayDeque<>();
    /** The literal include_tasks being followed while reading, innermost first; whether each has a condition or loop. */
    private final Deque<Map.Entry<Path, Boolean>> includeStack = new ArrayDeque<>();
    private final Set<Path> includesChecked = new HashSet<>();
    private final Templar templar = new Templar();
    private final Conditions conditions = new Conditions();

    public TaskParser(ModuleRegistry modules) {
        this.modules = modules;
    }

    /** Parses a task list found at {@code node}, under the given inherited keywords. */
    public List<TaskNode> parseList(YNode node, Keywords parent, Path baseDir, boolean handlers) {
        List<TaskNode> out = new ArrayList<>();
        for (YNode item : NodeReader.list(node, handlers ? "handlers" : "a task list").items()) {
            YMap map = NodeReader.map(item, "a task");
            if (map.has("block")) {
                if (handlers) {
                    throw new UserError(map.position(), "blocks are not supported in handlers");
                }
                out.add(block(map, parent, baseDir));
            } else if (map.has("import_tasks")) {
                out.addAll(importTasks(map, parent, baseDir, handlers));
            } else {
                out.add(task(map, parent, baseDir, handlers));
            }
        }
        return out;
    }

    /** Parses a whole task file (for {@code include_tasks} at run time). */
    public List<TaskNode> parseFile(Path file, Keywords parent) {
        Optional<YNode> doc = YamlLoader.load(file);
        if (doc.isEmpty()) {
            return List.of();
        }
        return parseList(doc.get(), parent, file.toAbsolutePath().getParent(), false);
    }

    private Block block(YMap map, Keywords parent, Path baseDir) {
        NodeReader.onlyKeys(map, BLOCK_KEYS, "a block");
        Keywords kw = KeywordParser.read(map).under(parent);
        String name = map.get("name").map(n -> NodeReader.string(n, "name")).orElse(null);
        List<TaskNode> block = parseList(map.get("block").orElseThrow(), kw, baseDir, false);
        List<TaskNode> rescue = map.get("rescue").map(n -> parseList(n, kw, baseDir, false)).orElse(List.of());
        List<TaskNode> always = map.get("always").map(n -> parseList(n, kw, baseDir, false)).orElse(List.of());
        return new Block(name, block, rescue, always, map.position(), kw);
    }

    private List<TaskNode> importTasks(YMap map, Keywords parent, Path baseDir, boolean handlers) {
        NodeReader.onlyKeys(map, IMPORT_TASKS_KEYS, "import_tasks");
        YNode fileNode = map.get("import_tasks").orElseThrow();
        String fileName = NodeReader.string(fileNode, "import_tasks");
        if (fileName.contains("{{")) {
            throw new UserError(fileNode.position(), "import_tasks is static: its file name cannot be a template (use include_tasks)");
        }
        Path file = baseDir.resolve(fileName).normalize();
        if (!Files.isRegularFile(file)) {
            throw new UserError(fileNode.position(), "task file not found: " + file);
        }
        if (importStack.contains(file)) {
            throw new UserError(fileNode.position(), "import_tasks cycle: " + file + " imports itself");
        }
        Keywords kw = KeywordParser.read(map).under(parent);
        importStack.push(file);
        try {
            Optional<YNode> doc = YamlLoader.load(file);
            return doc.isEmpty() ? List.of() : parseList(doc.get(), kw, file.getParent(), handlers);
        } finally {
            importStack.pop();
        }
    }

    private TaskNode task(YMap map, Keywords parent, Path baseDir, boolean handler) {
        YMap.Entry actionEntry = findAction(map);
        String action = ModuleRegistry.shortName(actionEntry.key());
        Keywords kw = KeywordParser.read(map).under(parent);
        String name = map.get("name").map(n -> NodeReader.string(n, "name")).orElse(null);
        Object loop = loopValue(map);
        SourcePosition loopPos = map.get("loop").or(() -> map.get("with_items")).or(() -> map.get("with_list"))
                .map(YNode::position).orElse(null);
        LoopControl lc = map.get("loop_control").map(this::loopControl).orElse(LoopControl.DEFAULT);
        map.get("loop").ifPresent(n -> KeywordValues.checkLoop("loop", n));
        map.get("retries").ifPresent(n -> KeywordValues.checkLiteral("retries", n));
        map.get("delay").ifPresent(n -> KeywordValues.checkLiteral("delay", n));
        if (action.equals("include_tasks")) {
            return include(map, actionEntry, name, kw, loop, loopPos, lc, baseDir);
        }
        Map<String, Object> args = new LinkedHashMap<>();
        Map<String, SourcePosition> argPos = new LinkedHashMap<>();
        readArgs(action, actionEntry, map.get("args").orElse(null), args, argPos);
        checkArgs(action, actionEntry, args, argPos, map.position(), baseDir);
        checkExpressions(kw, args, argPos, map, loop, loopPos);
        return new Task(name, action, args, argPos, map.position(), kw,
                map.get("register").map(n -> NodeReader.string(n, "register")).orElse(null), loop, loopPos, lc,
                map.get("until").map(n -> NodeReader.conditions(n, "until").get(0)).orElse(null),
                map.get("retries").map(YNode::toPlain).orElse(null), map.get("delay").map(YNode::toPlain).orElse(null),
                map.get("failed_when").map(n -> NodeReader.conditions(n, "failed_when")).orElse(List.of()),
                map.get("changed_when").map(n -> NodeReader.conditions(n, "changed_when")).orElse(List.of()),
                map.get("notify").map(n -> NodeReader.names(n, "notify")).orElse(List.of()),
                map.get("listen").map(n -> NodeReader.names(n, "listen")).orElse(List.of()), baseDir);
    }

    private Include include(YMap map, YMap.Entry entry, String name, Keywords kw, Object loop, SourcePosition loopPos,
                            LoopControl lc, Path baseDir) {
        String file;
        if (entry.value() instanceof YMap m) {
            NodeReader.onlyKeys(m, Set.of("file"), "include_tasks");
            file = NodeReader.string(m.get("file").orElseThrow(() -> new UserError(m.position(), "include_tasks needs 'file'")), "file");
        } else {
            file = NodeReader.string(entry.value(), "include_tasks");
        }
        followLiteralInclude(file, entry.value().position(), !kw.when().isEmpty() || loop != null, kw, baseDir);
        return new Include(name, file, map.position(), kw, loop, loopPos, lc, kw.vars(), baseDir);
    }

    /**
     * Reads the file of an include_tasks whose name is literal, so its mistakes — and an include that includes
     * itself with nothing to end it — are found before anything runs. A cycle where some include has a condition
     * or a loop may end at run time; the run stops one that does not ({@code MAX_INCLUDE_DEPTH} in the executor).
     */
    private void followLiteralInclude(String fileName, SourcePosition where, boolean guarded, Keywords kw, Path baseDir) {
        if (fileName.contains("{{") || fileName.contains("{%")) {
            return;
        }
        Path file = baseDir.resolve(fileName).normalize();
        if (!Files.isRegularFile(file) || includesChecked.contains(file)) {
            return;
        }
        boolean cycleGuarded = guarded;
        for (Map.Entry<Path, Boolean> outer : includeStack) {
            cycleGuarded |= outer.getValue();
            if (outer.getKey().equals(file)) {
                if (cycleGuarded) {
                    return;
                }
                throw new UserError(where, "include_tasks cycle: " + file + " includes itself"
                        + " with no condition to end it, so it would never stop",
                        "add a 'when' that ends the repetition, or use a loop");
            }
        }
        includeStack.push(Map.entry(file, guarded));
        try {
            Optional<YNode> doc = YamlLoader.load(file);
            if (doc.isPresent()) {
                parseList(doc.get(), kw.forInclude(), file.getParent(), false);
            }
        } finally {
            includeStack.pop();
        }
        if (includeStack.stream().noneMatch(e -> e.getKey().equals(file))) {
            includesChecked.add(file);
        }
    }

    /** The one key of a task that is not a keyword: its action. */
    private YMap.Entry findAction(YMap map) {
        YMap.Entry found = null;
        for (YMap.Entry e : map.entries()) {
            if (TASK_KEYS.contains(e.key())) {
                continue;
            }
            String shortName = ModuleRegistry.shortName(e.key());
            boolean known = ENGINE_ACTIONS.contains(shortName) || modules.find(shortName).isPresent();
            if (!known) {
                String keywordHint = Suggestions.closest(e.key(), TASK_KEYS).map(s -> "did you mean '" + s + "'?").orElse(null);
                if (keywordHint != null) {
                    throw new UserError(e.keyPosition(), "unknown keyword '" + e.key() + "' in a task", keywordHint);
                }
                throw new UserError(e.keyPosition(), "unknown module '" + e.key() + "'",
                        Suggestions.didYouMean(shortName, allActions()));
            }
            if (found != null) {
                throw new UserError(e.keyPosition(), "a task has one action, but this one has '" + found.key() + "' and '" + e.key() + "'");
            }
            found = e;
        }
        if (found == null) {
            throw new UserError(map.position(), "a task needs an action (a module such as debug, k8s_apply or command)");
        }
        return found;
    }

    private Set<String> allActions() {
        Set<String> all = new HashSet<>(modules.names());
        all.addAll(ENGINE_ACTIONS);
        return all;
    }

    private void readArgs(String action, YMap.Entry entry, YNode argsKeyword, Map<String, Object> args,
                          Map<String, SourcePosition> positions) {
        YNode value = entry.value();
        if (argsKeyword != null) {
            YMap extra = NodeReader.map(argsKeyword, "args");
            args.putAll(NodeReader.plainMap(extra, "args"));
            positions.putAll(NodeReader.keyPositions(extra));
        }
        if (value instanceof YMap m) {
            args.putAll(NodeReader.plainMap(m, action));
            positions.putAll(NodeReader.keyPositions(m));
        } else if (value instanceof YScalar s && !s.isNull()) {
            FreeFormArgs.parse(action, s.text(), acceptsFreeForm(action), value.position(), args, positions);
        } else if (value instanceof YList) {
            throw new UserError(value.position(), "the arguments of '" + action + "' must be a mapping, got a list");
        }
    }

    private boolean acceptsFreeForm(String action) {
        return action.equals("meta") || modules.find(action).map(m -> m.spec().freeForm()).orElse(false);
    }

    private void checkArgs(String action, YMap.Entry entry, Map<String, Object> args, Map<String, SourcePosition> argPos,
                           SourcePosition taskPos, Path baseDir) {
        if (action.equals("meta")) {
            Object what = args.getOrDefault("_raw_params", args.get("action"));
            if (what == null || !META_ACTIONS.contains(String.valueOf(what))) {
                throw new UserError(entry.value().position(), "meta takes one of " + String.join(", ", META_ACTIONS),
                        what == null ? null : Suggestions.didYouMean(String.valueOf(what), META_ACTIONS));
            }
            return;
        }
        if (action.equals("set_fact")) {
            if (args.isEmpty()) {
                throw new UserError(entry.keyPosition(), "set_fact needs at least one variable to set");
            }
            return;
        }
        Module module = modules.find(action).orElseThrow();
        ArgValidator.checkWritten(action, module.spec(), args, argPos, taskPos);
        module.checkWritten(new WrittenArgs(args, argPos, taskPos, baseDir));
    }

    /** Template and condition syntax (unknown filters and tests too), found before anything runs. */
    private void checkExpressions(Keywords kw, Map<String, Object> args, Map<String, SourcePosition> argPos, YMap map,
                                  Object loop, SourcePosition loopPos) {
        args.forEach((k, v) -> templar.check(v, argPos.getOrDefault(k, map.position())));
        kw.when().forEach(e -> conditions.check(e.text(), e.position()));
        for (String key : List.of("failed_when", "changed_when", "until")) {
            map.get(key).ifPresent(n -> NodeReader.conditions(n, key).forEach(e -> conditions.check(e.text(), e.position())));
        }
        if (loop != null) {
            templar.check(loop, loopPos);
        }
    }

    private Object loopValue(YMap map) {
        List<String> present = new ArrayList<>();
        for (String k : List.of("loop", "with_items", "with_list")) {
            if (map.has(k)) {
                present.add(k);
            }
        }
        if (present.size() > 1) {
            throw new UserError(map.get(present.get(1)).orElseThrow().position(), "use only one of loop, with_items, with_list");
        }
        return present.isEmpty() ? null : map.get(present.get(0)).orElseThrow().toPlain();
    }

    private LoopControl loopControl(YNode node) {
        YMap m = NodeReader.map(node, "loop_control");
        NodeReader.onlyKeys(m, LOOP_CONTROL_KEYS, "loop_control");
        double pause = m.get("pause").map(n -> {
            Object v = n.toPlain();
            if (!(v instanceof Number num)) {
                throw new UserError(n.position(), "loop_control.pause must be a number of seconds");
            }
            return num.doubleValue();
        }).orElse(0.0);
        return new LoopControl(m.get("loop_var").map(n -> NodeReader.string(n, "loop_var")).orElse("item"),
                m.get("index_var").map(n -> NodeReader.string(n, "index_var")).orElse(null),
                m.get("label").map(n -> NodeReader.string(n, "label")).orElse(null), pause,
                m.get("extended").map(n -> NodeReader.bool(n, "extended")).orElse(false));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new HashSet<>(a);
        out.addAll(b);
        return Set.copyOf(out);
    }
}
