package io.runbook.modules.library;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.runbook.engine.module.ModuleContext;
import io.runbook.modules.connection.ShellQuote;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The arguments a module of a {@code library/} folder gets, as Ansible's action plugin writes them
 * ({@code _update_module_args}, {@code _execute_module}): the task's, then the {@code _ansible_} keys AnsibleModule reads
 * (check mode, no_log, diff, verbosity, the task's temporary folder...); for a new-style module one JSON object
 * {@code {"ANSIBLE_MODULE_ARGS": ...}}, for WANT_JSON and binary modules the JSON of the arguments, for old-style ones
 * {@code key=value} words quoted for a shell.
 */
final class ModuleArgs {
    /** The modules whose {@code cmd} Ansible's parser makes their free-form text ({@code _raw_params}). */
    static final java.util.Set<String> HAS_CMD = java.util.Set.of("command");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, Object> values = new LinkedHashMap<>();

    /** The task's arguments: the ones its module's spec names, then the others (a Python module checks them itself). */
    static Map<String, Object> of(ModuleContext ctx) {
        Map<String, Object> args = new LinkedHashMap<>(ctx.args().asMap());
        args.putAll(ctx.args().others());
        return args;
    }

    ModuleArgs(ModuleContext ctx, Map<String, Object> args, String module, String tmpdir, String version) {
        args.forEach((k, v) -> values.put(k, plain(v)));
        if (HAS_CMD.contains(module) && values.containsKey("cmd")) {
            values.put("_raw_params", values.remove("cmd"));
        }
        values.put("_ansible_check_mode", ctx.checkMode());
        values.put("_ansible_no_log", ctx.noLog());
        values.put("_ansible_debug", false);
        values.put("_ansible_diff", ctx.diffMode());
        values.put("_ansible_verbosity", ctx.verbosity());
        values.put("_ansible_version", version == null ? "2.14.0" : version);
        values.put("_ansible_module_name", module);
        values.put("_ansible_syslog_facility", "LOG_USER");
        values.put("_ansible_selinux_special_fs", List.of("fuse", "nfs", "vboxsf", "ramfs", "9p", "vfat"));
        values.put("_ansible_string_conversion_action", "warn");
        values.put("_ansible_socket", null);
        values.put("_ansible_shell_executable", "/bin/sh");
        values.put("_ansible_keep_remote_files", false);
        values.put("_ansible_tmpdir", tmpdir + "/");
        values.put("_ansible_remote_tmp", "~/.ansible/tmp");
    }

    /** For a new-style Python module: what AnsibleModule's {@code _load_params} reads from the file named first. */
    String newStyle() {
        return json(Map.of("ANSIBLE_MODULE_ARGS", values));
    }

    /** For a WANT_JSON or binary module. */
    String json() {
        return json(values);
    }

    /** For an old-style module: {@code key=value } words, each value quoted as Python's shlex.quote does. */
    String keyValues() {
        StringBuilder out = new StringBuilder();
        values.forEach((k, v) -> out.append(k).append('=').append(ShellQuote.quote(pythonText(v))).append(' '));
        return out.toString();
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("module arguments that are no JSON: " + e.getMessage(), e);
        }
    }

    /** A value as Python's str() writes it (True, None, a list's repr is left to JSON: close enough for key=value). */
    private static String pythonText(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        return v instanceof String s ? s : v instanceof Number ? String.valueOf(v) : json(v);
    }

    /** Secret texts and other character sequences as strings, all the way down. */
    private static Object plain(Object v) {
        if (v instanceof CharSequence s) {
            return s.toString();
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), plain(x)));
            return out;
        }
        if (v instanceof Iterable<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(x -> out.add(plain(x)));
            return out;
        }
        return v;
    }
}
