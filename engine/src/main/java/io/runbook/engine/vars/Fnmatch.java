package io.runbook.engine.vars;

import java.util.regex.Pattern;

/**
 * Python's fnmatch on POSIX (case-sensitive): {@code *} any text, {@code ?} one character, {@code [abc]} and
 * {@code [!abc]} one of or none of; everything else literal. Host patterns and the find module match names with it.
 */
public final class Fnmatch {
    private Fnmatch() {
    }

    /** The glob as a regular expression that must match a whole name. */
    public static String regex(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            int close = c == '[' ? glob.indexOf(']', i + 2) : -1;
            if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else if (close > 0) {
                String body = glob.substring(i + 1, close);
                body = body.startsWith("!") ? "^" + body.substring(1) : body;
                re.append('[').append(body.replace("\\", "\\\\").replace("[", "\\[")).append(']');
                i = close;
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return re.toString();
    }

    /** The glob compiled: its {@code matcher(name).matches()} is {@code fnmatch.fnmatch(name, glob)}. */
    public static Pattern pattern(String glob) {
        return Pattern.compile(regex(glob), Pattern.DOTALL);
    }
}
