package io.runbook.modules.core;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Replaces a file's content so readers see the old file or the new one, never half of it: the bytes go
 * to a temporary file in the same folder, which is then moved over the destination.
 */
final class AtomicFile {
    /** What a new file gets when no mode is asked for: the usual rw-r--r-- of a 022 umask. */
    static final Set<PosixFilePermission> NEW_FILE = PosixFilePermissions.fromString("rw-r--r--");

    private AtomicFile() {
    }

    static void write(Path dest, byte[] content, Set<PosixFilePermission> perms) throws IOException {
        Path tmp = Files.createTempFile(dest.getParent(), "." + dest.getFileName() + ".", ".tmp");
        try {
            Files.write(tmp, content);
            if (perms != null) {
                Files.setPosixFilePermissions(tmp, perms);
            }
            try {
                Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, dest, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The file's permissions, or null on a file system without POSIX permissions. */
    static Set<PosixFilePermission> permissions(Path file) throws IOException {
        try {
            return Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException e) {
            return null;
        }
    }
}
