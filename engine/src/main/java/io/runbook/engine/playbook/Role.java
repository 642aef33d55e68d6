package io.runbook.engine.playbook;

import io.runbook.engine.error.SourcePosition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One loaded role: its folder, variables and dependencies. Identity matters: a role listed under {@code roles:}
 * (or as a dependency) twice with the same parameters is the same object, and runs once per host and play
 * unless it allows duplicates. Its tasks are compiled per use (see {@link RoleScope}), its handlers once.
 */
public final class Role {
    private final String name;
    private final String collection;
    private final Path path;
    private final Map<String, Object> defaults;
    private final Map<String, Object> vars;
    private final Map<String, Object> varsKeyword;
    private final Map<String, Object> params;
    private final boolean allowDuplicates;
    private final boolean fromInclude;
    private final List<Role> dependencies = new ArrayList<>();
    private final List<TaskNode> handlers = new ArrayList<>();
    private final Keywords keywords;
    private final SourcePosition declaredAt;

    /** A role as {@code request} uses it, found at {@code path}. */
    Role(String name, String collection, Path path, RoleRequest request, Map<String, Object> defaults,
         Map<String, Object> vars, boolean allowDuplicates) {
        this.keywords = request.keywords();
        this.name = name;
        this.collection = collection;
        this.path = path;
        this.defaults = frozen(defaults);
        this.vars = frozen(vars);
        this.varsKeyword = frozen(request.varsKeyword());
        this.params = frozen(request.params());
        this.allowDuplicates = allowDuplicates;
        this.fromInclude = request.fromInclude();
        this.declaredAt = request.position();
    }

    private static Map<String, Object> frozen(Map<String, Object> m) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    /** The role's own name ({@code role_name}): a collection's role's without its collection. */
    public String name() {
        return name;
    }

    /** The collection the role was named from ({@code ns.coll} of {@code ns.coll.role}), or null. */
    public String collection() {
        return collection;
    }

    /**
     * The name shown before its task names ({@code TASK [name : task]}) and given by {@code ansible_role_name} and the
     * lists of role names: a collection's role's with its collection, as Ansible's {@code Role.get_name()}.
     */
    public String fullName() {
        return collection == null ? name : collection + "." + name;
    }

    /** The role's folder: its {@code files/} and {@code templates/} are searched first for relative paths. */
    public Path path() {
        return path;
    }

    /** {@code defaults/} (the lowest precedence of all variables). */
    public Map<String, Object> defaults() {
        return defaults;
    }

    /** {@code vars/} (above play vars and vars_files). */
    public Map<String, Object> vars() {
        return vars;
    }

    /** The {@code vars:} keyword where the role is used (just below {@link #vars()}). */
    public Map<String, Object> varsKeyword() {
        return varsKeyword;
    }

    /** The role's parameters: the other keys where it is used (high precedence, for its tasks only). */
    public Map<String, Object> params() {
        return params;
    }

    /** {@code allow_duplicates} of meta/main.yml (or of include_role/import_role, where it defaults to true). */
    public boolean allowDuplicates() {
        return allowDuplicates;
    }

    /** Where the role was first named: its entry under {@code roles:}, in a meta/main.yml or an include. */
    public SourcePosition declaredAt() {
        return declaredAt;
    }

    /** Loaded by include_role/import_role rather than by {@code roles:} or as a dependency. */
    public boolean fromInclude() {
        return fromInclude;
    }

    /** Direct dependencies from meta/main.yml, in order. */
    public List<Role> dependencies() {
        return Collections.unmodifiableList(dependencies);
    }

    /** Every dependency, deepest first, as Ansible orders them. */
    public List<Role> allDependencies() {
        List<Role> out = new ArrayList<>();
        for (Role dep : dependencies) {
            out.addAll(dep.allDependencies());
            out.add(dep);
        }
        return out;
    }

    /** The handlers of this role and its dependencies (dependencies first). */
    public List<TaskNode> handlers() {
        List<TaskNode> out = new ArrayList<>();
        dependencies.forEach(d -> d.handlers().stream().filter(h -> !out.contains(h)).forEach(out::add));
        out.addAll(handlers);
        return out;
    }

    /** The keywords written where the role is declared (when, tags, ...), which its tasks inherit. */
    Keywords keywords() {
        return keywords;
    }

    void addDependency(Role role) {
        dependencies.add(role);
    }

    void addHandlers(List<TaskNode> tasks) {
        handlers.addAll(tasks);
    }

    @Override
    public String toString() {
        return name;
    }
}
