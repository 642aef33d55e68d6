package io.runbook.engine.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The journal's one file, {@code journal.ndjson}: one JSON record per line, appended, never rewritten. Each
 * record is handed to the operating system at once (one write), so a killed engine loses nothing it reported;
 * the file is forced to the disk at most about once a second and at the moments that matter (a session's start
 * and end, a failure), so a run of many small tasks is not slowed down by the disk.
 */
final class JournalFile implements AutoCloseable {
    static final String NAME = "journal.ndjson";
    private static final long FORCE_EVERY_NANOS = 1_000_000_000L;
    private final FileChannel channel;
    private long lastForce = System.nanoTime();
    private boolean dirty;

    private JournalFile(FileChannel channel) {
        this.channel = channel;
    }

    static JournalFile append(Path dir) throws IOException {
        return new JournalFile(PrivateFiles.open(dir.resolve(NAME), StandardOpenOption.WRITE, StandardOpenOption.APPEND,
                StandardOpenOption.CREATE));
    }

    /** Appends one record (a JSON object without line breaks); {@code force} puts it on the disk now. */
    synchronized void write(String record, boolean force) {
        try {
            ByteBuffer bytes = ByteBuffer.wrap((record + "\n").getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            dirty = true;
            long now = System.nanoTime();
            if (force || now - lastForce >= FORCE_EVERY_NANOS) {
                channel.force(false);
                lastForce = now;
                dirty = false;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run journal: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            if (dirty) {
                channel.force(false);
            }
        } finally {
            channel.close();
        }
    }
}
