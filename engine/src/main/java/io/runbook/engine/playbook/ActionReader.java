package io.runbook.engine.playbook;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.Suggestions;
import io.runbook.engine.error.UserError;
import io.runbook.engine.module.ModuleRegistry;
import io.runbook.engine.yaml.YList;
import io.runbook.engine.yaml.YMap;
import io.runbook.engine.yaml.YNode;
import io.runbook.engine.yaml.YScalar;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the action of a task and its written arguments, in every form Ansible accepts: the module as a key
 * ({@code debug: msg=hi} or a mapping), {@code action: debug msg=hi}, {@code action: {module: debug, msg: hi}},
 * and {@code local_action:} (the same, delegated to localhost), with {@code args:} merged in.
 */
final class ActionReader {
    /** The action as found: its short name, the node holding its arguments, and where it is written. */
    record Found(String action, YMap.Entry entry, boolean local) {
    }

    private final ModuleRegistry modules;
    /** The {@code collections:} keyword's list for the tasks being read (empty: none). */
    private List<String> collections = List.of();

    ActionReader(ModuleRegistry modules) {
        this.modules = modules;
    }

    /** The {@code collections:} list the tasks read from now on are under; returns the previous one. */
    List<String> collections(List<String> list) {
        List<String> previous = collections;
        collections = List.copyOf(list);
        return previous;
    }

    /** The {@code collections:} list the tasks being read are under (empty: none). */
    List<String> collections() {
        return collections;
    }

    /**
     * The name the module of an action written {@code written} is looked up by: the collection's full name when the
     * {@code collections:} keyword's list resolves a short name ({@link ModuleRegistry#inCollections}), else as written.
     */
    String lookupName(String written) {
        return isTemplate(written) ? written : modules.inCollections(written, collections, TaskParser.ENGINE_ACTIONS);
    }

    /** The one key of a task that is not a keyword: its action (or the module of action/local_action). */
    Found find(YMap map, Set<String> keywords) {
        for (String form : List.of("action", "local_action")) {
            if (map.has(form)) {
                return fromActionKeyword(map, map.entry(form).orElseThrow(), form.equals("local_action"), keywords);
            }
        }
        YMap.Entry found = null;
        for (YMap.Entry e : map.entries()) {
            if (keywords.contains(e.key()) || LoopParser.isLoopKey(e.key())) {
                continue;
            }
            // a key from no file is ad-hoc's -m, which Ansible's ad-hoc play names by action: (looked up when it runs)
            check(e.key(), e.keyPosition(), keywords, !e.keyPosition().hasLine());
            if (found != null) {
                throw new UserError(e.keyPosition(), "a task has one action, but this one has '" + found.key() + "' and '" + e.key() + "'");
            }
            found = e;
        }
        if (found == null) {
            throw new UserError(map.position(), "a task needs an action (a module such as debug, k8s_apply or command)");
        }
        return new Found(ModuleRegistry.shortName(found.key()), found, false);
    }

    /**
     * The task with an import written with {@code action:} or {@code local_action:} as its key form, which the
     * imports are told apart by before the task is read: {@code action: include file.yml} is {@code include: file.yml}
     * and {@code local_action:} adds {@code delegate_to: localhost} (the imported tasks inherit it), as Ansible's
     * ModuleArgsParser reads every form to one action. Any other task is returned as it is.
     */
    YMap importInKeyForm(YMap map, Set<String> keywords) {
        String form = map.has("action") ? "action" : map.has("local_action") ? "local_action" : null;
        if (form == null) {
            return map;
        }
        Found found = fromActionKeyword(map, map.entry(form).orElseThrow(), form.equals("local_action"), keywords);
        if (!isImport(found.entry().key())) {
            return map;
        }
        List<YMap.Entry> entries = new ArrayList<>();
        for (YMap.Entry e : map.entries()) {
            if (e.key().equals(form)) {
                entries.add(found.entry());
            } else if (!found.local() || !e.key().equals("delegate_to")) {
                entries.add(e);
            }
        }
        if (found.local()) {
            SourcePosition at = map.entry(form).orElseThrow().keyPosition();
            entries.add(new YMap.Entry("delegate_to", at, new YScalar("localhost", "localhost", null, at)));
        }
        return new YMap(entries, map.position());
    }

