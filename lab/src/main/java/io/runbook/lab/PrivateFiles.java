package io.runbook.lab;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files of the lab's state directory: they hold keys, tokens and credentials (cluster snapshots with Secrets,
 * the DNS update key, the MP root CA key, the backups), so every file is the owner's only (0600) and every
 * folder 0700, from the moment it is created, as {@code backup.yml} writes its files. On a file system without
 * POSIX permissions the defaults stay.
 */
public final class PrivateFiles {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");

    private PrivateFiles() {
    }

    /** Writes {@code text} to {@code file} (replacing it), mode 0600; its folder is created 0700 when missing. */
    public static Path write(Path file, String text) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            createDirectories(parent);
        }
        try (FileChannel out = openChannel(file, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
        }
        return file;
    }

    /** Creates the folder and its missing parents, each 0700; an existing folder is left as it is. */
    public static Path createDirectories(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return dir;
        }
        Path parent = absolute.getParent();
        if (parent != null) {
            createDirectories(parent);
        }
        try {
            if (POSIX) {
                Files.createDirectory(absolute, PosixFilePermissions.asFileAttribute(FOLDER));
            } else {
                Files.createDirectory(absolute);
            }
        } catch (java.nio.file.FileAlreadyExistsException raced) {
            // made meanwhile: fine
        }
        return dir;
    }

    /** Opens a channel on the file, creating it 0600 when asked to; an existing file is made 0600 too. */
    public static FileChannel openChannel(Path file, OpenOption... options) throws IOException {
        FileAttribute<?>[] attributes = POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)}
                : new FileAttribute<?>[0];
        FileChannel channel = FileChannel.open(file, Set.of(options), attributes);
        if (POSIX) {
            Files.setPosixFilePermissions(file, FILE);
        }
        return channel;
    }
}
