package io.runbook.modules.core;

import io.runbook.engine.module.Diff;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.modules.connection.AtomicWriteFailure;
import io.runbook.modules.connection.FileInfo;
import io.runbook.modules.connection.HostConnection;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * What writing some content (and a mode) to a file on a host would change, decided on the controller
 * before anything is written, so check mode and a real run give the same answer and the same diff.
 * Used by {@code template}, {@code copy} and {@code get_url}.
 */
final class FileWrite {
    /** What a new file gets when no mode is asked for: the usual rw-r--r-- of a 022 umask. */
    static final int NEW_FILE = 0644;
    private static final DateTimeFormatter BACKUP_STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd@HH:mm:ss");
    private final HostConnection host;
    private final String dest;
    private final FileContent content;
    private final FileInfo current;
    private final String currentSha1;
    private final byte[] before;
    private final int finalMode;
    private final boolean replacesLink;
    private final boolean unsafeWrites;

    private FileWrite(HostConnection host, String dest, FileContent content, FileInfo current, String currentSha1,
                      byte[] before, int finalMode, boolean replacesLink, boolean unsafeWrites) {
        this.unsafeWrites = unsafeWrites;
        this.host = host;
        this.dest = dest;
        this.content = content;
        this.current = current;
        this.currentSha1 = currentSha1;
        this.before = before;
        this.finalMode = finalMode;
        this.replacesLink = replacesLink;
    }

    /**
     * {@code modeSpec} null keeps an existing file's mode (a new file gets 0644). A symlink at {@code dest} is
     * compared through (its file's content and mode) and replaced by the new file only when that differs.
     */
    static FileWrite plan(ModuleContext ctx, HostConnection host, String dest, FileContent content, String modeSpec)
            throws ModuleException {
        return plan(ctx, host, dest, content, modeSpec, false);
    }

    /**
     * As {@link #plan(ModuleContext, HostConnection, String, FileContent, String)}; with {@code replaceLink} a symlink
     * at {@code dest} is always replaced by a file (changed even when its file holds the same content), as Ansible's
     * {@code copy} and {@code template} do without {@code follow}. The task's {@link UnsafeWrites} is read here.
     */
    static FileWrite plan(ModuleContext ctx, HostConnection host, String dest, FileContent content, String modeSpec,
                          boolean replaceLink) throws ModuleException {
        boolean unsafe = UnsafeWrites.allowed(ctx, host);
        // one stat unless dest is a link: for anything else, following it changes nothing
        FileInfo at = host.stat(dest, !replaceLink);
        boolean link = at.type() == FileInfo.Type.LINK;
        FileInfo current = link ? host.stat(dest, true) : at;
        if (current.exists() && !current.isFile()) {
            throw new ModuleException("cannot write " + dest + ": it is a " + current.state() + ", not a file");
        }
        String sha1 = null;
        byte[] before = null;
        if (current.exists()) {
            // the file is read once: for the checksum, and kept when small enough to diff
            MessageDigest digest = FileContent.digest();
            ByteArrayOutputStream kept = new ByteArrayOutputStream();
            OutputStream sink = current.size() <= FileContent.DIFF_LIMIT ? kept : OutputStream.nullOutputStream();
            host.read(dest, new DigestOutputStream(sink, digest));
            sha1 = HexFormat.of().formatHex(digest.digest());
            before = current.size() <= FileContent.DIFF_LIMIT ? kept.toByteArray() : null;
        }
        int base = current.exists() ? current.mode() : NEW_FILE;
        int mode;
        try {
            mode = modeSpec == null ? base : FileMode.apply(modeSpec, base, false);
        } catch (IllegalArgumentException e) {
            throw new ModuleException(e.getMessage());
        }
        return new FileWrite(host, dest, content, current, sha1, before, mode, link, unsafe);
    }

    boolean exists() {
        return current.exists();
    }

    boolean contentChanges() {
        return replacesLink || !current.exists() || !content.sha1().equals(currentSha1);
    }

    boolean modeChanges() {
        return current.exists() && (current.mode() & 07777) != finalMode;
    }

    boolean changes() {
        return contentChanges() || modeChanges();
    }

    int finalMode() {
        return finalMode;
    }

    /** The SHA-1 of the file as it is, or null when there is none. */
    String currentSha1() {
        return currentSha1;
    }

    FileInfo current() {
        return current;
    }

    /** The content diff (before: empty for a new file), or a one-line summary for binary or big files. */
    Diff diff(String label) {
        String after = content.diffText();
        String old = current.exists() ? (before != null && Text.isText(before) ? new String(before, StandardCharsets.UTF_8) : null) : "";
        if (content.secret()) {
            return new Diff(label, current.exists() ? "(previous content not shown)\n" : "",
                    "(content of a vault-encrypted file: not shown)\n");
        }
        if (after == null || old == null) {
            return new Diff(label, current.exists() ? "(binary or big file, sha1 " + currentSha1 + ")\n" : "",
                    "(binary or big file, sha1 " + content.sha1() + ", " + content.size() + " bytes)\n");
        }
        return new Diff(label, old, after);
    }

    /** Makes the change; returns the backup's path when one was asked for and made, else null. */
    String apply(boolean backup) throws ModuleException {
        try {
            return apply(backup, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModuleException("interrupted while writing " + dest);
        }
    }

    /** What runs when the content changes, after the backup and before the new content is written (copy's validate). */
    interface BeforeWrite {
        void check() throws ModuleException, InterruptedException;
    }

    /**
     * As {@link #apply(boolean)}, with {@code before} (may be null) run first when the content changes: its failure
     * leaves the file as it was (and the backup made, as Ansible's copy makes it before it validates).
     */
    String apply(boolean backup, BeforeWrite before) throws ModuleException, InterruptedException {
        String copy = null;
        if (contentChanges()) {
            if (backup && current.exists()) {
                copy = backupName(dest);
                host.copy(dest, copy);
            }
            if (before != null) {
                before.check();
            }
            try {
                write(false);
            } catch (AtomicWriteFailure e) {
                if (!unsafeWrites) {
                    throw e;
                }
                write(true);  // Ansible's unsafe_writes: in place, as its atomic_move falls back
            }
        } else if (modeChanges()) {
            host.chmod(dest, finalMode);
        }
        return copy;
    }

    private void write(boolean inPlace) throws ModuleException {
        try (java.io.InputStream in = content.open()) {
            if (inPlace) {
                host.writeInPlace(dest, in, finalMode);
            } else {
                host.write(dest, in, finalMode);
            }
        } catch (java.io.IOException e) {
            throw new ModuleException("cannot read what to write to " + dest + ": " + e.getMessage(), e);
        }
    }

    /** Ansible's backup name: {@code DEST.PID.YYYY-MM-DD@HH:MM:SS~}. */
    static String backupName(String dest) {
        return dest + "." + ProcessHandle.current().pid() + "." + BACKUP_STAMP.format(LocalDateTime.now()) + "~";
    }
}
