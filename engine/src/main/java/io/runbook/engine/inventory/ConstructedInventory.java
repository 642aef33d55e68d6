package io.runbook.engine.inventory;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import io.runbook.engine.report.PythonRepr;
import io.runbook.engine.vars.Conditions;
import io.runbook.engine.vars.SecretText;
import io.runbook.engine.vars.Templar;
import io.runbook.engine.yaml.YMap;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Applies one file of Ansible's constructed inventory plugin to the inventory read so far, as ansible-core 2.14's
 * {@code constructed} does when its turn comes among the sources: for each host in inventory order, its
 * {@code compose} variables, then the {@code groups} whose condition holds, then its {@code keyed_groups}. The
 * templates see what that plugin gives them: the inline vars of the host's groups (by depth, priority, name) under the
 * host's own and its {@code inventory_hostname}, {@code inventory_hostname_short} and {@code group_names}; with
 * {@code use_vars_plugins} the {@code group_vars/} and {@code host_vars/} beside the sources read before; with
 * {@code use_extra_vars} the {@code -e} vars over those (not in {@code groups} conditions, as in Ansible). A template
 * that fails leaves the host out of that entry; with {@code strict: true} it stops the run at the entry.
 */
final class ConstructedInventory {
    /** A template of an entry that failed when strict is off: the host is left out of the entry. */
    private static final Object FAILED = new Object();
    private static final String STRICT_HINT = "with strict: false the engine, as Ansible, leaves the host out of this "
            + "entry instead";

    private final InventoryBuilder builder;
    private final Map<String, Object> extraVars;
    private final VarsFiles files;
    private final List<Path> readDirs;
    private final Templar templar = new Templar();

    /**
     * @param readDirs the folders of the sources read so far, whose {@code group_vars/} and {@code host_vars/} the
     *                 templates see with {@code use_vars_plugins}
     */
    ConstructedInventory(InventoryBuilder builder, Map<String, Object> extraVars, VarsFiles files, List<Path> readDirs) {
        this.builder = builder;
        this.extraVars = extraVars;
        this.files = files;
        this.readDirs = List.copyOf(readDirs);
    }

    void apply(YMap top) {
        ConstructedConfig config = ConstructedConfig.read(top);
        for (InventoryBuilder.HostDraft host : new ArrayList<>(builder.hosts.values())) {
            compose(config, host, hostVars(config, host));
            Map<String, Object> vars = hostVars(config, host);
            addToGroups(config, host, vars);
            addToKeyedGroups(config, host, vars);
        }
    }

    private void compose(ConstructedConfig config, InventoryBuilder.HostDraft host, Map<String, Object> vars) {
        Map<String, Object> scope = config.useExtraVars() ? withExtraVars(vars) : vars;
        for (ConstructedConfig.Expression e : config.compose()) {
            Object value = unlessFailed(config, e.position(), () -> "Could not set " + e.name() + " for host " + host.name,
                    () -> expression(e.text(), scope, e.position()));
            if (value == FAILED) {
                continue;
            }
            builder.setVar(host.vars, e.name(), new PositionedValue(stored(value), e.namePosition()));
        }
    }

    private void addToGroups(ConstructedConfig config, InventoryBuilder.HostDraft host, Map<String, Object> vars) {
        for (ConstructedConfig.Expression g : config.groups()) {
            String name = safe(g.name());
            Object rendered = unlessFailed(config, g.position(), () -> "Could not add host " + host.name + " to group " + name,
                    () -> templar.renderString("{% if " + g.text() + " %} True {% else %} False {% endif %}", vars,
                            g.position()));
            if (rendered != FAILED && rendered.toString().strip().equals("True")) {
                builder.addHost(builder.group(name, g.namePosition()).name, host.name, g.namePosition());
            }
        }
    }

    private void addToKeyedGroups(ConstructedConfig config, InventoryBuilder.HostDraft host, Map<String, Object> vars) {
        Map<String, Object> scope = config.useExtraVars() ? withExtraVars(vars) : vars;
        for (ConstructedConfig.KeyedGroup keyed : config.keyedGroups()) {
            ConstructedConfig.Expression e = keyed.key();
            Object key = unlessFailed(config, e.position(), () -> "Could not generate group for host " + host.name + " from "
                    + e.text() + " entry", () -> expression(e.text(), scope, e.position()));
            if (key == FAILED) {
                continue;
            }
            boolean emptyWithDefault = key instanceof CharSequence s && s.isEmpty() && keyed.defaultValue() != null;
            if (!Conditions.truthy(key) && !emptyWithDefault) {
                // an empty list or mapping names no group, and is no mistake
                if (config.strict() && !(key instanceof Collection<?> c && c.isEmpty())
                        && !(key instanceof Map<?, ?> m && m.isEmpty())) {
                    throw new UserError(e.position(), "No key or key resulted empty for " + e.text() + " in host "
                            + host.name + ", invalid entry", STRICT_HINT);
                }
                continue;
            }
            Object parent = null;
            if (keyed.parentGroup() != null) {
                parent = unlessFailed(config, e.position(), () -> "Could not generate parent group " + keyed.parentGroup()
                        + " for group " + PythonRepr.str(key), () -> templar.render(keyed.parentGroup(), scope, e.position()));
                if (parent == FAILED) {
                    continue;
                }
            }
            for (String bare : KeyedGroupNames.of(key, keyed, e.position())) {
                String separator = keyed.prefix().isEmpty() && !config.leadingSeparator() ? "" : keyed.separator();
                String group = group(keyed.prefix() + separator + bare, e.position(), host);
                builder.addHost(group, host.name, e.position());
                if (parent != null) {
                    String parentName = group(String.valueOf(stored(parent)), e.position(), host);
                    if (!builder.groups.get(parentName).children.contains(group)) {
                        builder.addChild(parentName, group, e.position());
                    }
                }
            }
        }
    }

