package io.runbook.engine.module;

import java.io.IOException;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Keeps a local process from starting while a file is being written (Go's ForkLock, for the same reason): a process
 * started on one thread inherits the files other threads have open until its launcher closes them and runs the
 * command, so a script written on one thread and run at once could fail with "Text file busy" (ETXTBSY) because a
 * process being started on another thread still held it open for writing. Processes start under the shared side
 * (many at once); a file is written under the exclusive side, so no process is half started while it is open.
 * Every process the engine and its modules start goes through {@link #start}: a custom facts script, a {@code pipe}
 * lookup or a vault password script started beside a module writing a script would hold it open just the same.
 */
public final class SpawnLock {
    private static final ReentrantReadWriteLock LOCK = new ReentrantReadWriteLock();

    /** Something that may fail with an IOException. */
    public interface IoAction<T> {
        T run() throws IOException;
    }

    private SpawnLock() {
    }

    /** Starts a process ({@code start} returns once the command runs, its launcher having closed inherited files). */
    public static Process start(ProcessBuilder builder) throws IOException {
        LOCK.readLock().lock();
        try {
            return builder.start();
        } finally {
            LOCK.readLock().unlock();
        }
    }

    /** Runs {@code write}, which opens, writes and closes a local file, while no process is being started. */
    public static <T> T writing(IoAction<T> write) throws IOException {
        LOCK.writeLock().lock();
        try {
            return write.run();
        } finally {
            LOCK.writeLock().unlock();
        }
    }
}
