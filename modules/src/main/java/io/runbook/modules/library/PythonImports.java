package io.runbook.modules.library;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The imports of {@code ansible.module_utils} in a Python file, as Ansible's {@code ModuleDepFinder} lists them for
 * AnsiballZ: {@code import ansible.module_utils.a.b} gives {@code ansible.module_utils.a.b}, {@code from
 * ansible.module_utils.a import b, c} gives {@code ansible.module_utils.a.b} and {@code ansible.module_utils.a.c} (the
 * last part may name a module or something in one), relative imports are made absolute from the file's own name. An
 * import written at the top level of the file is required; one inside a block ({@code try:}, {@code if}, a function) is
 * optional: Ansible packs it when it finds it and leaves it out silently when not. Read line by line, not parsed: an
 * import statement inside a multi-line string is skipped, one continued over lines (parentheses, backslashes) read
 * whole.
 */
final class PythonImports {
    private static final Pattern IMPORT = Pattern.compile("import\\s+(.+)");
    private static final Pattern FROM = Pattern.compile("from\\s+(\\.*)([\\w.]*)\\s+import\\s+(.+)");

    /** One imported name: its dotted parts, and whether Ansible may leave it out. */
    record Import(List<String> parts, boolean optional) {
    }

    private PythonImports() {
    }

    /**
     * The imports of {@code ansible.module_utils} in {@code text}, the source of the module {@code fqn}
     * ({@code ansible.module_utils.x}; {@code isPackage}: an {@code __init__.py}).
     */
    static List<Import> of(String text, String fqn, boolean isPackage) {
        List<Import> out = new ArrayList<>();
        for (String line : statements(text)) {
            boolean optional = Character.isWhitespace(line.charAt(0));
            String statement = line.strip();
            Matcher from = FROM.matcher(statement);
            Matcher plain = IMPORT.matcher(statement);
            if (from.matches()) {
                String module = absolute(from.group(1).length(), from.group(2), fqn, isPackage);
                if (module.startsWith("ansible.module_utils")) {
                    for (String name : names(from.group(3))) {
                        out.add(new Import(List.of((module + "." + name).split("\\.")), optional));
                    }
                }
            } else if (plain.matches()) {
                for (String name : names(plain.group(1))) {
                    if (name.startsWith("ansible.module_utils.")) {
                        out.add(new Import(List.of(name.split("\\.")), optional));
                    }
                }
            }
        }
        return out;
    }

    /** The module a {@code from} names, relative ones ({@code level} dots) made absolute as ModuleDepFinder does. */
    private static String absolute(int level, String module, String fqn, boolean isPackage) {
        if (level == 0) {
            return module;
        }
        List<String> parts = Arrays.asList(fqn.split("\\."));
        int keep = parts.size() - level + (isPackage ? 1 : 0);
        String base = String.join(".", parts.subList(0, Math.max(0, Math.min(parts.size(), keep))));
        return module.isEmpty() ? base : base + "." + module;
    }

    /** The names of an import list ({@code a as b, c}, in parentheses or not). */
    private static List<String> names(String list) {
        List<String> out = new ArrayList<>();
        for (String item : list.replace("(", " ").replace(")", " ").split(",")) {
            String name = item.strip().split("\\s+")[0];
            if (name.matches("[\\w.*]+")) {
                out.add(name);
            }
        }
        return out;
    }

    /**
     * The logical lines of {@code text} that may be import statements (starting with {@code import} or {@code from},
     * indentation kept), comments taken off, lines inside triple-quoted strings left out.
     */
    private static List<String> statements(String text) {
        List<String> out = new ArrayList<>();
        String quote = null;
        StringBuilder pending = null;
        int depth = 0;
        for (String raw : text.split("\r?\n", -1)) {
            if (quote != null) {
                if (raw.contains(quote)) {
                    quote = null;
                }
                continue;
            }
            String line = uncommented(raw);
            if (pending != null) {
                pending.append(' ').append(line.strip());
            } else {
                String s = line.strip();
                if (!s.startsWith("import ") && !s.startsWith("from ")) {
                    quote = opensTripleQuote(line);
                    continue;
                }
                pending = new StringBuilder(line.stripTrailing());
                depth = 0;
            }
            depth += count(line, '(') - count(line, ')');
            boolean continued = depth > 0 || pending.toString().endsWith("\\");
            if (pending.toString().endsWith("\\")) {
                pending.setLength(pending.length() - 1);
            }
            if (!continued) {
                out.add(pending.toString().split(";")[0]);
                pending = null;
            }
        }
        return out;
    }

    private static String uncommented(String line) {
        int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
    }

    /** The triple quote a line leaves open ({@code """} or {@code '''}), or null. */
    private static String opensTripleQuote(String line) {
        for (String q : new String[] {"\"\"\"", "'''"}) {
            int first = line.indexOf(q);
            if (first >= 0 && line.indexOf(q, first + 3) < 0) {
                return q;
            }
        }
        return null;
    }

    private static int count(String s, char c) {
        return (int) s.chars().filter(x -> x == c).count();
    }
}
