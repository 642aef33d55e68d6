package io.runbook.engine.report;

import io.runbook.engine.vars.PyYaml;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How Ansible's default callback writes a result after {@code =>} (its {@code _dump_results}): as JSON, or with
 * {@code callback_result_format = yaml} as a YAML block on the lines below, each indented by four spaces.
 * {@code pretty} is {@code callback_format_pretty}: null when not set (JSON on one line unless the result is always
 * shown or -vvv, YAML indented by 4 and made readable), true (indented, readable), false (JSON on one line, YAML
 * indented by 2 and exact: text of several lines kept as it is, double-quoted when the literal style cannot hold it).
 */
public record ResultFormat(boolean yaml, Boolean pretty) {
    /** Ansible's default: JSON, callback_format_pretty not set. */
    public static final ResultFormat JSON = new ResultFormat(false, null);

    /** {@code format}: {@code json} or {@code yaml} (any other word is refused by the setting's choices). */
    public static ResultFormat of(String format, Boolean pretty) {
        return new ResultFormat("yaml".equals(format), pretty);
    }

    /**
     * The result as the callback writes it (its {@code invocation} from -vvv); {@code alwaysShown}: the task always shows its result (debug's, assert's).
     * The run's secrets are masked in its text values before they are written (a YAML writer folds and indents text,
     * which a mask of the written lines would miss).
     */
    String dump(Map<String, Object> result, boolean alwaysShown, int verbosity, Redactor redactor) {
        if (verbosity < 3 && result.containsKey("invocation")) {
            // as Ansible's _dump_results: the module's echo of its arguments is shown from -vvv
            result = new LinkedHashMap<>(result);
            result.remove("invocation");
        }
        boolean indent = alwaysShown || pretty == null && yaml || Boolean.TRUE.equals(pretty) || verbosity > 2;
        if (Boolean.FALSE.equals(pretty)) {
            indent = false;
        }
        if (!yaml) {
            return indent ? Json.pretty(result) : Json.compact(result);
        }
        boolean lossy = !Boolean.FALSE.equals(pretty);
        Map<String, Object> shown = new LinkedHashMap<>(result);
        if (lossy) {
            // as Ansible: with stdout (stderr) shown, the lines of it are not
            for (String stream : List.of("stdout", "stderr")) {
                if (shown.containsKey(stream) && shown.containsKey(stream + "_lines")) {
                    shown.put(stream + "_lines", "<omitted>");
                }
            }
        }
        String text = PyYaml.callbackBlock(masked(shown, redactor), indent ? 4 : 2, lossy);
        // textwrap.indent: every line that is not blank, without the last line break (the printer adds it)
        return "\n" + text.replaceAll("(?m)^(?=.*\\S)", "    ").replaceFirst("\n$", "");
    }

    /**
     * Custom stats as the default callback writes them after the recap: dumped with an indent of one (PyYAML's least
     * is two; callback_format_pretty false: none, so JSON on one line and YAML indented by four), line breaks taken out.
     */
    String stats(Map<String, Object> stats, Redactor redactor) {
        if (!yaml) {
            return Boolean.FALSE.equals(pretty) ? Json.compact(stats) : Json.indented(stats, 1).replace("\n", "");
        }
        String text = PyYaml.callbackBlock(masked(stats, redactor), 2, !Boolean.FALSE.equals(pretty));
        String prefix = Boolean.FALSE.equals(pretty) ? "    " : " ";
        return ("\n" + text.replaceAll("(?m)^(?=.*\\S)", prefix)).replace("\n", "");
    }

    /**
     * A copy of {@code result} as the callbacks' {@code _dump_results} abridges it: without its exception, and below
     * -vvv without its diff and the module's echo of its arguments ({@code invocation}).
     */
    static Map<String, Object> abridged(Map<String, Object> result, int verbosity) {
        Map<String, Object> m = new LinkedHashMap<>(result);
        m.remove("exception");
        if (verbosity < 3) {
            m.remove("diff");
            m.remove("invocation");
        }
        return m;
    }

    /** {@code value} with the run's secrets masked in every text it holds (keys too). */
    static Object masked(Object value, Redactor redactor) {
        if (value instanceof CharSequence s) {
            return redactor.redact(s.toString());
        }
        if (value instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(masked(k, redactor), masked(v, redactor)));
            return out;
        }
        if (value instanceof List<?> l) {
            return l.stream().map(v -> masked(v, redactor)).toList();
        }
        return value;
    }
}
