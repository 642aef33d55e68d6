package io.runbook.engine.playbook;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
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
 * Ansible's {@code get_action_args_with_defaults}. Levels layer, the nearer one replacing an action's whole entry, as
 * do the mappings of a list in order. An action may be written by any of its names ({@code debug},
 * {@code ansible.builtin.debug}, {@code ansible.legacy.debug}), or a group of actions ({@code group/k8s}, kept under
 * {@code group/} and its fully qualified name: {@link ActionGroups}); an entry is a mapping (values may be templates) or
 * a template that gives one, rendered when the task runs.
 */
public record ModuleDefaults(Map<String, Entry> byAction) {
    /** Under this argument a task carries an entry that is a template, merged below its arguments when it runs. */
    public static final String TEMPLATE = "_module_defaults";

    public static final ModuleDefaults NONE = new ModuleDefaults(Map.of());

    private static final String GROUP = "group/";

    /** One action's defaults: a mapping with its values' positions, or a template (text). */
    public record Entry(String written, SourcePosition keyPosition, Object args, Map<String, SourcePosition> positions) {
    }

    public ModuleDefaults {
        byAction = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byAction));
    }

    static ModuleDefaults read(YNode node) {
        if (PlaybookParser.isNull(node)) {
            return NONE;
        }
        Map<String, Entry> out = new LinkedHashMap<>();
        for (YNode item : node instanceof YList list ? list.items() : List.of(node)) {
            if (!(item instanceof YMap map)) {
                throw new UserError(item.position(), "The field 'module_defaults' is supposed to be a dictionary or list of "
                        + "dictionaries, the keys of which must be static action, module, or group names. Only the values "
                        + "may contain templates. For example: {'ping': \"{{ ping_defaults }}\"}");
            }
            for (YMap.Entry e : map.entries()) {
                if (e.key().startsWith(GROUP)) {
                    String group = ActionGroups.qualified(e.key().substring(GROUP.length()));
                    if (!ActionGroups.known(group)) {
                        throw new UserError(e.keyPosition(), "Error loading module_defaults: could not resolve the module_defaults "
                                + "group " + group, ActionGroups.hint(group));
                    }
                    out.put(GROUP + group, entry(e));
                    continue;
                }
                out.put(ModuleRegistry.shortName(e.key()), entry(e));
            }
        }
        return new ModuleDefaults(out);
    }

    private static Entry entry(YMap.Entry e) {
        YNode value = e.value();
        if (value instanceof YMap args) {
            return new Entry(e.key(), e.keyPosition(), NodeReader.plainMap(args, e.key()), NodeReader.keyPositions(args));
        }
        if (PlaybookParser.isNull(value)) {
            return new Entry(e.key(), e.keyPosition(), Map.of(), Map.of());
        }
        if (value instanceof YScalar s && s.text().contains("{{")) {
            return new Entry(e.key(), e.keyPosition(), s.text(), Map.of());
        }
        throw new UserError(value.position(), "the module_defaults of '" + e.key() + "' must be a mapping of its arguments "
                + "(or a template that gives one), got " + value.describe());
    }

    /** These defaults as seen below {@code parent}'s: an action this level names replaces the parent's entry. */
    ModuleDefaults under(ModuleDefaults parent) {
        if (byAction.isEmpty() || parent.byAction.isEmpty()) {
            return byAction.isEmpty() ? parent : this;
        }
        Map<String, Entry> out = new LinkedHashMap<>(parent.byAction);
        out.putAll(byAction);
        return new ModuleDefaults(out);
    }

    /** Each action named, as written, with where (not the groups, checked when read). */
    void forEachAction(BiConsumer<String, SourcePosition> check) {
        byAction.forEach((key, e) -> {
            if (!key.startsWith(GROUP)) {
                check.accept(e.written(), e.keyPosition());
            }
        });
    }

    /**
     * {@code action}'s defaults added to a task's written arguments, which win, as Ansible's
     * {@code get_action_args_with_defaults}: the entries of the groups that hold the action in the order they were given,
     * then the action's own entry over them (whatever level each comes from). Mappings go in front of the arguments
     * (with their positions, so a mistake in one is shown where the default is written); when one of them is a
     * template, all of them go under {@link #TEMPLATE} as a list, merged in order when the task runs.
     */
    public void applyTo(String action, Map<String, Object> args, Map<String, SourcePosition> positions) {
        List<Entry> layers = new ArrayList<>();
        byAction.forEach((key, e) -> {
            if (key.startsWith(GROUP) && ActionGroups.contains(key.substring(GROUP.length()), action)) {
                layers.add(e);
            }
        });
        if (byAction.containsKey(action)) {
            layers.add(byAction.get(action));
        }
        if (layers.isEmpty()) {
            return;
        }
        if (layers.stream().anyMatch(e -> e.args() instanceof String)) {
            args.put(TEMPLATE, layers.stream().map(Entry::args).toList());
            positions.put(TEMPLATE, layers.get(layers.size() - 1).keyPosition());
            return;
        }
        Map<String, Object> merged = new LinkedHashMap<>();
        for (Entry e : layers) {
            ((Map<?, ?>) e.args()).forEach((k, v) -> {
                String name = String.valueOf(k);
                if (!args.containsKey(name)) {
                    merged.put(name, v);
                    positions.put(name, e.positions().getOrDefault(name, e.keyPosition()));
                }
            });
        }
        merged.putAll(args);
        args.clear();
        args.putAll(merged);
    }
}
