package io.runbook.engine.vars;

import java.util.regex.Pattern;

/**
 * Text of several lines as Ansible's callbacks write it in YAML ({@code callback_result_format = yaml}): in the literal
 * block style; when lossy (unless {@code callback_format_pretty} is off) first made so that the style is allowed:
 * trailing whitespace stripped, tabs expanded, characters YAML only writes escaped dropped, spaces before a line break
 * dropped (ansible-core 2.14's {@code _munge_data_for_lossy_yaml}).
 */
public record LiteralText(boolean lossy) {
    private static final String BREAKS = "\n\u0085\u2028\u2029";
    private static final Pattern SPACE_BREAK = Pattern.compile(" +([" + BREAKS + "])");
    /** What Python's {@code str.rstrip()} strips. */
    private static final String PY_WHITESPACE = " \t\n\u000b\f\r\u001c\u001d\u001e\u001f\u0085\u00a0\u1680"
            + "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000";

    /** Whether {@code s} holds a character YAML takes as a line break (it is then written in the literal style). */
    static boolean hasBreak(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (BREAKS.indexOf(s.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** The text to write: {@code s} itself, or when lossy made fit for the literal style. */
    String text(String s) {
        if (!lossy) {
            return s;
        }
        int end = s.length();
        while (end > 0 && PY_WHITESPACE.indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        StringBuilder b = new StringBuilder();
        int column = 0;
        for (int i = 0; i < end; i = s.offsetByCodePoints(i, 1)) {
            int c = s.codePointAt(i);
            if (c == '\t') {
                int spaces = 8 - column % 8;
                b.append(" ".repeat(spaces));
                column += spaces;
                continue;
            }
            column = c == '\n' || c == '\r' ? 0 : column + 1;
            if (c == 10 || c >= 32 && c <= 126 || c == 133 || c >= 160 && c <= 55295 || c >= 57344 && c <= 65533 && c != 65279
                    || c >= 65536 && c < 1114111) {
                b.appendCodePoint(c);
            }
        }
        return SPACE_BREAK.matcher(b).replaceAll("$1");
    }
}
