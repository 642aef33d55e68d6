package io.runbook.engine.vars;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** regex_replace and regex_search with Python's spelling of back-references ({@code \1}, {@code \g<name>}). */
final class TextPatterns {
    private static final Pattern PYTHON_GROUP = Pattern.compile("\\\\(\\d+)|\\\\g<(\\w+)>");

    private TextPatterns() {
    }

    static Object replace(Object value, Arguments args) {
        if (!args.has(0, "pattern")) {
            throw new ExpressionFailure("filter 'regex_replace' needs a pattern: regex_replace('a(.)', '\\\\1')");
        }
        Pattern pattern = compile(args.get(0, "pattern", ""), args.get(2, "ignorecase", false), "regex_replace");
        String replacement = ValueText.of(args.get(1, "replacement", ""));
        try {
            return pattern.matcher(ValueText.of(value)).replaceAll(javaReplacement(replacement));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new ExpressionFailure("regex_replace: bad replacement '" + replacement + "': " + e.getMessage());
        }
    }

    /** The first match, or null when there is none (Ansible: None). */
    static Object search(Object value, Arguments args) {
        if (!args.has(0, "pattern")) {
            throw new ExpressionFailure("filter 'regex_search' needs a pattern: regex_search('v[0-9]+')");
        }
        Matcher m = compile(args.get(0, "pattern", ""), args.get(1, "ignorecase", false), "regex_search")
                .matcher(ValueText.of(value));
        return m.find() ? m.group() : null;
    }

    static Pattern compile(Object regex, Object ignoreCase, String filter) {
        try {
            return Pattern.compile(ValueText.of(regex), Truthiness.of(ignoreCase) ? Pattern.CASE_INSENSITIVE : 0);
        } catch (PatternSyntaxException e) {
            throw new ExpressionFailure(filter + ": invalid regular expression '" + regex + "': " + e.getDescription());
        }
    }

    private static String javaReplacement(String python) {
        StringBuilder out = new StringBuilder();
        Matcher m = PYTHON_GROUP.matcher(python);
        int last = 0;
        while (m.find()) {
            out.append(Matcher.quoteReplacement(python.substring(last, m.start())));
            String group = m.group(1) != null ? m.group(1) : m.group(2);
            out.append(group.chars().allMatch(Character::isDigit) ? "$" + group : "${" + group + "}");
            last = m.end();
        }
        return out.append(Matcher.quoteReplacement(python.substring(last))).toString();
    }
}
