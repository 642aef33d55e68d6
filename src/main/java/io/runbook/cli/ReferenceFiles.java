package io.runbook.cli;

import io.runbook.cli.reference.ModulePages;
import io.runbook.cli.reference.PlaybookSchema;
import io.runbook.engine.exec.ExitCode;
import io.runbook.engine.module.ModuleRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Writes the generated reference files of {@code modules --markdown DIR} and {@code modules --json-schema [FILE]}. */
final class ReferenceFiles {
    private ReferenceFiles() {
    }

    static int write(ModuleRegistry registry, Path markdownDir, String schemaFile, PrintWriter out, PrintWriter err) {
        try {
            if (markdownDir != null) {
                Map<String, String> pages = ModulePages.render(registry.all());
                Files.createDirectories(markdownDir);
                for (Map.Entry<String, String> page : pages.entrySet()) {
                    Files.writeString(markdownDir.resolve(page.getKey()), page.getValue(), StandardCharsets.UTF_8);
                }
                int removed = removeStale(markdownDir, pages);
                out.println("wrote " + pages.size() + " pages to " + markdownDir + (removed == 0 ? "" : " (removed " + removed + " stale)"));
            }
            if (schemaFile != null) {
                String schema = PlaybookSchema.render(registry.all());
                if (schemaFile.equals("-")) {
                    out.print(schema);
                    out.flush();
                } else {
                    Path file = Path.of(schemaFile);
                    if (file.getParent() != null) {
                        Files.createDirectories(file.getParent());
                    }
                    Files.writeString(file, schema, StandardCharsets.UTF_8);
                    out.println("wrote " + file);
                }
            }
            return ExitCode.OK;
        } catch (IOException e) {
            err.println("ERROR: cannot write the reference: " + e.getMessage());
            return ExitCode.INPUT_ERROR;
        }
    }

    /** Deletes pages this command wrote earlier for modules that no longer exist. */
    private static int removeStale(Path dir, Map<String, String> pages) throws IOException {
        List<Path> stale;
        try (Stream<Path> files = Files.list(dir)) {
            stale = files.filter(f -> f.getFileName().toString().endsWith(".md"))
                    .filter(f -> !pages.containsKey(f.getFileName().toString()))
                    .filter(ReferenceFiles::generated).toList();
        }
        for (Path f : stale) {
            Files.delete(f);
        }
        return stale.size();
    }

    private static boolean generated(Path file) {
        try {
            return Files.readString(file).contains("modules --markdown");
        } catch (IOException e) {
            return false;
        }
    }
}
