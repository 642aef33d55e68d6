package io.runbook.modules.core;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Python's {@code re} syntax where it differs from Java's, for the regexes and backreference templates
 * Ansible users write: named groups {@code (?P<n>…)}, {@code (?P=n)}, and {@code \1}, {@code \g<1>},
 * {@code \g<n>} in replacements; a group name may hold {@code _}.
 */
final class PythonRegex {
    private static final Pattern NAMED = Pattern.compile("\\(\\?P<(\\w+)>");
    private static final Pattern BACKREFERENCE = Pattern.compile("\\(\\?P=(\\w+)\\)");

    private PythonRegex() {
    }

    /** @throws IllegalArgumentException naming the argument and the problem */
    static Pattern compile(String regex, String argument) {
        return javaPattern(regex, argument, 0);
    }

    /**
     * As {@link #compile(String, String)} with Java's {@code flags}, and with Python's line ends: only {@code \n}
     * ends a line for {@code $}, {@code ^} and {@code .} ({@code UNIX_LINES}), and {@code \Z} is the very end.
     */
    static Pattern compile(String regex, String argument, int flags) {
        String python = regex.replaceAll("(?<!\\\\)((?:\\\\\\\\)*)\\\\Z", "$1\\\\z");
        return javaPattern((flags & Pattern.MULTILINE) != 0 ? lineStarts(python) : python, argument, flags | Pattern.UNIX_LINES);
    }

    /**
     * Python's MULTILINE {@code ^} also matches after a newline that ends the text, Java's does not: each {@code ^}
     * outside a character class becomes "the start, or after a newline".
     */
    private static String lineStarts(String regex) {
        StringBuilder out = new StringBuilder();
        boolean inClass = false;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\' && i + 1 < regex.length()) {
                out.append(c).append(regex.charAt(++i));
                continue;
            }
            if (inClass) {
                inClass = c != ']' || regex.charAt(i - 1) == '[' || regex.charAt(i - 1) == '^' && regex.charAt(i - 2) == '[';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '^') {
                out.append("(?:^|(?<=\\n))");
                continue;
            }
            out.append(c);
        }
        return out.toString();
    }

    /** Whether a Python regex turns MULTILINE on with its leading inline flags ({@code (?m)}), as re's flags show it. */
    static boolean multiline(String regex) {
        return regex.matches("(?s)\\(\\?[aiLmsux]*m[aiLmsux]*\\).*");
    }

    /**
     * Python's {@code re.subn(pattern, template, text)}: every match replaced by {@code template} expanded as
     * {@link #expand} does; the new text and how many matches were replaced.
     */
    static Substitution substitute(Pattern pattern, String template, String text) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        int count = 0;
        int last = 0;
        while (m.find()) {
            out.append(text, last, m.start()).append(expand(m, template));
            last = m.end();
            count++;
        }
        out.append(text, last, text.length());
        return new Substitution(out.toString(), count);
    }

    /** What {@link #substitute} gives: the new text and the number of replacements. */
    record Substitution(String text, int count) {
    }

    /** Python's {@code match.groupdict()}: each named group of {@code regex} (as written) to its text in {@code m}, in order. */
    static java.util.Map<String, String> groupDict(Matcher m, String regex) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        Matcher names = NAMED.matcher(regex);
        while (names.find()) {
            out.put(names.group(1), m.group(groupName(names.group(1))));
        }
        return out;
    }

    /** A Python group name as Java takes it: Java's have only letters and digits, so {@code _} is spelt {@code ZuZ}. */
    private static String groupName(String python) {
        return python.replace("_", "ZuZ");
    }

    private static Pattern javaPattern(String regex, String argument, int flags) {
        String java = NAMED.matcher(regex).replaceAll(m -> Matcher.quoteReplacement("(?<" + groupName(m.group(1)) + ">"));
        java = BACKREFERENCE.matcher(java).replaceAll(m -> Matcher.quoteReplacement("\\k<" + groupName(m.group(1)) + ">"));
        try {
            return Pattern.compile(java, flags);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(argument + " is not a valid regular expression: " + e.getDescription()
                    + " near index " + e.getIndex());
        }
    }

    /** Python's {@code match.expand(template)}. */
    static String expand(Matcher m, String template) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c != '\\' || i + 1 >= template.length()) {
                out.append(c);
                continue;
            }
            char n = template.charAt(++i);
            if (Character.isDigit(n)) {
                int end = i + 1 < template.length() && Character.isDigit(template.charAt(i + 1)) ? i + 2 : i + 1;
                out.append(group(m, template.substring(i, end)));
                i = end - 1;
            } else if (n == 'g' && i + 1 < template.length() && template.charAt(i + 1) == '<') {
                int close = template.indexOf('>', i);
                if (close < 0) {
                    throw new IllegalArgumentException("unterminated \\g< in " + template);
                }
                out.append(group(m, template.substring(i + 2, close)));
                i = close;
            } else {
                out.append(switch (n) {
                    case 'n' -> "\n";
                    case 't' -> "\t";
                    case 'r' -> "\r";
                    case '\\' -> "\\";
                    default -> "\\" + n;
                });
            }
        }
        return out.toString();
    }

    private static String group(Matcher m, String ref) {
        try {
            String g = ref.chars().allMatch(Character::isDigit) ? m.group(Integer.parseInt(ref)) : m.group(groupName(ref));
            return g == null ? "" : g;
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid group reference " + ref + ": regexp has no such group");
        }
    }
}
