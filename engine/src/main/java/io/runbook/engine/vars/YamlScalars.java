package io.runbook.engine.vars;

import java.util.Map;

/**
 * How {@link PyYaml} analyses and writes one scalar, as libyaml's emitter does: which styles the text allows,
 * and the plain, single-quoted and double-quoted writers with their folding of long lines.
 */
final class YamlScalars {
    private static final Map<Character, Character> ESCAPES = Map.ofEntries(Map.entry('\0', '0'),
            Map.entry('\u0007', 'a'), Map.entry('\b', 'b'), Map.entry('\t', 't'), Map.entry('\n', 'n'),
            Map.entry('\u000b', 'v'), Map.entry('\f', 'f'), Map.entry('\r', 'r'), Map.entry('\u001b', 'e'),
            Map.entry('"', '"'), Map.entry('\\', '\\'), Map.entry('\u0085', 'N'), Map.entry('\u00a0', '_'),
            Map.entry('\u2028', 'L'), Map.entry('\u2029', 'P'));

    private YamlScalars() {
    }

    private static boolean printable(char c) {
        return c == '\n' || (c >= 0x20 && c <= 0x7e) || c == 0x85 || (c >= 0xa0 && c <= 0xd7ff)
                || (c >= 0xe000 && c <= 0xfffd && c != 0xfeff) || Character.isSurrogate(c);
    }

