package io.runbook.engine.playbook;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import io.runbook.engine.vars.ArgSplitter;
import java.util.List;
import java.util.Map;

/**
 * The one-line argument form: {@code debug: msg="hello world"} ({@code key=value} pairs, quotes allowed)
 * and, for modules that take it, free text such as {@code command: ls -l /tmp} (kept as {@code _raw_params}).
 */
public final class FreeFormArgs {
    private FreeFormArgs() {
    }

    /** Where the text of {@code module: "{{ args }}"} waits to be rendered to the arguments (Ansible's name). */
    public static final String VARIABLE_PARAMS = "_variable_params";

    /** Actions that keep other words as {@code _raw_params} beside the free-form ones (their own check refuses them). */
    private static final java.util.Set<String> ROLE_INCLUDES = java.util.Set.of("include_role", "import_role");

    /**
     * The text split as Ansible's {@code parse_kv} ({@link ArgSplitter#parseKv}): with {@code checkRaw} (command-like
     * modules) only their options are key=value words, so {@code shell: FOO=bar ./run.sh} keeps its command line.
     */
    static void parse(String action, String text, boolean freeForm, boolean checkRaw, SourcePosition where,
                      Map<String, Object> args, Map<String, SourcePosition> positions) {
        ArgSplitter.KeyValues kv = ArgSplitter.parseKv(text, where, checkRaw);
        for (Map.Entry<String, String> option : kv.options().entrySet()) {
            args.put(option.getKey(), option.getValue());
            positions.put(option.getKey(), where);
        }
        List<String> rest = kv.raw();
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
            if (!freeForm && !ROLE_INCLUDES.contains(io.runbook.engine.module.ModuleRegistry.shortName(action))) {
                throw new UserError(where, "'" + action + "' takes key=value arguments or a mapping, not '" + words + "'");
            }
            args.put("_raw_params", words);
            positions.put("_raw_params", where);
        }
    }
}
