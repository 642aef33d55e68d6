package io.runbook.modules.helm;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The files Helm reads for one operation, in a private temporary folder (owner-only) removed on close: the
 * merged values (they may hold secrets) and, for a {@code repo_url}, a repositories file of its own.
 */
final class DeployFiles implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path dir;
    private final Path values;

    private DeployFiles(Path dir, Path values) {
        this.dir = dir;
        this.values = values;
    }

    static DeployFiles of(Map<String, Object> values) {
        try {
            Path dir = Files.createTempDirectory("runbook-helm-");
            restrict(dir, "rwx------");
            Path file = dir.resolve("values.yaml");
            Files.createFile(file);
            restrict(file, "rw-------");
            Files.writeString(file, JSON.writeValueAsString(values));
            return new DeployFiles(dir, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the values file for Helm", e);
        }
    }

    Path values() {
        return values;
    }

    /** A path in the private folder for another file or folder. */
    Path resolve(String name) {
        return dir.resolve(name);
    }

    @Override
    public void close() {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder that outlives the run is not worth failing the task over
        }
    }

    private static void restrict(Path p, String perms) throws IOException {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        }
    }
}
