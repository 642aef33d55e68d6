package io.runbook.engine.playbook;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.Suggestions;
import io.runbook.engine.error.UserError;
import io.runbook.engine.module.ArgValidator;
import io.runbook.engine.yaml.YMap;
import io.runbook.engine.yaml.YNode;
import io.runbook.engine.yaml.YScalar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One use of a role as written: an entry of {@code roles:} or of a role's {@code dependencies}, or the arguments of
 * {@code import_role}/{@code include_role}. Keys that are keywords apply to the role's tasks; every other key of a
 * {@code roles:} entry is a role parameter, as in Ansible.
 *
 * @param keywords  the keywords written with the use (when, tags, ...), without {@code vars}
 * @param varsKeyword the {@code vars:} written with the use: role variables
 * @param fromFiles {@code tasks}/{@code vars}/{@code defaults}/{@code handlers} → the file to use instead of main
 * @param validate  whether the role's argument spec is checked first ({@code rolespec_validate}, default true)
 */
public record RoleRequest(String name, SourcePosition position, Map<String, Object> params,
                          Map<String, Object> varsKeyword, Keywords keywords, Map<String, String> fromFiles,
                          Boolean allowDuplicates, boolean fromInclude, boolean validate) {
    /** Keys of a roles: entry that are keywords of the role, not parameters (Ansible's role attributes). */
    static final Set<String> ENTRY_KEYWORDS = Set.of("role", "name", "when", "tags", "vars", "environment", "no_log",
            "run_once", "ignore_errors", "ignore_unreachable", "check_mode", "diff", "any_errors_fatal", "throttle",
            "timeout", "debugger", "become", "become_user", "become_method", "become_flags", "become_exe", "connection",
            "port", "remote_user", "module_defaults", "collections", "delegate_to", "delegate_facts");

    private static final Set<String> INCLUDE_ROLE_ARGS = Set.of("name", "role", "tasks_from", "vars_from",
            "defaults_from", "handlers_from", "apply", "public", "allow_duplicates", "rolespec_validate");

    public RoleRequest {
        params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
        varsKeyword = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(varsKeyword));
        fromFiles = Map.copyOf(fromFiles);
    }

    /** An entry of {@code roles:} or {@code dependencies:}: a name, or a mapping with {@code role:} (or {@code name:}). */
    static RoleRequest ofEntry(YNode node, io.runbook.engine.vars.HashBehaviour hash) {
        if (node instanceof YScalar s && !s.isNull()) {
            return new RoleRequest(s.text(), node.position(), Map.of(), Map.of(), Keywords.NONE, Map.of(), null, false, true);
        }
        YMap map = NodeReader.map(node, "a role entry");
        YNode nameNode = map.get("role").or(() -> map.get("name")).or(() -> map.get("src"))
                .orElseThrow(() -> new UserError(map.position(), "a role entry needs 'role:' (the role's name)"));
        String name = NodeReader.string(nameNode, "role");
        Map<String, Object> params = new LinkedHashMap<>();
        for (YMap.Entry e : map.entries()) {
            if (!ENTRY_KEYWORDS.contains(e.key()) && !List.of("src", "scm", "version").contains(e.key())) {
                params.put(e.key(), e.value().toPlain());
            }
        }
        Keywords all = KeywordParser.read(map, hash);
        return new RoleRequest(name, nameNode.position(), params, all.vars(), all.withoutVars(), Map.of(), null, false, true);
    }

    /** The role an import_role/include_role names, with its *_from files and the task's own keywords and vars. */
    public static RoleRequest ofArgs(Map<String, Object> args, Keywords own, SourcePosition where, String action) {
        for (String k : args.keySet()) {
            if (!INCLUDE_ROLE_ARGS.contains(k)) {
                throw new UserError(where, "Invalid options for " + action + ": " + k,
                        Suggestions.didYouMean(k, INCLUDE_ROLE_ARGS));
            }
        }
        Object name = args.getOrDefault("name", args.get("role"));
        if (name == null) {
            throw new UserError(where, action + " needs 'name' (the role to use)");
        }
        Map<String, String> from = new LinkedHashMap<>();
        for (String kind : List.of("tasks", "vars", "defaults", "handlers")) {
            Object v = args.get(kind + "_from");
            if (v != null && !(v instanceof String)) {
                throw new UserError(where, "Expected a string for " + kind + "_from but got " + describe(v) + " instead");
            }
            if (v != null) {
                from.put(kind, (String) v);
            }
        }
        Object dup = args.get("allow_duplicates");
        Boolean allowDuplicates = dup == null ? Boolean.TRUE : ArgValidator.parseBool(dup);
        Object validate = args.get("rolespec_validate");
        return new RoleRequest(String.valueOf(name), where, Map.of(), own.vars(), Keywords.NONE, from,
                allowDuplicates, true, validate == null || !Boolean.FALSE.equals(ArgValidator.parseBool(validate)));
    }

    static String describe(Object v) {
        return v instanceof Map ? "a mapping" : v instanceof List ? "a list" : v instanceof Number ? "a number" : "a " + v.getClass().getSimpleName();
    }

    /** The part of the cache key that makes two uses the same role object (as Ansible's role cache). */
    List<Object> cacheKey() {
        return List.of(name, params, keywords.when().stream().map(Expr::text).toList(), keywords.tags(), fromFiles,
                varsKeyword, fromInclude);
    }
}
