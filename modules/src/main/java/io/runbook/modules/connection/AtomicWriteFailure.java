package io.runbook.modules.connection;

import io.runbook.engine.module.ModuleException;

/**
 * {@link HostConnection#write} could not replace the file in one rename, where Ansible's {@code atomic_move} falls back
 * to writing it in place when a task allows {@code unsafe_writes}: the temporary file beside it could not be made or
 * written (a read-only or immutable folder), or the rename over it failed with EBUSY (a file mounted on its own, as in
 * a container). Nothing was changed. The message is Ansible's for that case.
 */
public final class AtomicWriteFailure extends ModuleException {
    private final boolean busy;

    private AtomicWriteFailure(String message, boolean busy) {
        super(message);
        this.busy = busy;
    }

    /** Whether the file's folder took no temporary file (else the rename over the file was busy). */
    public boolean folderNotWritable() {
        return !busy;
    }

    /** The temporary file beside {@code path} could not be made or written: Ansible's message, with the reason. */
    public static AtomicWriteFailure beside(String path, String reason) {
        int slash = path.replaceAll("/+$", "").lastIndexOf('/');
        String folder = slash <= 0 ? "/" : path.substring(0, slash);
        return new AtomicWriteFailure("The destination directory (" + folder + ") is not writable by the current user. "
                + "Error was: " + reason, false);
    }

    /** The rename of {@code tmp} over {@code path} failed as busy (EBUSY): Ansible's message. */
    public static AtomicWriteFailure busy(String path, String tmp, String reason) {
        return new AtomicWriteFailure("Unable to make " + tmp + " into to " + path + ", failed final rename from " + tmp
                + ": " + reason, true);
    }

    /** Whether an error text is EBUSY's, as the JDK, the kernel's strerror and {@code mv} give it. */
    public static boolean isBusy(String reason) {
        return reason != null && reason.contains("Device or resource busy");
    }
}
