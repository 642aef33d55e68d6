package io.runbook.engine.inventory;

import io.runbook.engine.error.UserError;
import io.runbook.engine.yaml.YMap;
import io.runbook.engine.yaml.YNode;
import io.runbook.engine.yaml.YScalar;
import io.runbook.engine.yaml.YamlLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The {@code group_vars/} and {@code host_vars/} files of one base directory, as Ansible's host_group_vars
 * plugin finds them: {@code <kind>/<name>} with no extension or {@code .yml .yaml .json}, or a directory of
 * such files read recursively in lexicographic order (hidden files and {@code ~} backups ignored). Each file
 * is parsed once. For a command that asks for no host's variables ({@code demanded} false: {@code --syntax-check},
 * {@code --list-*}, where Ansible's host_group_vars reads no file), an encrypted file that no vault password given
 * opens reads as no variables; a run that asks for them refuses it before anything runs.
 */
final class VarsFiles {
    static final List<String> EXTENSIONS = List.of("", ".yml", ".yaml", ".json");
    private static final Set<String> NOT_VARS = Set.of(".md", ".txt", ".rst", ".bak", ".orig", ".swp", ".retry");

    private final Map<Path, Map<String, PositionedValue>> cache = new ConcurrentHashMap<>();
    private final Map<Path, Map<String, List<Path>>> indexes = new ConcurrentHashMap<>();
    private final boolean demanded;

    VarsFiles(boolean demanded) {
        this.demanded = demanded;
    }

    /** Files for one group or host, in load order (later files win). */
    List<Path> find(Path basedir, String kind, String name) {
        return index(basedir, kind).getOrDefault(name, List.of());
    }

    /** The group or host names that have vars files under {@code basedir/kind}, each with its files. */
    Map<String, List<Path>> names(Path basedir, String kind) {
        return index(basedir, kind);
    }

    /** Lists {@code basedir/kind} once: name to its files, as Ansible looks them up ("" .yml .yaml .json). */
    private Map<String, List<Path>> index(Path basedir, String kind) {
        return indexes.computeIfAbsent(basedir.resolve(kind), dir -> {
            Map<String, List<Path>> byName = new TreeMap<>();
            for (String ext : EXTENSIONS) {
                for (Path p : list(dir)) {
                    String file = p.getFileName().toString();
                    boolean isDir = Files.isDirectory(p);
                    String found = isDir ? "" : extension(file);
                    if (ext.equals(found)) {
                        String name = file.substring(0, file.length() - ext.length());
                        byName.computeIfAbsent(name, n -> new ArrayList<>()).addAll(isDir ? filesBelow(p) : List.of(p));
                    }
                }
            }
            byName.replaceAll((n, files) -> List.copyOf(files));
            return Collections.unmodifiableMap(byName);
        });
    }

    /** The variables of one file, each with the position of its key; an empty file has none. */
    Map<String, PositionedValue> read(Path file) {
        return cache.computeIfAbsent(file, this::parseIfDemanded);
    }

    private Map<String, PositionedValue> parseIfDemanded(Path file) {
        try {
            return parse(file);
        } catch (UserError e) {
            if (!demanded && io.runbook.engine.vault.VaultCipher.isVaulted(io.runbook.engine.yaml.SourceText.readText(file))) {
                return Map.of();  // unopened: nothing asks for its variables
            }
            throw e;
        }
    }

    private static Map<String, PositionedValue> parse(Path file) {
        Optional<YNode> doc = YamlLoader.load(file);
        Map<String, PositionedValue> vars = new LinkedHashMap<>();
        if (doc.isEmpty() || doc.get() instanceof YScalar s && s.isNull()) {
            return vars;
        }
        if (!(doc.get() instanceof YMap map)) {
            throw new UserError(doc.get().position(), "a vars file must be a mapping of variable names to values, not "
                    + doc.get().describe(), "write one 'name: value' per line");
        }
        for (YMap.Entry e : map.entries()) {
            vars.put(e.key(), new PositionedValue(e.value().toPlain(), e.keyPosition()));
        }
        return Collections.unmodifiableMap(vars);
    }

    private static List<Path> filesBelow(Path dir) {
        List<Path> out = new ArrayList<>();
        for (Path p : list(dir)) {
            String file = p.getFileName().toString();
            if (Files.isDirectory(p)) {
                out.addAll(filesBelow(p));
            } else if (Files.isRegularFile(p) && extension(file) != null) {
                out.add(p);
            }
        }
        return out;
    }

    /** The entries of a directory in ASCII order, without hidden files and {@code ~} backups. */
    static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Collections.emptyList();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !p.getFileName().toString().startsWith(".") && !p.getFileName().toString().endsWith("~"))
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The recognised extension of a vars file name ("" when it has none), or null when it is not a vars file. */
    private static String extension(String file) {
        for (String ext : EXTENSIONS) {
            if (!ext.isEmpty() && file.endsWith(ext) && file.length() > ext.length()) {
                return ext;
            }
        }
        int dot = file.lastIndexOf('.');
        return dot > 0 && NOT_VARS.contains(file.substring(dot)) ? null : "";
    }
}