    /** Fills in which styles s allows (PyYAML's analyze_scalar with allow_unicode). */
    static void analyze(String s, PyYaml.Analysis a) {
        boolean blockIndicators = s.startsWith("---") || s.startsWith("...");
        boolean flowIndicators = blockIndicators;
        boolean lineBreaks = false;
        boolean special = false;
        boolean leadingSpace = false;
        boolean leadingBreak = false;
        boolean trailingSpace = false;
        boolean trailingBreak = false;
        boolean breakSpace = false;
        boolean spaceBreak = false;
        boolean precededByWhitespace = true;
        boolean followedByWhitespace = s.length() == 1 || PyYaml.isBlank(s.charAt(1));
        boolean previousSpace = false;
        boolean previousBreak = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (i == 0) {
                if ("#,[]{}&*!|>'\"%@`".indexOf(c) >= 0) {
                    flowIndicators = true;
                    blockIndicators = true;
                }
                if (c == '?' || c == ':') {
                    flowIndicators = true;
                    blockIndicators |= followedByWhitespace;
                }
                if (c == '-' && followedByWhitespace) {
                    flowIndicators = true;
                    blockIndicators = true;
                }
            } else {
                if (",?[]{}".indexOf(c) >= 0) {
                    flowIndicators = true;
                }
                if (c == ':') {
                    flowIndicators = true;
                    blockIndicators |= followedByWhitespace;
                }
                if (c == '#' && precededByWhitespace) {
                    flowIndicators = true;
                    blockIndicators = true;
                }
            }
            lineBreaks |= PyYaml.isBreak(c);
            special |= !printable(c);
            if (c == ' ') {
                leadingSpace |= i == 0;
                trailingSpace |= i == s.length() - 1;
                breakSpace |= previousBreak;
                previousSpace = true;
                previousBreak = false;
            } else if (PyYaml.isBreak(c)) {
                leadingBreak |= i == 0;
                trailingBreak |= i == s.length() - 1;
                spaceBreak |= previousSpace;
                previousSpace = false;
                previousBreak = true;
            } else {
                previousSpace = false;
                previousBreak = false;
            }
            precededByWhitespace = PyYaml.isBlank(c);
            followedByWhitespace = i + 2 >= s.length() || PyYaml.isBlank(s.charAt(i + 2));
        }
        if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
            a.allowFlowPlain = false;
            a.allowBlockPlain = false;
        }
        if (trailingSpace) {
            a.allowBlock = false;
        }
        if (breakSpace) {
            a.allowFlowPlain = false;
            a.allowBlockPlain = false;
            a.allowSingleQuoted = false;
        }
        if (spaceBreak || special) {
            a.allowFlowPlain = false;
            a.allowBlockPlain = false;
            a.allowSingleQuoted = false;
            a.allowBlock = false;
        }
        a.multiline = lineBreaks;
        if (lineBreaks) {
            a.allowFlowPlain = false;
            a.allowBlockPlain = false;
        }
        if (flowIndicators) {
            a.allowFlowPlain = false;
        }
        if (blockIndicators) {
            a.allowBlockPlain = false;
        }
    }

    static void plain(PyYaml w, String text, boolean split) {
        if (text.isEmpty()) {
            return;
        }
        if (!w.whitespace()) {
            w.write(" ");
        }
        w.whitespace(false);
        w.indention(false);
        boolean spaces = false;
        boolean breaks = false;
        int start = 0;
        for (int end = 0; end <= text.length(); end++) {
            Character ch = end < text.length() ? text.charAt(end) : null;
            if (spaces) {
                if (ch == null || ch != ' ') {
                    if (start + 1 == end && w.column() > w.width() && split) {
                        w.writeIndent();
                        w.whitespace(false);
                        w.indention(false);
                    } else {
                        w.write(text.substring(start, end));
                    }
                    start = end;
                }
            } else if (breaks) {
                if (ch == null || !PyYaml.isBreak(ch)) {
                    lineBreaks(w, text, start, end);
                    w.writeIndent();
                    w.whitespace(false);
                    w.indention(false);
                    start = end;
                }
            } else if (ch == null || ch == ' ' || PyYaml.isBreak(ch)) {
                w.write(text.substring(start, end));
                start = end;
            }
            if (ch != null) {
                spaces = ch == ' ';
                breaks = PyYaml.isBreak(ch);
            }
        }
    }

    private static void lineBreaks(PyYaml w, String text, int start, int end) {
        if (text.charAt(start) == '\n') {
            w.writeLineBreak(null);
        }
        for (int i = start; i < end; i++) {
            char br = text.charAt(i);
            w.writeLineBreak(br == '\n' ? null : String.valueOf(br));
        }
    }

    /**
     * PyYAML's write_literal: {@code |} with its hints (an indentation indicator when the text starts with a space or a
     * break, {@code -} when it does not end with a break, {@code +} when it ends with more than one), then the lines at
     * the current indentation; true when the document is left open-ended ({@code +}).
     */
    static boolean literal(PyYaml w, String text, int bestIndent) {
        String hints = "";
        if (!text.isEmpty()) {
            if (text.charAt(0) == ' ' || PyYaml.isBreak(text.charAt(0))) {
                hints += bestIndent;
            }
            if (!PyYaml.isBreak(text.charAt(text.length() - 1))) {
                hints += "-";
            } else if (text.length() == 1 || PyYaml.isBreak(text.charAt(text.length() - 2))) {
                hints += "+";
            }
        }
        w.writeIndicator("|" + hints, true, false, false);
        w.writeLineBreak(null);
        boolean breaks = true;
        int start = 0;
        for (int end = 0; end <= text.length(); end++) {
            Character ch = end < text.length() ? text.charAt(end) : null;
            if (breaks) {
                if (ch == null || !PyYaml.isBreak(ch)) {
                    for (int i = start; i < end; i++) {
                        char br = text.charAt(i);
                        w.writeLineBreak(br == '\n' ? null : String.valueOf(br));
                    }
                    if (ch != null) {
                        w.writeIndent();
                    }
                    start = end;
                }
            } else if (ch == null || PyYaml.isBreak(ch)) {
                w.write(text.substring(start, end));
                if (ch == null) {
                    w.writeLineBreak(null);
                }
                start = end;
            }
            if (ch != null) {
                breaks = PyYaml.isBreak(ch);
            }
        }
        return hints.endsWith("+");
    }

    static void singleQuoted(PyYaml w, String text, boolean split) {
        w.writeIndicator("'", true, false, false);
        boolean spaces = false;
        boolean breaks = false;
        int start = 0;
        for (int end = 0; end <= text.length(); end++) {
            Character ch = end < text.length() ? text.charAt(end) : null;
            if (spaces) {
                if (ch == null || ch != ' ') {
                    if (start + 1 == end && w.column() > w.width() && split && start != 0 && end != text.length()) {
                        w.writeIndent();
                    } else {
                        w.write(text.substring(start, end));
                    }
                    start = end;
                }
            } else if (breaks) {
                if (ch == null || !PyYaml.isBreak(ch)) {
                    lineBreaks(w, text, start, end);
                    w.writeIndent();
                    start = end;
                }
            } else if (ch == null || ch == ' ' || PyYaml.isBreak(ch) || ch == '\'') {
                if (start < end) {
                    w.write(text.substring(start, end));
                    start = end;
                }
            }
            if (ch != null && ch == '\'') {
                w.write("''");
                start = end + 1;
            }
            if (ch != null) {
                spaces = ch == ' ';
                breaks = PyYaml.isBreak(ch);
            }
        }
        w.writeIndicator("'", false, false, false);
    }

    static void doubleQuoted(PyYaml w, String text, boolean split) {
        w.writeIndicator("\"", true, false, false);
        int start = 0;
        for (int end = 0; end <= text.length(); end++) {
            Character ch = end < text.length() ? text.charAt(end) : null;
            if (ch == null || "\"\\\u0085\u2028\u2029\ufeff".indexOf(ch) >= 0
                    || !((ch >= 0x20 && ch <= 0x7e) || (ch >= 0xa0 && ch <= 0xd7ff) || (ch >= 0xe000 && ch <= 0xfffd)
                    || Character.isSurrogate(ch))) {
                if (start < end) {
                    w.write(text.substring(start, end));
                    start = end;
                }
                if (ch != null) {
                    w.write(escape(ch));
                    start = end + 1;
                }
            }
            if (end > 0 && end < text.length() - 1 && (ch != null && ch == ' ' || start >= end)
                    && w.column() + (end - start) > w.width() && split) {
                String data = text.substring(start, end) + "\\";
                if (start < end) {
                    start = end;
                }
                w.write(data);
                w.writeIndent();
                w.whitespace(false);
                w.indention(false);
                if (text.charAt(start) == ' ') {
                    w.write("\\");
                }
            }
        }
        w.writeIndicator("\"", false, false, false);
    }

    private static String escape(char c) {
        Character short_ = ESCAPES.get(c);
        if (short_ != null) {
            return "\\" + short_;
        }
        return c <= 0xff ? String.format("\\x%02X", (int) c) : String.format("\\u%04X", (int) c);
    }
}
