package io.runbook.engine.playbook;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import io.runbook.engine.vars.ArgSplitter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one-line argument form: {@code debug: msg="hello world"} ({@code key=value} pairs, quotes allowed)
 * and, for modules that take it, free text such as {@code command: ls -l /tmp} (kept as {@code _raw_params}).
 */
public final class FreeFormArgs {
    private FreeFormArgs() {
    }

    /**
     * The key=value words the free text of a command-like module may carry (Ansible's {@code check_raw} list): any
     * other {@code a=b} belongs to the command line, as in {@code shell: FOO=bar ./run.sh}. Other free-form actions
     * ({@code include: tasks.yml x=1}, {@code meta}) take every {@code key=value} as an argument, as Ansible does.
     */
    /** Where the text of {@code module: "{{ args }}"} waits to be rendered to the arguments (Ansible's name). */
    public static final String VARIABLE_PARAMS = "_variable_params";

    /** The actions whose one-line form Ansible splits at any word's first {@code =}, whatever comes before it. */
    private static final java.util.Set<String> INCLUDES = java.util.Set.of("include_tasks", "import_tasks", "include",
            "include_role", "import_role");

    private static final java.util.Set<String> RAW_PARAMS = java.util.Set.of("creates", "removes", "chdir", "executable",
            "warn", "stdin", "stdin_add_newline", "strip_empty_ends");

    static void parse(String action, String text, boolean freeForm, boolean checkRaw, SourcePosition where,
                      Map<String, Object> args, Map<String, SourcePosition> positions) {
        List<String> rest = new ArrayList<>();
        boolean anyKey = INCLUDES.contains(io.runbook.engine.module.ModuleRegistry.shortName(action));
        for (String token : ArgSplitter.split(text, where)) {
            // as Ansible's parse_kv: a key=value word with its escapes (\n, \t, \x41, ...) decoded, the rest as written
            String decoded = ArgSplitter.decodeEscapes(token);
            int eq = anyKey ? firstEquals(decoded) : equalsSign(decoded);
            String key = eq > 0 ? decoded.substring(0, eq).strip() : null;
            if (key != null && (anyKey || isKey(key, checkRaw))) {
                args.put(key, unquote(decoded.substring(eq + 1).strip()));
                positions.put(key, where);
            } else {
                rest.add(token);
            }
        }
        if (!rest.isEmpty()) {
            // a command's text exactly as written (its lines too); another action's (a file name, meta's word)
            // without the newline a folded scalar ends with, as Ansible's actions strip it
            String words = checkRaw ? ArgSplitter.join(rest) : ArgSplitter.join(rest).strip();
            if (!freeForm && (io.runbook.engine.module.ArgValidator.isTemplate(words) || action.equals("add_host"))) {
                // as Ansible: text holding a template is to give the arguments as a mapping, under the key=value
                // words; when it renders to anything else the task fails when it runs (add_host takes any other text
                // too, and fails when the task runs, as Ansible's does)
                args.put(VARIABLE_PARAMS, words);
                positions.put(VARIABLE_PARAMS, where);
                return;
            }
            if (!freeForm && !anyKey) {
                throw new UserError(where, "'" + action + "' takes key=value arguments or a mapping, not '" + words + "'");
            }
            args.put("_raw_params", words);
            positions.put("_raw_params", where);
        }
    }

    /**
     * Ansible's parse_kv: the first {@code =} after the first character that no backslash escapes, or -1; inside a
     * template too, so {@code include_tasks: "a{{ x == 1 }}.yml"} has the key {@code a{{ x} (which Ansible refuses).
     */
    private static int firstEquals(String token) {
        for (int i = 1; i < token.length(); i++) {
            if (token.charAt(i) == '=' && token.charAt(i - 1) != '\\') {
                return i;
            }
        }
        return -1;
    }

    /** The first {@code =} outside a {@code {{ }}} expression, or -1. */
    private static int equalsSign(String token) {
        int depth = 0;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            } else if (c == '=' && depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * A variable name, or (not for command-like modules) a template that renders to one, as in
     * {@code set_fact: "{{ item }}=x"} or {@code set_fact: "user_{{ item.name }}=x"}.
     */
    private static boolean isKey(String key, boolean checkRaw) {
        if (checkRaw) {
            return RAW_PARAMS.contains(key);
        }
        return key.matches("[A-Za-z_][A-Za-z0-9_]*") || key.contains("{{") && key.contains("}}");
    }

    /** Parses {@code key=value key2="a b"} text (as given to {@code -e}); every value stays a string. */
    public static java.util.Map<String, Object> keyValues(String text, SourcePosition where) {
        java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
        java.util.Map<String, SourcePosition> positions = new java.util.LinkedHashMap<>();
        parse("-e", text, false, false, where, out, positions);
        return out;
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }
}
