package io.runbook.engine.playbook;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import io.runbook.engine.module.ActionGroups;
import io.runbook.engine.module.ModuleRegistry;
import io.runbook.engine.yaml.YList;
import io.runbook.engine.yaml.YMap;
import io.runbook.engine.yaml.YNode;
import io.runbook.engine.yaml.YScalar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * {@code module_defaults} of a play, block, role or task: arguments an action gets unless its task gives them, as
 * Ansible's {@code get_action_args_with_defaults}. The entries of all levels are kept in the order Ansible merges
 * them (the outer level's first, a list's mappings in order), each key matched by the full name Ansible resolves it to
 * ({@link io.runbook.engine.module.ResolvedNames#of}): an action written by any of its names ({@code debug},
 * {@code ansible.builtin.debug}, {@code ansible.legacy.debug}) is one key, the later entry replacing the earlier's whole
 * value; a group of actions ({@code group/k8s}, kept as {@code group/} and its fully qualified name:
 * {@link io.runbook.engine.module.ActionGroups}) reaches the actions it holds. An entry is a mapping (values may be
 * templates) or a template that gives one, rendered when the task runs.
 */
public record ModuleDefaults(List<Entry> entries) {
    /** Under this argument a task carries an entry that is a template, merged below its arguments when it runs. */
    public static final String TEMPLATE = "_module_defaults";

    public static final ModuleDefaults NONE = new ModuleDefaults(List.of());

    private static final String GROUP = "group/";

    /**
     * One entry: {@code key} is the action as written, or {@code group/} and the group's full name; {@code args} a
     * mapping with its values' positions, or a template (text).
     */
    public record Entry(String key, String written, SourcePosition keyPosition, Object args,
                        Map<String, SourcePosition> positions) {
        boolean isGroup() {
            return key.startsWith(GROUP);
        }
    }

    public ModuleDefaults {
        entries = List.copyOf(entries);
    }

    static ModuleDefaults read(YNode node) {
        if (PlaybookParser.isNull(node)) {
            return NONE;
        }
        List<Entry> out = new ArrayList<>();
        for (YNode item : node instanceof YList list ? list.items() : List.of(node)) {
            if (!(item instanceof YMap map)) {
                throw new UserError(item.position(), "The field 'module_defaults' is supposed to be a dictionary or list of "
                        + "dictionaries, the keys of which must be static action, module, or group names. Only the values "
                        + "may contain templates. For example: {'ping': \"{{ ping_defaults }}\"}");
            }
            for (YMap.Entry e : map.entries()) {
                String key = e.key().startsWith(GROUP)
                        ? GROUP + ActionGroups.qualified(e.key().substring(GROUP.length())) : e.key();
                out.add(entry(key, e));
            }
        }
        return new ModuleDefaults(out);
    }

    private static Entry entry(String key, YMap.Entry e) {
        YNode value = e.value();
        if (value instanceof YMap args) {
            return new Entry(key, e.key(), e.keyPosition(), NodeReader.plainMap(args, e.key()), NodeReader.keyPositions(args));
        }
        if (PlaybookParser.isNull(value)) {
            return new Entry(key, e.key(), e.keyPosition(), Map.of(), Map.of());
        }
        if (value instanceof YScalar s && s.text().contains("{{")) {
            return new Entry(key, e.key(), e.keyPosition(), s.text(), Map.of());
        }
        throw new UserError(value.position(), "the module_defaults of '" + e.key() + "' must be a mapping of its arguments "
                + "(or a template that gives one), got " + value.describe());
    }

    /** These defaults as seen below {@code parent}'s: this level's entries after the parent's, so they win. */
    ModuleDefaults under(ModuleDefaults parent) {
        if (entries.isEmpty() || parent.entries.isEmpty()) {
            return entries.isEmpty() ? parent : this;
        }
        List<Entry> out = new ArrayList<>(parent.entries);
        out.addAll(entries);
        return new ModuleDefaults(out);
    }

    /** Each action named, as written, with where (not the groups: {@link #checkGroups}). */
    void forEachAction(BiConsumer<String, SourcePosition> check) {
        entries.stream().filter(e -> !e.isGroup()).forEach(e -> check.accept(e.written(), e.keyPosition()));
    }

    /**
     * Refuses a group Ansible cannot resolve, as its {@code _load_module_defaults} does while it reads the playbook
     * ({@code Error loading module_defaults: could not resolve the module_defaults group ...}).
     */
    void checkGroups(ModuleRegistry modules) {
        for (Entry e : entries) {
            String group = e.isGroup() ? e.key().substring(GROUP.length()) : null;
            if (group != null && modules.actionGroups().actions(group).isEmpty()) {
                throw new UserError(e.keyPosition(), "Error loading module_defaults: could not resolve the module_defaults "
                        + "group " + group, ActionGroups.hint(group));
            }
        }
    }

    /**
     * {@code action}'s defaults (the task's action as written, or as the {@code collections:} keyword found it) added to
     * a task's written arguments, which win, as Ansible's {@code get_action_args_with_defaults}: the entries merged by
     * the full names they resolve to, then those of the groups that hold the action in the order they were first
     * given, then the action's own entry over them (whatever level each comes from). Mappings go in front of the
     * arguments (with their positions, so a mistake in one is shown where the default is written); when one of them is
     * a template, all of them go under {@link #TEMPLATE} as a list, merged in order when the task runs.
     */
    public void applyTo(ModuleRegistry modules, String action, Map<String, Object> args, Map<String, SourcePosition> positions) {
        if (entries.isEmpty()) {
            return;
        }
        Map<String, Entry> merged = new LinkedHashMap<>();
        for (Entry e : entries) {
            if (e.isGroup()) {
                merged.put(e.key(), e);
                continue;
            }
            // as Ansible's _load_module_defaults: a name without a collection is ansible.legacy's, and ansible.builtin's too
            String written = e.written();
            boolean legacy = written.split("\\.").length < 3 || written.startsWith("ansible.legacy.");
            merged.put(resolved(modules, legacy ? "ansible.legacy." + ModuleRegistry.shortName(written) : written), e);
            if (legacy) {
                merged.put(resolved(modules, "ansible.builtin." + ModuleRegistry.shortName(written)), e);
            }
        }
        String resolved = resolved(modules, action);
        List<Entry> layers = new ArrayList<>();
        merged.forEach((key, e) -> {
            if (e.isGroup() && modules.actionGroups().contains(key.substring(GROUP.length()), resolved)) {
                layers.add(e);
            }
        });
        if (merged.containsKey(resolved)) {
            layers.add(merged.get(resolved));
        }
        if (layers.isEmpty()) {
            return;
        }
        if (layers.stream().anyMatch(e -> e.args() instanceof String)) {
            args.put(TEMPLATE, layers.stream().map(Entry::args).toList());
            positions.put(TEMPLATE, layers.get(layers.size() - 1).keyPosition());
            return;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Entry e : layers) {
            ((Map<?, ?>) e.args()).forEach((k, v) -> {
                String name = String.valueOf(k);
                if (!args.containsKey(name)) {
                    out.put(name, v);
                    positions.put(name, e.positions().getOrDefault(name, e.keyPosition()));
                }
            });
        }
        out.putAll(args);
        args.clear();
        args.putAll(out);
    }

    /**
     * The full name Ansible resolves {@code name} to ({@link io.runbook.engine.module.ResolvedNames#of}); the engine's own actions
     * ({@code debug}, {@code set_fact}...) are ansible-core's, without a look at the controller's Ansible.
     */
    private static String resolved(ModuleRegistry modules, String name) {
        String shortName = ModuleRegistry.shortName(name);
        boolean core = name.equals(shortName) || name.equals("ansible.builtin." + shortName) || name.equals("ansible.legacy." + shortName);
        return core && EngineActions.NAMES.contains(shortName) ? "ansible.builtin." + shortName : modules.resolvedNames().of(name);
    }
}
