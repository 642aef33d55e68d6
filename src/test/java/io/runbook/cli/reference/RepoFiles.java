package io.runbook.cli.reference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** The repository's files, as the tests of the generated reference read them. */
final class RepoFiles {
    /** The repository root (tests run in src/). */
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Set<String> SKIPPED = Set.of("target", ".git", ".lab-state", ".runbook", "node_modules");

    private RepoFiles() {
    }

    /** The modules the engine ships: those on the class path without the tests' own (io.runbook.cli.testmodules). */
    static io.runbook.engine.module.ModuleRegistry shippedModules() {
        return new io.runbook.engine.module.ModuleRegistry(io.runbook.engine.module.ModuleRegistry.load().all().stream()
                .filter(m -> !m.getClass().getName().startsWith("io.runbook.cli.testmodules.")).toList());
    }

    /** Every file under {@code dir} whose name ends with one of {@code suffixes}, build output and state left out. */
    static List<Path> find(Path dir, String... suffixes) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> ROOT.relativize(f.toAbsolutePath()).toString().isEmpty()
                            || java.util.stream.StreamSupport.stream(ROOT.relativize(f.toAbsolutePath()).spliterator(), false)
                                    .noneMatch(part -> SKIPPED.contains(part.toString())))
                    .filter(f -> Stream.of(suffixes).anyMatch(s -> f.getFileName().toString().endsWith(s)))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
