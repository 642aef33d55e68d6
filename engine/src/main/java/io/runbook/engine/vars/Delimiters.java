package io.runbook.engine.vars;

import java.util.Map;

/**
 * The template lookup's and the template module's {@code variable_start_string}/{@code variable_end_string},
 * {@code block_start_string}/{@code block_end_string} (the module's) and
 * {@code comment_start_string}/{@code comment_end_string}, and a template's own {@code #jinja2:} first line: a template written with other delimiters
 * ({@code Hello [% name %]!}) is turned into one with Jinja's own before it is read, and what would be Jinja's own
 * delimiters in it is kept as text, as it is with Ansible's (Jinja's) custom delimiters.
 */
final class Delimiters {
    private final String varStart;
    private final String varEnd;
    private final String blockStart;
    private final String blockEnd;
    private final String commentStart;
    private final String commentEnd;

    private Delimiters(Map<String, Object> options) {
        varStart = option(options, "variable_start_string", "{{");
        varEnd = option(options, "variable_end_string", "}}");
        blockStart = option(options, "block_start_string", "{%");
        blockEnd = option(options, "block_end_string", "%}");
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
        if (d.varStart.equals("{{") && d.varEnd.equals("}}") && d.blockStart.equals("{%") && d.blockEnd.equals("%}")
                && d.commentStart.equals("{#") && d.commentEnd.equals("#}")) {
            return template;
        }
        return d.translate(template);
    }

    /** A template's source with Jinja's delimiters, and the options it is read with. */
    record Overridden(String source, TemplateOptions options) {
    }

    /**
     * A template read with the given options, and with its own first line when that is Ansible's override line
     * ({@code #jinja2: variable_start_string:'[%', trim_blocks: False}): as Ansible's {@code do_template}, the line's
     * settings win over the options (the template module's arguments) and the rest of the template is what is read.
     * The source comes back with Jinja's delimiters ({@code line_statement_prefix} lines made tags), the options
     * without delimiters. Settings that are no Jinja environment attribute the engine has are an error rather than
     * silently ignored.
     */
    static Overridden withOverrides(String template, TemplateOptions options) {
        Map<String, Object> delimiters = new java.util.HashMap<>(options.delimiters());
        boolean trim = options.trimBlocks();
        boolean lstrip = options.lstripBlocks();
        String newline = options.newlineSequence();
        String prefix = null;
        String rest = template;
        if (template.startsWith(OVERRIDE)) {
            int eol = template.indexOf('\n');
            String line = template.substring(OVERRIDE.length(), eol < 0 ? template.length() : eol);
            rest = eol < 0 ? "" : template.substring(eol + 1);
            for (String pair : line.split(",")) {
                int colon = pair.indexOf(':');
                if (colon < 0) {
                    throw new ExpressionFailure("failed to parse jinja2 override '" + pair.strip()
                            + "'. Did you use something different from colon as key-value separator?");
                }
                String key = pair.substring(0, colon).strip();
                String value = pair.substring(colon + 1).strip();
                switch (key) {
                    case "variable_start_string", "variable_end_string", "block_start_string", "block_end_string",
                            "comment_start_string", "comment_end_string" -> delimiters.put(key, literal(key, value));
                    case "line_statement_prefix" -> prefix = literal(key, value);
                    case "trim_blocks" -> trim = bool(key, value);
                    case "lstrip_blocks" -> lstrip = bool(key, value);
                    case "newline_sequence" -> newline = newline(literal(key, value));
                    default -> throw new ExpressionFailure("the #jinja2: setting '" + key + "' is not supported (the engine's templates "
                            + "take variable_start_string, variable_end_string, block_start_string, block_end_string, comment_start_string, "
                            + "comment_end_string, line_statement_prefix, trim_blocks, lstrip_blocks and newline_sequence there)");
                }
            }
        }
        String translated = translate(rest, delimiters);
        String source = prefix == null ? translated : lineStatements(translated, prefix);
        return new Overridden(source, new TemplateOptions(trim, lstrip, newline, Map.of()));
    }

    /**
     * Jinja's line statements: a line whose first non-blank text is the prefix ({@code : if x}) is the tag
     * {@code {% if x %}}, and its newline goes with it, as Jinja's lexer takes it.
     */
    static String lineStatements(String template, String prefix) {
        StringBuilder out = new StringBuilder(template.length());
        for (String line : template.split("(?<=\n)", -1)) {
            String body = line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
            String lead = body.stripLeading();
            if (!prefix.isEmpty() && lead.startsWith(prefix) && body.substring(0, body.length() - lead.length()).chars().allMatch(c -> c == ' ' || c == '\t')) {
                out.append("{% ").append(lead.substring(prefix.length()).strip()).append(" %}");
            } else {
                out.append(line);
            }
        }
        return out.toString();
    }

    private static final String OVERRIDE = "#jinja2:";

    private static String literal(String key, String value) {
        if (value.length() >= 2 && (value.startsWith("'") && value.endsWith("'") || value.startsWith("\"") && value.endsWith("\""))) {
            return value.substring(1, value.length() - 1);
        }
        throw new ExpressionFailure("the #jinja2: setting " + key + " must be a quoted string, got " + value);
    }

    /** A Python boolean literal, as {@code ast.literal_eval} reads the line's value for Jinja's environment. */
    private static boolean bool(String key, String value) {
        return switch (value) {
            case "True" -> true;
            case "False" -> false;
            default -> throw new ExpressionFailure("the #jinja2: setting " + key + " must be True or False, got " + value);
        };
    }

    /** A newline_sequence written as a Python string literal's escapes ({@code '\\r\\n'}): one Jinja allows. */
    private static String newline(String written) {
        String value = written.replace("\\r", "\r").replace("\\n", "\n");
        if (!value.equals("\n") && !value.equals("\r") && !value.equals("\r\n")) {
            throw new ExpressionFailure("the #jinja2: setting newline_sequence must be '\\n', '\\r' or '\\r\\n', got '" + written + "'");
        }
        return value;
    }

    private String translate(String template) {
        StringBuilder out = new StringBuilder(template.length() + 16);
        int i = 0;
        while (i < template.length()) {
            if (template.startsWith(varStart, i)) {
                i = enclosed(template, i, varStart, varEnd, "{{", "}}", out);
            } else if (template.startsWith(blockStart, i)) {
                i = enclosed(template, i, blockStart, blockEnd, "{%", "%}", out);
            } else if (template.startsWith(commentStart, i)) {
                i = enclosed(template, i, commentStart, commentEnd, "{#", "#}", out);
            } else if (!varStart.equals("{{") && template.startsWith("{{", i)
                    || !blockStart.equals("{%") && template.startsWith("{%", i)
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
