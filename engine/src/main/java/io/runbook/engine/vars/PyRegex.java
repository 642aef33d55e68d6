package io.runbook.engine.vars;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Python regular expressions on Java's engine: {@code (?P<name>…)} and {@code (?P=name)} named groups, {@code \Z},
 * Unicode {@code \d}/{@code \w}/{@code \s}, and Python's replacement strings ({@code \1}, {@code \g<name>},
 * {@code \n}). Compiled patterns are cached.
 */
final class PyRegex {
    private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();
    private static final int CACHE_LIMIT = 2_000;

    private PyRegex() {
    }

    static Pattern compile(Object regex, boolean ignoreCase, boolean multiline, String where) {
        String python = ValueText.of(regex);
        String key = (ignoreCase ? "i" : "-") + (multiline ? "m" : "-") + python;
        Pattern found = CACHE.get(key);
        if (found != null) {
            return found;
        }
        int flags = Pattern.UNICODE_CHARACTER_CLASS | (ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0)
                | (multiline ? Pattern.MULTILINE : 0);
        try {
            found = Pattern.compile(javaSyntax(python), flags);
        } catch (PatternSyntaxException e) {
            throw new ExpressionFailure(where + ": invalid regular expression '" + python + "': " + e.getDescription());
        }
        if (CACHE.size() < CACHE_LIMIT) {
            CACHE.put(key, found);
        }
        return found;
    }

    /** Python's pattern syntax where Java's differs. */
    static String javaSyntax(String python) {
        StringBuilder out = new StringBuilder();
        boolean inClass = false;
        for (int i = 0; i < python.length(); i++) {
            char c = python.charAt(i);
            if (c == '\\' && i + 1 < python.length()) {
                char next = python.charAt(i + 1);
                out.append(next == 'Z' && !inClass ? "\\z" : "\\" + next);
                i++;
            } else if (c == '[' && !inClass) {
                inClass = true;
                out.append(c);
                if (i + 1 < python.length() && python.charAt(i + 1) == '^') {
                    out.append('^');
                    i++;
                }
                if (i + 1 < python.length() && python.charAt(i + 1) == ']') {
                    out.append("\\]");
                    i++;
                }
            } else if (c == ']' && inClass) {
                inClass = false;
                out.append(c);
            } else if (c == '[' && inClass) {
                out.append("\\[");
            } else if (!inClass && python.startsWith("(?P<", i)) {
                out.append("(?<");
                i += 3;
            } else if (!inClass && python.startsWith("(?P=", i)) {
                int end = python.indexOf(')', i);
                out.append("\\k<").append(python, i + 4, end < 0 ? python.length() : end).append('>');
                i = end < 0 ? python.length() : end;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The text of Python's replacement template for one match: {@code \1}, {@code \g<1>}, {@code \g<name>}, escapes. */
    static String expand(String template, Matcher m) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c != '\\' || i + 1 >= template.length()) {
                out.append(c);
                continue;
            }
            char next = template.charAt(++i);
            if (Character.isDigit(next)) {
                int end = i + 1;
                if (end < template.length() && Character.isDigit(template.charAt(end))) {
                    end++;
                }
                out.append(group(m, template.substring(i, end)));
                i = end - 1;
            } else if (next == 'g' && i + 1 < template.length() && template.charAt(i + 1) == '<') {
                int close = template.indexOf('>', i);
                if (close < 0) {
                    throw new ExpressionFailure("missing '>' in the group reference of '" + template + "'");
                }
                out.append(group(m, template.substring(i + 2, close)));
                i = close;
            } else {
                out.append(switch (next) {
                    case 'n' -> "\n";
                    case 't' -> "\t";
                    case 'r' -> "\r";
                    case '\\' -> "\\";
                    case 'f' -> "\f";
                    case 'v' -> "\u000b";
                    case 'a' -> "\u0007";
                    case 'b' -> "\b";
                    default -> "\\" + next;
                });
            }
        }
        return out.toString();
    }

    /** A group of the match by number or name: '' when it took no part. */
    static String group(Matcher m, String ref) {
        try {
            String text = ref.chars().allMatch(Character::isDigit) ? m.group(Integer.parseInt(ref)) : m.group(ref);
            return text == null ? "" : text;
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new ExpressionFailure("invalid group reference " + ref);
        }
    }
}
