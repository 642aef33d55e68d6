package io.runbook.modules.connection;

import io.runbook.engine.module.ModuleException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Where host modules act: the controller itself or a host reached over SSH. Paths are the host's
 * ({@link #resolve} makes them absolute); everything a module decides (what would change, the diff) is worked
 * out on the controller from what these operations return, so check mode and diffs are the same everywhere.
 *
 * <p>One connection per host per run, shared by every task: implementations are thread-safe. Failures are
 * {@link ModuleException}s with one line; losing the host is {@link ModuleException#unreachable}.
 */
public interface HostConnection {
    /** How the host reads in messages: {@code the controller}, {@code deploy@10.0.0.5:22}. */
    String describe();

    /** Whether this is the controller (modules may read controller files directly). */
    boolean isLocal();

    /**
     * The absolute path on the host for a path a task gave: {@code ~} is the login user's home; a relative path
     * is relative to {@code workDir} on the controller (the module's {@link io.runbook.engine.module.ModuleContext#workDir},
     * the play's playbook folder, as Ansible's local connection works there) and to the home folder elsewhere.
     */
    String resolve(String path, Path workDir) throws ModuleException;

    /**
     * As {@link #resolve}, for a path that Ansible's action plugin expands before its module runs (copy's and
     * template's {@code dest}, assemble's, unarchive's {@code dest} and {@code creates}, fetch's {@code src}): its
     * {@code ~} is the login (or become) user's home from the account database, where a module's own {@code ~} is its
     * environment's {@code HOME}. They differ only on the controller, when {@code HOME} is not the account's home.
     */
    default String resolveForAction(String path, Path workDir) throws ModuleException {
        return resolve(path, workDir);
    }

    /** Runs a program and waits for it; an interrupt (task timeout, Ctrl-C) stops it and fails with why. */
    Execution run(CommandLine command) throws ModuleException, InterruptedException;

    /** The host's users and groups (name ↔ id); a connection that lasts keeps one, so it asks once per name or id. */
    default HostAccounts accounts() {
        return new HostAccounts(this);
    }

    /** What is at {@code path}; {@link FileInfo#missing()} when nothing is. {@code follow}: of a link's target. */
    FileInfo stat(String path, boolean follow) throws ModuleException;

    /**
     * {@link #stat} with {@link FileInfo#inode()} filled in when something is there (device, inode, links, ctime,
     * access): over SSH it costs a command on the host, so modules ask only when they need it.
     */
    default FileInfo statInode(String path, boolean follow) throws ModuleException {
        return stat(path, follow);
    }

    /**
     * {@link #statInode}, and where the inode is read with a command on the host (SSH) that same command also
     * tells {@link FileInfo.Inode#blocks()}/{@code blockSize} and, with {@code attributes}, the {@code lsattr}
     * line (of the link's target when {@code follow}); elsewhere those stay unknown (-1, null) for the caller.
     */
    default FileInfo statInode(String path, boolean follow, boolean attributes) throws ModuleException {
        return statInode(path, follow);
    }

    /**
     * Makes {@code link} a symbolic link to {@code target}, kept as given (a relative target is relative to the
     * link's folder). Whatever file or link is at {@code link} is replaced in one rename; a folder is not.
     */
    void symlink(String target, String link) throws ModuleException;

    /** Makes {@code link} another name of the file {@code target} (a hard link), replacing a file or link there in one rename. */
    void hardlink(String target, String link) throws ModuleException;

    /** The absolute paths of what a folder holds (not recursive), sorted. */
    java.util.List<String> list(String folder) throws ModuleException;

    /** Copies a file's bytes into {@code to}. */
    void read(String path, OutputStream to) throws ModuleException;

    /** A whole file (small files: templates, configuration). */
    default byte[] read(String path) throws ModuleException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        read(path, out);
        return out.toByteArray();
    }

    /**
     * Replaces (or creates) a file so readers see the old content or the new, never half: written next to it,
     * given {@code mode}, then renamed over it.
     *
     * @throws AtomicWriteFailure when that cannot be done where {@link #writeInPlace} can stand in (nothing changed)
     */
    void write(String path, InputStream content, int mode) throws ModuleException;

    /**
     * Writes {@code content} into the file at {@code path} itself (created when missing), then gives it {@code mode}:
     * Ansible's {@code unsafe_writes}, for a file that cannot be replaced in one rename ({@link AtomicWriteFailure}).
     * Readers may see it half written.
     */
    void writeInPlace(String path, InputStream content, int mode) throws ModuleException;

    default void write(String path, byte[] content, int mode) throws ModuleException {
        write(path, new java.io.ByteArrayInputStream(content), mode);
    }

    /** A copy of a file with its mode and modification time (backups). */
    void copy(String from, String to) throws ModuleException;

    void chmod(String path, int mode) throws ModuleException;

    /**
     * Gives {@code path} itself (a link, not its target) the user id {@code uid} and group id {@code gid}; -1 keeps
     * one as it is. Fails as {@code chown failed: why} (or {@code chgrp failed}) when the login user may not.
     */
    void chown(String path, int uid, int gid) throws ModuleException;

    /** Creates one folder (its parent must exist). */
    void mkdir(String path, int mode) throws ModuleException;

    /** Removes a file, link or folder with everything in it; nothing there is fine. */
    void remove(String path) throws ModuleException;

    /** Creates an empty file when missing and sets its access and modification time to now. */
    void touch(String path, int modeIfNew) throws ModuleException;

    /**
     * A local address whose connections reach {@code host:port} from the host's side (kept for the run), or
     * null when connections from the controller already are from the host's side (a local connection).
     */
    java.net.InetSocketAddress forward(String host, int port) throws ModuleException;

    /**
     * A TCP connection to {@code host:port} made from the host's side (the controller's own for a local
     * connection): what {@code wait_for} and {@code get_url} use so that they see the network the host sees.
     *
     * @throws TunnelFailure when the connection cannot be made (refused, no answer, unknown host)
     */
    Tunnel connect(String host, int port, java.time.Duration timeout) throws ModuleException, InterruptedException;
}
