package io.runbook.lab.tetrate;

import io.runbook.lab.PrivateFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One run at a time on a lab state directory (or a run journal's folder): an operating-system lock on {@code DIR/lock} (released by the
 * system when the process dies, so a crash leaves no lock that blocks), with the holder's pid, start time and
 * command written into the file so that a second run can say who holds it. A file that still names a holder
 * when the lock is free was left by a process that ended without releasing it: it is taken over, and
 * {@link #takenOver()} says from whom. (No command line is kept: it may hold {@code -e} secrets.)
 */
public final class StateLock implements AutoCloseable {
    static final String FILE = "lock";

    private final FileChannel channel;
    private final FileLock lock;
    private final String takenOver;

    private StateLock(FileChannel channel, FileLock lock, String takenOver) {
        this.channel = channel;
        this.lock = lock;
        this.takenOver = takenOver;
    }

    /** The directory is in use by another run. */
    public static final class Busy extends IOException {
        private static final long serialVersionUID = 1L;

        Busy(String message) {
            super(message);
        }
    }

    /** Takes the lock of the lab state directory {@code dir} (which must exist) or fails at once with {@link Busy}. */
    public static StateLock acquire(Path dir) throws IOException {
        return acquire(dir, "the lab state directory", "give this run another --lab-state-dir");
    }

    /**
     * Takes the lock of {@code dir} (which must exist) or fails at once with {@link Busy}, naming the holder. {@code what}
     * names the directory's role in messages ("the run journal"), {@code otherwise} what else the user can do.
     */
    public static StateLock acquire(Path dir, String what, String otherwise) throws IOException {
        Path file = dir.resolve(FILE);
        FileChannel channel = PrivateFiles.openChannel(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                StandardOpenOption.CREATE);
        try {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameProcess) {
                lock = null;
            }
            String before = read(channel);
            if (lock == null) {
                throw new Busy(what + " " + dir + " is in use by another run: " + describe(before)
                        + "; wait for it to end (or stop it), or " + otherwise);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(holder().getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            String taken = before.isBlank() ? null : "took over the lock of " + what + " " + dir
                    + " left by " + describe(before) + ", which ended without releasing it";
            return new StateLock(channel, lock, taken);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** A warning when the lock was left by a process that is gone, else empty. */
    public Optional<String> takenOver() {
        return Optional.ofNullable(takenOver);
    }

    /** Empties the file (no holder) and releases the lock. */
    @Override
    public void close() throws IOException {
        try {
            channel.truncate(0);
            lock.release();
        } finally {
            channel.close();
        }
    }

    private static String holder() {
        ProcessHandle me = ProcessHandle.current();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("pid", String.valueOf(me.pid()));
        fields.put("started", me.info().startInstant().map(i -> i.truncatedTo(ChronoUnit.SECONDS).toString()).orElse("?"));
        StringBuilder out = new StringBuilder();
        fields.forEach((k, v) -> out.append(k).append(": ").append(v.replace('\n', ' ')).append('\n'));
        return out.toString();
    }

    /** "process 1234 (started 2026-11-21T03:04:05Z)" from the lock file's text. */
    private static String describe(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                fields.put(line.substring(0, colon), line.substring(colon + 2));
            }
        }
        if (!fields.containsKey("pid")) {
            return "a process that did not say which (no pid in " + FILE + ")";
        }
        return "process " + fields.get("pid") + " (started " + fields.getOrDefault("started", "?") + ")";
    }

    private static String read(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(channel.size(), 4096));
        channel.read(buffer, 0);
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    }
}
