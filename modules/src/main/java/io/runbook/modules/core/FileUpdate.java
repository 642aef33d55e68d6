package io.runbook.modules.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Set;

/**
 * What writing {@code content} (and a mode) to {@code dest} would change, decided before anything is
 * written, so check mode and a real run give the same answer.
 */
record FileUpdate(Path dest, byte[] content, byte[] before, Set<PosixFilePermission> current, Set<PosixFilePermission> wanted) {
    private static final DateTimeFormatter BACKUP_STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd@HH:mm:ss");

    /** {@code wanted} null keeps an existing file's mode. */
    static FileUpdate plan(Path dest, byte[] content, Set<PosixFilePermission> wanted) throws IOException {
        boolean exists = Files.exists(dest);
        return new FileUpdate(dest, content, exists ? Files.readAllBytes(dest) : null,
                exists ? AtomicFile.permissions(dest) : null, wanted);
    }

    boolean exists() {
        return before != null;
    }

    boolean contentChanges() {
        return before == null || !Arrays.equals(before, content);
    }

    boolean modeChanges() {
        return wanted != null && current != null && !current.equals(wanted);
    }

    boolean changes() {
        return contentChanges() || modeChanges();
    }

    /** The mode the file has after the update; null on a file system without POSIX permissions. */
    Set<PosixFilePermission> finalMode() {
        return wanted != null ? wanted : exists() ? current : AtomicFile.NEW_FILE;
    }

    /** Makes the change; returns the backup's path when one was asked for and made, else null. */
    Path apply(boolean backup) throws IOException {
        Path copy = null;
        if (contentChanges()) {
            if (backup && exists()) {
                copy = dest.resolveSibling(dest.getFileName() + "." + BACKUP_STAMP.format(LocalDateTime.now()) + "~");
                Files.copy(dest, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            }
            AtomicFile.write(dest, content, finalMode());
        } else if (modeChanges()) {
            Files.setPosixFilePermissions(dest, wanted);
        }
        return copy;
    }
}
