package io.runbook.engine.journal;

import io.runbook.engine.playbook.Block;
import io.runbook.engine.playbook.Play;
import io.runbook.engine.playbook.Playbook;
import io.runbook.engine.playbook.TaskNode;
import io.runbook.engine.playbook.VarsFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The files a run reads that decide what it does, each with its SHA-256: the playbook and every file its plays and
 * tasks come from (imports), the {@code vars_files} that name a file, the inventory's files (with their
 * {@code group_vars}/{@code host_vars}, and those next to the playbook) and {@code -e @file}s. Files an
 * {@code include_tasks} reads are added by the journal when they are included.
 */
public final class RunFiles {
    private static final Set<String> SKIPPED_DIRS = Set.of("lab-seed", "vars_plugins");

    private RunFiles() {
    }

    /** Absolute path → SHA-256 (hex) of every such file that exists. */
    public static Map<String, String> of(Playbook playbook, List<String> inventorySources, List<Path> extraVarsFiles) {
        Set<Path> files = new TreeSet<>();
        files.add(playbook.file());
        for (Play play : playbook.plays()) {
            files.add(play.position().file());
            nodes(play.preTasks(), files);
            nodes(play.tasks(), files);
            nodes(play.postTasks(), files);
            nodes(play.handlers(), files);
            for (VarsFile vf : play.varsFiles()) {
                vf.candidates().stream().filter(c -> !c.contains("{{")).forEach(c -> files.add(play.baseDir().resolve(c)));
            }
            tree(play.baseDir().resolve("group_vars"), files);
            tree(play.baseDir().resolve("host_vars"), files);
        }
        for (String source : inventorySources) {
            Path p = Path.of(source);
            if (Files.isDirectory(p)) {
                tree(p, files);
            } else if (Files.isRegularFile(p)) {
                files.add(p);
                tree(p.toAbsolutePath().getParent().resolve("group_vars"), files);
                tree(p.toAbsolutePath().getParent().resolve("host_vars"), files);
            }
        }
        files.addAll(extraVarsFiles);
        Map<String, String> out = new TreeMap<>();
        for (Path f : files) {
            Path abs = f.toAbsolutePath().normalize();
            if (Files.isRegularFile(abs)) {
                out.put(abs.toString(), sha256(abs));
            }
        }
        return out;
    }

    /** What differs between the files a journal recorded and the same files now: "X changed", "X is gone", "X is new". */
    public static List<String> differences(Map<String, String> before, Map<String, String> now) {
        List<String> out = new ArrayList<>();
        before.forEach((file, hash) -> {
            Path p = Path.of(file);
            if (!Files.isRegularFile(p)) {
                out.add(display(p) + " is gone");
            } else if (!hash.equals(sha256(p))) {
                out.add(display(p) + " changed");
            }
        });
        now.keySet().stream().filter(f -> !before.containsKey(f)).forEach(f -> out.add(display(Path.of(f)) + " is new"));
        return out;
    }

    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[16384];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A path relative to the working directory when below it, as messages show files. */
    static String display(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath();
        return abs.startsWith(cwd) && !abs.equals(cwd) ? cwd.relativize(abs).toString() : abs.toString();
    }

    private static void nodes(List<TaskNode> nodes, Set<Path> files) {
        for (TaskNode n : nodes) {
            // a node the engine made itself (a role's validation task, ...) may have no file of its own
            if (n.position() != null && n.position().file() != null) {
                files.add(n.position().file());
            }
            // an include's own file is hashed when it is included
            if (n instanceof Block b) {
                nodes(b.block(), files);
                nodes(b.rescue(), files);
                nodes(b.always(), files);
            }
        }
    }

    /** The inventory-like files under {@code dir}: YAML/JSON or no extension, not hidden, not the lab's seed manifests. */
    private static void tree(Path dir, Set<Path> files) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile).filter(f -> relevant(dir, f)).forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir + ": " + e.getMessage(), e);
        }
    }

    private static boolean relevant(Path root, Path file) {
        for (Path part : root.relativize(file)) {
            String name = part.toString();
            if (name.startsWith(".") || SKIPPED_DIRS.contains(name)) {
                return false;
            }
        }
        String name = file.getFileName().toString();
        return name.endsWith(".yml") || name.endsWith(".yaml") || name.endsWith(".json") || !name.contains(".");
    }
}
