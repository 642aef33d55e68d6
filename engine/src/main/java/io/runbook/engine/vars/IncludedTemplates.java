package io.runbook.engine.vars;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a template's {@code include} or {@code import} finds its file: in the folder of the file being run (or its
 * templates/), then, for the template module, in the template's own folder (or its templates/), as Ansible's template
 * search path; never outside those folders.
 */
final class IncludedTemplates {
    private IncludedTemplates() {
    }

    /**
     * The file {@code name} names, or null when it is not there and {@code ignoreMissing} (else a failure naming the
     * folders it looked in).
     */
    static Path find(String name, Path baseDir, Path templateDir, boolean ignoreMissing) {
        Path base = (baseDir == null ? Path.of("") : baseDir).toAbsolutePath().normalize();
        List<Path> folders = new ArrayList<>(List.of(base));
        if (templateDir != null && !templateDir.toAbsolutePath().normalize().equals(base)) {
            folders.add(templateDir.toAbsolutePath().normalize());
        }
        for (Path folder : folders) {
            Path file = found(name, folder);
            if (file != null) {
                return file;
            }
        }
        if (ignoreMissing) {
            return null;
        }
        throw new ExpressionFailure("template '" + name + "' not found (looked in " + String.join(", ",
                folders.stream().map(Path::toString).toList()) + " and their templates/)");
    }

    private static Path found(String name, Path folder) {
        for (Path candidate : List.of(folder.resolve("templates").resolve(name), folder.resolve(name))) {
            Path normal = candidate.normalize();
            if (!normal.startsWith(folder)) {
                throw new ExpressionFailure("'" + name + "' is outside the playbook's folder: templates are only"
                        + " included from " + folder);
            }
            if (Files.isRegularFile(normal)) {
                return normal;
            }
        }
        return null;
    }
}