    /** The group a name made here names (made when new); an empty name is an error, as in Ansible, whatever strict says. */
    private String group(String name, SourcePosition where, InventoryBuilder.HostDraft host) {
        if (name.isEmpty()) {
            throw new UserError(where, "Invalid empty/false group name provided: this entry gives host " + host.name
                    + " a group without a name", "give the entry a prefix or a default_value");
        }
        return builder.group(safe(name), where).name;
    }

    /**
     * What {@code template} gives, or {@link #FAILED} when it fails and the file is not strict; with {@code strict: true}
     * its failure, at {@code where}, after {@code what} (Ansible's words for the entry).
     */
    private static Object unlessFailed(ConstructedConfig config, SourcePosition where, Supplier<String> what,
            Supplier<Object> template) {
        try {
            return template.get();
        } catch (UserError failure) {
            if (config.strict()) {
                throw new UserError(where, what.get() + ": " + failure.getMessage(),
                        failure.hint() == null ? STRICT_HINT : failure.hint() + "; " + STRICT_HINT);
            }
            return FAILED;
        }
    }

    /** A template's value, as the plugin's {@code _compose} gives it: the expression inside {@code {{ }}}, no lookups. */
    private Object expression(String text, Map<String, Object> vars, SourcePosition where) {
        return templar.renderWithoutLookups("{{" + text + "}}", vars, where);
    }

    /**
     * What the templates of this file see for the host: its groups' inline vars (all first, then by depth, priority
     * and name), its own vars over them and its magic vars; with use_vars_plugins, the vars files of the sources read
     * so far over each.
     */
    private Map<String, Object> hostVars(ConstructedConfig config, InventoryBuilder.HostDraft host) {
        List<String> groups = groupsOf(host.name);
        Map<String, Object> vars = new LinkedHashMap<>();
        for (String g : groups) {
            combine(vars, builder.groups.get(g).vars);
        }
        if (config.useVarsPlugins()) {
            groups.forEach(g -> varsFiles("group_vars", g).forEach(f -> combine(vars, f)));
        }
        Map<String, Object> own = new LinkedHashMap<>();
        combine(own, InventoryLoader.withSource(host));
        own.put("inventory_hostname", host.name);
        own.put("inventory_hostname_short", Host.shortName(host.name));
        own.put("group_names", groups.stream().filter(g -> !g.equals(Inventory.ALL)).sorted().toList());
        if (config.useVarsPlugins()) {
            varsFiles("host_vars", host.name).forEach(f -> combine(own, f));
        }
        own.forEach((k, v) -> vars.put(k, builder.hash.combine(vars.get(k), v)));
        return vars;
    }

    /** The vars files of a group or host beside the sources read so far, in the order they apply. */
    private List<Map<String, PositionedValue>> varsFiles(String kind, String name) {
        List<Map<String, PositionedValue>> out = new ArrayList<>();
        readDirs.forEach(dir -> files.find(dir, kind, name).forEach(f -> out.add(files.read(f))));
        return out;
    }

    private void combine(Map<String, Object> into, Map<String, PositionedValue> vars) {
        vars.forEach((k, v) -> into.put(k, builder.hash.combine(into.get(k), v.value())));
    }

    private Map<String, Object> withExtraVars(Map<String, Object> vars) {
        Map<String, Object> out = new LinkedHashMap<>(vars);
        extraVars.forEach((k, v) -> out.put(k, builder.hash.combine(out.get(k), v)));
        return out;
    }

    /**
     * The host's groups as they are now (no group is made a child of all until every source is read, as in Ansible),
     * sorted as Ansible's get_group_vars combines them: depth, priority, name.
     */
    private List<String> groupsOf(String host) {
        Map<String, Integer> depths = builder.depths();
        List<String> direct = builder.groups.values().stream().filter(g -> g.hosts.contains(host)).map(g -> g.name).toList();
        java.util.Set<String> all = new java.util.LinkedHashSet<>();
        List<String> todo = new ArrayList<>(direct);
        while (!todo.isEmpty()) {
            String g = todo.remove(0);
            if (all.add(g)) {
                todo.addAll(builder.groups.get(g).parents);
            }
        }
        return all.stream().sorted((a, b) -> {
            int da = depths.get(a);
            int db = depths.get(b);
            int pa = builder.groups.get(a).priority;
            int pb = builder.groups.get(b).priority;
            return da != db ? Integer.compare(da, db) : pa != pb ? Integer.compare(pa, pb) : a.compareTo(b);
        }).toList();
    }

    /** A group name this plugin makes: invalid characters always replaced by {@code _}, silently (Ansible forces it). */
    static String safe(String name) {
        return GroupNameChars.SILENTLY.safe(name, null);
    }

    /** A rendered value as the inventory keeps values: text as String (vault text kept secret), maps and lists copied. */
    static Object stored(Object value) {
        if (value instanceof SecretText) {
            return value;
        }
        if (value instanceof CharSequence s) {
            return s.toString();
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(stored(k), stored(v)));
            return out;
        }
        if (value instanceof Collection<?> items) {
            List<Object> out = new ArrayList<>(items.size());
            items.forEach(i -> out.add(stored(i)));
            return out;
        }
        return value;
    }
}