    /**
     * Whether {@code written} names import_tasks, import_role or the legacy include (static when its file name is
     * literal), by any name Ansible gives them: short, {@code ansible.builtin.} or {@code ansible.legacy.}.
     */
    private static boolean isImport(String written) {
        return List.of("import_tasks", "import_role", "include").stream().anyMatch(a -> names(a).contains(written));
    }

    /** The names of a builtin action, as Ansible's add_internal_fqcns gives them: short, ansible.builtin., ansible.legacy. */
    static List<String> names(String action) {
        return List.of(action, "ansible.builtin." + action, "ansible.legacy." + action);
    }

    private Found fromActionKeyword(YMap map, YMap.Entry form, boolean local, Set<String> keywords) {
        for (YMap.Entry e : map.entries()) {
            if (!keywords.contains(e.key()) && !LoopParser.isLoopKey(e.key()) && e != form) {
                throw new UserError(e.keyPosition(), "a task has one action, but this one has '" + form.key() + "' and '"
                        + e.key() + "'");
            }
        }
        YNode value = form.value();
        if (value instanceof YScalar s && !s.isNull()) {
            String text = s.text().strip();
            int space = text.indexOf(' ');
            String module = space < 0 ? text : text.substring(0, space);
            String rest = space < 0 ? "" : text.substring(space + 1).strip();
            if (module.startsWith("{{") || module.startsWith("{%")) {
                // a module named by a template: its first word is the whole template, as Ansible's split_args keeps it
                List<String> words = io.runbook.engine.vars.ArgSplitter.split(text, s.position());
                module = words.get(0);
                rest = text.startsWith(module) ? text.substring(module.length()).strip()
                        : io.runbook.engine.vars.ArgSplitter.join(words.subList(1, words.size()));
            }
            boolean templated = isTemplate(module);
            if (!templated) {
                check(module, s.position(), keywords, true);
            }
            YNode args = rest.isEmpty() ? new YScalar(null, "", null, s.position()) : new YScalar(rest, rest, null, s.position());
            return new Found(templated ? module : ModuleRegistry.shortName(module), new YMap.Entry(module, s.position(), args), local);
        }
        YMap m = NodeReader.map(value, form.key());
        YNode moduleNode = m.get("module").orElseThrow(() -> new UserError(m.position(), form.key()
                + " as a mapping needs 'module:' (the module to run)"));
        String module = NodeReader.string(moduleNode, "module");
        boolean templated = isTemplate(module);
        if (!templated) {
            check(module, moduleNode.position(), keywords, true);
        }
        List<YMap.Entry> rest = new ArrayList<>(m.entries().stream().filter(e -> !e.key().equals("module")).toList());
        return new Found(templated ? module : ModuleRegistry.shortName(module), new YMap.Entry(module, moduleNode.position(),
                new YMap(rest, m.position())), local);
    }

    /**
     * Whether the module of an {@code action:} or {@code local_action:} is a template: Ansible resolves it when the task
     * runs, on each host, so it is looked up and its arguments checked then (see the engine's TemplatedAction).
     */
    static boolean isTemplate(String module) {
        return module.contains("{{") || module.contains("{%");
    }

