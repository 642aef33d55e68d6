package io.runbook.engine.vars;

import java.util.List;
import java.util.stream.Collectors;

/** Python's shlex.quote and shlex.join, which Ansible uses for the {@code quote} filter and a command's printable form. */
public final class Shlex {
    private Shlex() {
    }

    /** Text of only safe characters as it is, else in single quotes ({@code '"'"'} for a quote inside). */
    public static String quote(String s) {
        if (s.isEmpty()) {
            return "''";
        }
        if (s.matches("[A-Za-z0-9_@%+=:,./-]+")) {
            return s;
        }
        return "'" + s.replace("'", "'\"'\"'") + "'";
    }

    /** The words quoted and joined with spaces. */
    public static String join(List<String> words) {
        return words.stream().map(Shlex::quote).collect(Collectors.joining(" "));
    }
}
