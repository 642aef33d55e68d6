package io.runbook.engine.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The journal's one file, {@code journal.ndjson}: one JSON record per line, appended, never rewritten. Each
 * record is handed to the operating system at once (one write), so a killed engine loses nothing it reported;
 * the file is forced to the disk at most about once a second and at the moments that matter (a session's start
 * and end, a failure), so a run of many small tasks is not slowed down by the disk.
 *
 * <p>Forcing the file to the disk happens outside the lock that orders the writes, so other hosts go on appending
 * while the disk works, and forces that wait for each other are one: a force covers every record written before
 * it began, so a host whose record an earlier force already covered does not force again (group commit).
 */
final class JournalFile implements AutoCloseable {
    static final String NAME = "journal.ndjson";
    private static final long FORCE_EVERY_NANOS = 1_000_000_000L;
    // a stream, not a FileChannel: Ctrl-C interrupts the run thread, and an interrupted channel closes itself
    private final java.io.FileOutputStream channel;
    /** Held while forcing; the writes' order is this object's monitor. */
    private final ReentrantLock forcing = new ReentrantLock();
    /** How many records were written (under this object's monitor). */
    private long written;
    /** How many records are known on the disk (under {@link #forcing}). */
    private volatile long forced;
    private volatile long lastForce = System.nanoTime();
    private boolean closed;
    private static final int INITIAL_BUFFER = 8192;
    private static final int MAX_KEPT_BUFFER = 1 << 20;
    /** Where each record is encoded before its one write (under this object's monitor). */
    private byte[] buffer = new byte[INITIAL_BUFFER];

    private JournalFile(java.io.FileOutputStream channel) {
        this.channel = channel;
    }

    static JournalFile append(Path dir) throws IOException {
        Path file = dir.resolve(NAME);
        // created 0600 first, then appended to
        PrivateFiles.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND, StandardOpenOption.CREATE).close();
        return new JournalFile(new java.io.FileOutputStream(file.toFile(), true));
    }

    /**
     * Appends one record (a JSON object without line breaks); {@code force}: it is on the disk when this returns.
     * Without {@code force}, the file is forced when the last force is a second old (unless another thread is forcing
     * it right then, which covers this record or soon will).
     */
    void write(String record, boolean force) {
        long mine;
        synchronized (this) {
            if (closed) {
                throw new UncheckedIOException(new IOException("cannot write the run journal: it is closed"));
            }
            try {
                int length = line(record);
                channel.write(buffer, 0, length);
                if (buffer.length > MAX_KEPT_BUFFER) {
                    buffer = new byte[INITIAL_BUFFER];  // a rare huge record does not keep its buffer for the run
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the run journal: " + e.getMessage(), e);
            }
            mine = ++written;
        }
        if (force) {
            force(mine, true);
        } else if (System.nanoTime() - lastForce >= FORCE_EVERY_NANOS) {
            force(mine, false);
        }
    }

    /**
     * Puts {@code record} and a line break into {@link #buffer} as UTF-8 (a lone surrogate as {@code ?}, as
     * {@link String#getBytes} writes it), under this object's monitor; the length of the line. A journal line per host
     * and task event made two copies of each line before (the line with its break, then its bytes).
     */
    private int line(String record) {
        int n = record.length();
        if (buffer.length < n * 3 + 1) {
            buffer = new byte[Math.max(n * 3 + 1, buffer.length * 2)];
        }
        byte[] b = buffer;
        int at = 0;
        for (int i = 0; i < n; i++) {
            char c = record.charAt(i);
            if (c < 0x80) {
                b[at++] = (byte) c;
            } else if (c < 0x800) {
                b[at++] = (byte) (0xC0 | c >> 6);
                b[at++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(record.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, record.charAt(++i));
                b[at++] = (byte) (0xF0 | cp >> 18);
                b[at++] = (byte) (0x80 | cp >> 12 & 0x3F);
                b[at++] = (byte) (0x80 | cp >> 6 & 0x3F);
                b[at++] = (byte) (0x80 | cp & 0x3F);
            } else if (Character.isSurrogate(c)) {
                b[at++] = '?';
            } else {
                b[at++] = (byte) (0xE0 | c >> 12);
                b[at++] = (byte) (0x80 | c >> 6 & 0x3F);
                b[at++] = (byte) (0x80 | c & 0x3F);
            }
        }
        b[at++] = '\n';
        return at;
    }

    /** Forces the records up to {@code upTo} (and any written meanwhile); {@code wait}: else skips if another forces. */
    private void force(long upTo, boolean wait) {
        if (wait) {
            forcing.lock();
        } else if (!forcing.tryLock()) {
            return;
        }
        try {
            if (forced >= upTo) {
                return;
            }
            long covered;
            synchronized (this) {
                covered = written;
                if (closed) {
                    return;
                }
            }
            // every record counted in covered was handed to the operating system before this sync begins
            channel.getFD().sync();
            forced = covered;
            lastForce = System.nanoTime();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run journal: " + e.getMessage(), e);
        } finally {
            forcing.unlock();
        }
    }

    @Override
    public void close() throws IOException {
        forcing.lock();
        try {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
                try {
                    if (forced < written) {
                        channel.getFD().sync();
                        forced = written;
                    }
                } finally {
                    channel.close();
                }
            }
        } finally {
            forcing.unlock();
        }
    }
}
