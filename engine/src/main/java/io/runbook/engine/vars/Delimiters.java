package io.runbook.engine.vars;

import java.util.Map;

/**
 * The template lookup's {@code variable_start_string}/{@code variable_end_string} and
 * {@code comment_start_string}/{@code comment_end_string}: a template written with other delimiters
 * ({@code Hello [% name %]!}) is turned into one with Jinja's own before it is read, and what would be Jinja's own
 * delimiters in it is kept as text, as it is with Ansible's (Jinja's) custom delimiters.
 */
final class Delimiters {
    private final String varStart;
    private final String varEnd;
    private final String commentStart;
    private final String commentEnd;

    private Delimiters(Map<String, Object> options) {
        varStart = option(options, "variable_start_string", "{{");
        varEnd = option(options, "variable_end_string", "}}");
        commentStart = option(options, "comment_start_string", "{#");
        commentEnd = option(options, "comment_end_string", "#}");
    }

    private static String option(Map<String, Object> options, String name, String fallback) {
        Object v = options.get(name);
        return v == null || Secrets.plain(v).isEmpty() ? fallback : Secrets.plain(v);
    }

    /** The template with Jinja's delimiters, or the template itself when the options name none. */
    static String translate(String template, Map<String, Object> options) {
        Delimiters d = new Delimiters(options);
        if (d.varStart.equals("{{") && d.varEnd.equals("}}") && d.commentStart.equals("{#") && d.commentEnd.equals("#}")) {
            return template;
        }
        return d.translate(template);
    }

    private String translate(String template) {
        StringBuilder out = new StringBuilder(template.length() + 16);
        int i = 0;
        while (i < template.length()) {
            if (template.startsWith(varStart, i)) {
                i = enclosed(template, i, varStart, varEnd, "{{", "}}", out);
            } else if (template.startsWith(commentStart, i)) {
                i = enclosed(template, i, commentStart, commentEnd, "{#", "#}", out);
            } else if (!varStart.equals("{{") && template.startsWith("{{", i)
                    || !commentStart.equals("{#") && template.startsWith("{#", i)) {
                out.append("{{ '").append(template, i, i + 2).append("' }}");
                i += 2;
            } else {
                out.append(template.charAt(i++));
            }
        }
        return out.toString();
    }

    /** start … end written as open … close; an unclosed start is an error as in Jinja. */
    private static int enclosed(String template, int at, String start, String end, String open, String close, StringBuilder out) {
        int from = at + start.length();
        int stop = template.indexOf(end, from);
        if (stop < 0) {
            throw new ExpressionFailure("'" + start + "' at offset " + at + " is never closed with '" + end + "'");
        }
        out.append(open).append(template, from, stop).append(close);
        return stop + end.length();
    }
}