    /**
     * That {@code key} names a module (or one of the engine's actions). One the plugin filter file blocks is refused
     * here as a task's key, as ansible-core 2.14's parser refuses it; named by {@code action:}/{@code local_action:}
     * ({@code byAction}) it is left for the task to fail on each host when it runs, as Ansible looks that name up only
     * then (see the engine's RunTimeAction).
     */
    private void check(String key, SourcePosition where, Set<String> keywords, boolean byAction) {
        if (modules.blocked(key)) {
            if (byAction) {
                return;
            }
            // the plugin filter file's module_blacklist: ansible-core 2.14 finds no plugin of that short name
            throw new UserError(where, "couldn't resolve module/action '" + key + "'. This often indicates a misspelling, "
                    + "missing collection, or incorrect module path.", "the plugin filter file (plugin_filters_cfg) blocks it");
        }
        String shortName = ModuleRegistry.shortName(key);
        String name = lookupName(key);
        boolean known = name.equals(key) && TaskParser.ENGINE_ACTIONS.contains(shortName) && names(shortName).contains(key)
                || modules.resolve(name).isPresent();
        if (known) {
            return;
        }
        if (!name.equals(key)) {
            throw unknownModule(name, where);
        }
        String keywordHint = Suggestions.closest(key, keywords).map(s -> "did you mean '" + s + "'?").orElse(null);
        if (keywordHint != null) {
            throw new UserError(where, "unknown keyword '" + key + "' in a task", keywordHint);
        }
        throw unknownModule(key, where);
    }

    /**
     * An unknown module's error: the action plugin of Ansible's it is, or a did-you-mean, and what the controller lacks
     * when it has no Ansible whose modules could have answered.
     */
    private UserError unknownModule(String key, SourcePosition where) {
        Optional<String> refused = modules.refusal(key);
        if (refused.isPresent()) {
            return new UserError(where, refused.get());
        }
        String shortName = ModuleRegistry.shortName(key);
        List<String> own = modules.ownFullNames(shortName);
        String hint;
        if (!own.isEmpty() && !shortName.equals(key)) {
            // a module the engine has, under a collection's name that does not have it (a misspelt namespace)
            hint = "did you mean '" + Suggestions.closest(key, own).orElse(own.get(0)) + "'?";
        } else {
            Set<String> known = allActions();
            known.addAll(modules.controllerBuiltinNames());
            hint = Suggestions.didYouMean(shortName, known);
        }
        String problem = modules.controllerProblem();
        if (problem != null) {
            String noAnsible = "the controller has no Ansible to look for it in: " + problem
                    + "; install ansible-core there (apt install ansible-core) to run Ansible's modules";
            hint = hint == null ? noAnsible : hint + "; " + noAnsible;
        }
        return new UserError(where, "unknown module '" + key + "'", hint);
    }

    /** An action named in {@code module_defaults}: one the engine has, as Ansible resolves them when it reads the play. */
    void checkDefaultsKey(String written, SourcePosition where) {
        String shortName = ModuleRegistry.shortName(written);
        boolean engineAction = TaskParser.ENGINE_ACTIONS.contains(shortName) && names(shortName).contains(written);
        if (!engineAction && modules.resolve(written).isEmpty()) {
            throw new UserError(where, "Could not resolve action " + written + " in module_defaults",
                    Suggestions.didYouMean(shortName, allActions()));
        }
    }

    private Set<String> allActions() {
        Set<String> all = new HashSet<>(modules.names());
        all.addAll(TaskParser.ENGINE_ACTIONS);
        return all;
    }

    /** The written arguments: {@code args:} first, then the action's own mapping or key=value text on top. */
    void readArgs(String action, YMap.Entry entry, YNode argsKeyword, Map<String, Object> args,
                  Map<String, SourcePosition> positions) {
        YNode value = entry.value();
        if (argsKeyword != null && !PlaybookParser.isNull(argsKeyword)) {
            YMap extra = NodeReader.map(argsKeyword, "args");
            args.putAll(NodeReader.plainMap(extra, "args"));
            positions.putAll(NodeReader.keyPositions(extra));
        }
        if (value instanceof YMap m) {
            args.putAll(NodeReader.plainMap(m, action));
            positions.putAll(NodeReader.keyPositions(m));
        } else if (value instanceof YScalar s && !s.isNull()) {
            boolean rawModule = modules.find(isTemplate(entry.key()) ? action : entry.key()).map(m -> m.spec().freeForm()).orElse(false);
            FreeFormArgs.parse(action, s.text(), rawModule || TaskParser.FREE_FORM_ACTIONS.contains(ModuleRegistry.shortName(action)), rawModule,
                    value.position(), args, positions);
        } else if (value instanceof YList) {
            throw new UserError(value.position(), "the arguments of '" + action + "' must be a mapping, got a list");
        }
    }
}
