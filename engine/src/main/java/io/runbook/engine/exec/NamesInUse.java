package io.runbook.engine.exec;

import io.runbook.engine.error.UserError;
import io.runbook.engine.vars.SecretText;
import io.runbook.engine.vars.UnsafeText;
import io.runbook.engine.yaml.YList;
import io.runbook.engine.yaml.YMap;
import io.runbook.engine.yaml.YNode;
import io.runbook.engine.yaml.YScalar;
import io.runbook.engine.yaml.YamlLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every name a run's templates and conditions mention, found generously: each word in a {@code {{ }}} or
 * {@code {% %}} of the run's files and variable values (string literals count too, so {@code vars['x']} and
 * {@code lookup('vars', 'x')} name {@code x}), and each word of a condition ({@code when}, {@code changed_when},
 * {@code failed_when}, {@code until}, {@code that}, debug's {@code var}). Files that tasks include or import by a
 * literal name are followed. A variable whose name is not here is one the run cannot use by that name.
 */
final class NamesInUse {
    private static final Pattern REGION = Pattern.compile("\\{\\{(.*?)}}|\\{%(.*?)%}", Pattern.DOTALL);
    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> CONDITIONS = Set.of("when", "changed_when", "failed_when", "until", "that", "var");
    private static final Set<String> INCLUDES = Set.of("include_tasks", "import_tasks", "include", "include_vars",
            "import_playbook", "include_role", "import_role");
    private static final long LARGEST_FILE = 8L * 1024 * 1024;

    private final Set<String> names = new HashSet<>();
    private final Set<Path> seen = new HashSet<>();
    private final Deque<Path> pending = new ArrayDeque<>();
    /** Folders a file named by an include is also looked for in (the plays' folders). */
    private final List<Path> baseDirs = new ArrayList<>();

    boolean contains(String name) {
        return names.contains(name);
    }

    void baseDir(Path dir) {
        if (!baseDirs.contains(dir)) {
            baseDirs.add(dir);
        }
    }

    /** A file of the run, read (with what it includes by name) at {@link #scan}. */
    void file(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        if (seen.add(abs)) {
            pending.add(abs);
        }
    }

    /** Every file under {@code dir} (a role, a templates folder), hidden ones aside. */
    void tree(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile).filter(f -> !dir.relativize(f).toString().startsWith(".")).forEach(this::file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The names in the templates of a value (a variable's, as read): a {@code !vault} value is not opened for it. */
    void value(Object value) {
        if (value instanceof Map<?, ?> map) {
            map.values().forEach(this::value);
        } else if (value instanceof Collection<?> items) {
            items.forEach(this::value);
        } else {
            String text = text(value);
            if (text != null) {
                templates(text);
            }
        }
    }

    /** The text of a string value, or null: not for an unsafe one (never templated) or an unopened {@code !vault} one. */
    private static String text(Object value) {
        if (value instanceof UnsafeText || value instanceof SecretText s && s.unopened() != null) {
            return null;
        }
        return value instanceof CharSequence text ? text.toString() : null;
    }

    /** Reads the files given (and those they include) for names. */
    void scan() {
        while (!pending.isEmpty()) {
            Path file = pending.poll();
            if (!Files.isRegularFile(file) || size(file) > LARGEST_FILE) {
                continue;
            }
            if (!yamlFile(file)) {
                templates(text(file));
            }
        }
    }

    /** Walks a YAML file's values; false when it is not YAML (a template, an INI inventory). */
    private boolean yamlFile(Path file) {
        String name = file.getFileName().toString();
        if (!(name.endsWith(".yml") || name.endsWith(".yaml") || name.endsWith(".json") || !name.contains("."))) {
            return false;
        }
        List<YNode> docs;
        try {
            docs = YamlLoader.loadAll(file);
        } catch (UserError | UncheckedIOException e) {
            return false;
        }
        docs.forEach(doc -> node(doc, file, false));
        return true;
    }

    private void node(YNode node, Path file, boolean condition) {
        if (node instanceof YScalar scalar) {
            String text = text(scalar.value());
            if (text != null) {
                if (condition) {
                    words(text);
                } else {
                    templates(text);
                }
            }
        } else if (node instanceof YList list) {
            list.items().forEach(item -> node(item, file, condition));
        } else if (node instanceof YMap map) {
            for (YMap.Entry e : map.entries()) {
                String key = e.key().startsWith("ansible.builtin.") ? e.key().substring("ansible.builtin.".length()) : e.key();
                if (INCLUDES.contains(key)) {
                    included(e.value(), file, key.endsWith("_role"));
                }
                node(e.value(), file, condition || CONDITIONS.contains(key) || key.equals("debug") && e.value() instanceof YScalar);
            }
        }
    }

    /**
     * The file an include or import names literally ({@code x.yml}, {@code file: x.yml}; a role's folder), next to the
     * including file or a play's.
     */
    private void included(YNode value, Path from, boolean role) {
        List<String> named = new ArrayList<>();
        if (value instanceof YScalar s && s.value() instanceof String text && !text.isBlank()) {
            named.add(text.strip().split("\\s+")[0]);
        } else if (value instanceof YMap m) {
            for (String key : List.of("file", "name", "dir")) {
                m.get(key).filter(n -> n instanceof YScalar s && s.value() instanceof String)
                        .ifPresent(n -> named.add((String) ((YScalar) n).value()));
            }
        }
        if (role) {
            // a role a task includes by name: its folder in the plays' roles/ (those of roles: are read already)
            named.replaceAll(n -> "roles/" + n);
        }
        for (String name : named) {
            if (name.isEmpty() || name.contains("{{") || name.contains("{%")) {
                continue;
            }
            List<Path> dirs = new ArrayList<>(List.of(from.getParent()));
            dirs.addAll(baseDirs);
            for (Path dir : dirs) {
                Path candidate = dir.resolve(name).normalize();
                if (Files.isRegularFile(candidate)) {
                    file(candidate);
                } else if (Files.isDirectory(candidate)) {
                    tree(candidate);
                }
            }
        }
    }

    /** The words of each {@code {{ }}} and {@code {% %}} in {@code text}. */
    private void templates(String text) {
        if (!text.contains("{{") && !text.contains("{%")) {
            return;
        }
        Matcher m = REGION.matcher(text);
        while (m.find()) {
            words(m.group(1) != null ? m.group(1) : m.group(2));
        }
    }

    private void words(String expression) {
        Matcher m = WORD.matcher(expression);
        while (m.find()) {
            names.add(m.group());
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }

    private static String text(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
