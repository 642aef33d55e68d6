package io.runbook.modules.core;

/**
 * A file mode as Ansible's {@code mode} takes it: a number is the mode itself (an unquoted {@code 0644} is YAML
 * 1.1's octal 420, that is rw-r--r--; an unquoted {@code 644} is 0o1204, as in Ansible), text is octal
 * ({@code '0644'}, {@code '644'}, {@code '0o640'}, {@code '1777'}) or symbolic clauses like chmod's
 * ({@code u=rw,g=r,o=}, {@code a+x}, {@code go-w}, {@code u+X}). A symbolic mode is applied to the file's
 * current mode.
 */
final class FileMode {
    private static final int ALL = 07777;

    private FileMode() {
    }

    /**
     * The mode argument {@code name} as text for {@link #apply}, or null when not given: a number (a mode argument
     * is {@link io.runbook.engine.module.ArgType#RAW}, so numbers stay numbers) is written in octal.
     */
    static String spec(io.runbook.engine.module.Args args, String name) {
        Object raw = args.raw(name);
        if (raw instanceof Integer || raw instanceof Long) {
            long mode = ((Number) raw).longValue();
            return mode < 0 ? String.valueOf(mode) : Long.toOctalString(mode);
        }
        return raw == null ? null : String.valueOf(raw);
    }

    /**
     * The mode {@code spec} gives a file whose mode is now {@code current} ({@code directory}: for {@code X}).
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    static int apply(String spec, int current, boolean directory) {
        String t = spec.trim();
        if (t.startsWith("0o")) {
            t = t.substring(2);
        }
        if (t.matches("[0-7]{1,4}")) {
            return Integer.parseInt(t, 8);
        }
        if (t.matches("\\d+")) {
            throw new IllegalArgumentException("mode '" + spec + "' is not octal: write it in quotes with digits 0-7, like '0644'");
        }
        int mode = current & ALL;
        for (String clause : t.split(",", -1)) {
            mode = clause(clause, mode, directory, spec);
        }
        return mode;
    }

    /** Whether {@code spec} is a mode at all (checked before anything runs on the host). */
    static void check(String spec) {
        apply(spec, 0644, false);
    }

    static String format(int mode) {
        return "0" + String.format("%03o", mode & ALL); // Ansible's '0%03o': 0644, 01777
    }

    private static int clause(String clause, int mode, boolean directory, String spec) {
        int i = 0;
        int who = 0;
        while (i < clause.length() && "ugoa".indexOf(clause.charAt(i)) >= 0) {
            who |= switch (clause.charAt(i)) {
                case 'u' -> 04700;
                case 'g' -> 02070;
                case 'o' -> 01007;
                default -> 07777;
            };
            i++;
        }
        if (who == 0) {
            who = 07777;
        }
        if (i >= clause.length()) {
            throw bad(spec);
        }
        while (i < clause.length()) {
            char op = clause.charAt(i++);
            if ("+-=".indexOf(op) < 0) {
                throw bad(spec);
            }
            int bits = 0;
            while (i < clause.length() && "+-=".indexOf(clause.charAt(i)) < 0) {
                bits |= permission(clause.charAt(i++), mode, directory, spec);
            }
            bits &= who;
            mode = switch (op) {
                case '+' -> mode | bits;
                case '-' -> mode & ~bits;
                default -> (mode & ~who) | bits;
            };
        }
        return mode;
    }

    private static int permission(char c, int mode, boolean directory, String spec) {
        return switch (c) {
            case 'r' -> 0444;
            case 'w' -> 0222;
            case 'x' -> 0111;
            case 'X' -> directory || (mode & 0111) != 0 ? 0111 : 0;
            case 's' -> 06000;
            case 't' -> 01000;
            default -> throw bad(spec);
        };
    }

    private static IllegalArgumentException bad(String spec) {
        return new IllegalArgumentException("mode '" + spec + "' is neither octal ('0644') nor symbolic (u=rw,g=r,o=)");
    }
}
