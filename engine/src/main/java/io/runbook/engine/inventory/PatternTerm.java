package io.runbook.engine.inventory;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One term of a host pattern: an operator (union, {@code &} intersection, {@code !} exclusion), a name,
 * glob or {@code ~regex}, and an optional subscript {@code [i]}, {@code [-i]}, {@code [a:b]} (inclusive) or
 * {@code [a:]}.
 *
 * @param matcher  how names are matched: exact names have none, globs match the whole name, regexes match
 *                 from the start of the name (Python's {@code re.match}, as Ansible)
 * @param start    subscript start, or null without subscript; negative counts from the end
 * @param end      inclusive subscript end, -1 for "to the last", or null for a single index
 */
record PatternTerm(Op op, String text, String expr, Pattern matcher, boolean regex, Integer start, Integer end) {

    enum Op { UNION, INTERSECT, EXCLUDE }

    private static final Pattern SUBSCRIPT = Pattern.compile("^(.+)\\[(?:(-?\\d+)|(\\d+)([:-])(\\d*))]$");

    static PatternTerm parse(String text, String whole, SourcePosition where) {
        Op op = text.startsWith("&") ? Op.INTERSECT : text.startsWith("!") ? Op.EXCLUDE : Op.UNION;
        String rest = op == Op.UNION ? text : text.substring(1);
        if (rest.isEmpty()) {
            throw new UserError(where, "'" + text + "' in host pattern '" + whole + "' must be followed by a host or group name");
        }
        if (rest.startsWith("~")) {
            try {
                return new PatternTerm(op, text, rest, Pattern.compile(rest.substring(1)), true, null, null);
            } catch (PatternSyntaxException e) {
                throw new UserError(where, "invalid regular expression '" + rest.substring(1) + "' in host pattern '"
                        + whole + "': " + e.getDescription());
            }
        }
        Matcher m = SUBSCRIPT.matcher(rest);
        Integer start = null;
        Integer end = null;
        if (m.matches()) {
            if ("-".equals(m.group(4))) {
                throw new UserError(where, "subscript '" + rest.substring(m.end(1)) + "' in host pattern '" + whole
                        + "' uses the removed [x-y] form", "write [" + m.group(3) + ":" + m.group(5) + "]");
            }
            rest = m.group(1);
            if (m.group(2) != null) {
                start = Integer.valueOf(m.group(2));
            } else {
                start = Integer.valueOf(m.group(3));
                end = m.group(5).isEmpty() ? -1 : Integer.valueOf(m.group(5));
            }
        }
        Pattern glob;
        try {
            glob = isGlob(rest) ? Pattern.compile(io.runbook.engine.vars.Fnmatch.regex(rest)) : null;
        } catch (PatternSyntaxException e) {
            throw new UserError(where, "invalid glob '" + rest + "' in host pattern '" + whole + "': " + e.getDescription());
        }
        return new PatternTerm(op, text, rest, glob, false, start, end);
    }

    static boolean isGlob(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
    }

    boolean matches(String name) {
        if (matcher == null) {
            return expr.equals(name);
        }
        return regex ? matcher.matcher(name).lookingAt() : matcher.matcher(name).matches();
    }

    /** Whether hosts are matched by name even when a group matched (globs, regexes and dotted names). */
    boolean alsoMatchesHosts() {
        return matcher != null || expr.contains(".");
    }

    boolean hasSubscript() {
        return start != null;
    }
}
