package io.runbook.modules.ssh;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.SftpATTRS;
import com.jcraft.jsch.SftpException;
import io.runbook.engine.module.ModuleException;
import io.runbook.modules.connection.AtomicWriteFailure;
import io.runbook.modules.connection.FileInfo;
import io.runbook.modules.connection.HostAccounts;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * File operations on an SSH host over one SFTP channel (OpenSSH's sftp-server), opened on first use and
 * shared by the tasks of the run one operation at a time. Paths are absolute; jsch's glob characters in
 * them are escaped so a file named {@code a*b} is that file.
 */
final class SftpFiles {
    private final SshConnection owner;
    private ChannelSftp channel;

    SftpFiles(SshConnection owner) {
        this.owner = owner;
    }

    synchronized String home() throws ModuleException {
        try {
            return channel().getHome();
        } catch (SftpException e) {
            throw failure("cannot find the home folder", "", e);
        }
    }

    /** What is at {@code path}; with {@code names}, the owner's and group's names from the host's accounts. */
    synchronized FileInfo stat(String path, boolean follow, boolean names) throws ModuleException {
        try {
            SftpATTRS a = follow ? channel().stat(quote(path)) : channel().lstat(quote(path));
            FileInfo.Type type = a.isLink() ? FileInfo.Type.LINK : a.isDir() ? FileInfo.Type.DIRECTORY
                    : a.isReg() ? FileInfo.Type.FILE : FileInfo.Type.OTHER;
            String link = a.isLink() ? channel().readlink(quote(path)) : null;
            FileInfo info = new FileInfo(path, type, a.getPermissions() & 07777, a.getSize(), a.getUId(), a.getGId(), null, null,
                    a.getMTime(), a.getATime(), link, null);
            return names ? named(info) : info;
        } catch (SftpException e) {
            if (e.id == ChannelSftp.SSH_FX_NO_SUCH_FILE) {
                return FileInfo.missing(path);
            }
            throw failure("cannot read the attributes of", path, e);
        }
    }

    synchronized List<String> list(String folder) throws ModuleException {
        List<String> out = new ArrayList<>();
        try {
            for (ChannelSftp.LsEntry e : channel().ls(quote(folder))) {
                if (!e.getFilename().equals(".") && !e.getFilename().equals("..")) {
                    out.add(folder.replaceAll("/+$", "") + "/" + e.getFilename());
                }
            }
        } catch (SftpException e) {
            throw failure("cannot list", folder, e);
        }
        out.sort(null);
        return out;
    }

    synchronized void read(String path, OutputStream to) throws ModuleException {
        try {
            channel().get(quote(path), to);
        } catch (SftpException e) {
            throw failure("cannot read", path, e);
        }
    }

    synchronized void write(String path, InputStream content, int mode) throws ModuleException {
        int slash = path.lastIndexOf('/');
        String tmp = path.substring(0, slash + 1) + "." + path.substring(slash + 1) + "." + UUID.randomUUID().toString().substring(0, 8) + ".tmp";
        try {
            channel().put(content, quote(tmp), ChannelSftp.OVERWRITE);
            channel().chmod(mode, quote(tmp));
        } catch (SftpException e) {
            removeQuietly(tmp);
            ModuleException lost = failure("cannot write", path, e);
            // SFTP does not tell a busy rename (EBUSY) from other failures: only this one falls back to unsafe_writes
            throw lost.isUnreachable() ? lost : AtomicWriteFailure.beside(path, reason(e));
        }
        try {
            channel().rename(quote(tmp), quote(path));
        } catch (SftpException e) {
            removeQuietly(tmp);
            throw failure("cannot write", path, e);
        }
    }

    /** Writes into the file itself (unsafe_writes): SFTP's open with truncation, then the mode. */
    synchronized void writeInPlace(String path, InputStream content, int mode) throws ModuleException {
        try {
            channel().put(content, quote(path), ChannelSftp.OVERWRITE);
            channel().chmod(mode, quote(path));
        } catch (SftpException e) {
            throw failure("cannot write", path, e);
        }
    }

    /** Renames over what is at {@code to} (OpenSSH's posix-rename, which jsch uses when the server offers it). */
    synchronized void rename(String from, String to) throws ModuleException {
        try {
            channel().rename(quote(from), quote(to));
        } catch (SftpException e) {
            removeQuietly(from);
            throw failure("cannot rename " + from + " to", to, e);
        }
    }

    synchronized void chmod(String path, int mode) throws ModuleException {
        try {
            channel().chmod(mode, quote(path));
        } catch (SftpException e) {
            throw failure("cannot change the mode of", path, e);
        }
    }

    synchronized void mkdir(String path, int mode) throws ModuleException {
        try {
            channel().mkdir(quote(path));
            channel().chmod(mode, quote(path));
        } catch (SftpException e) {
            throw failure("cannot create folder", path, e);
        }
    }

    synchronized void remove(String path) throws ModuleException {
        try {
            removeTree(path);
        } catch (SftpException e) {
            if (e.id != ChannelSftp.SSH_FX_NO_SUCH_FILE) {
                throw failure("cannot remove", path, e);
            }
        }
    }

    private void removeTree(String path) throws SftpException, ModuleException {
        SftpATTRS a = channel().lstat(quote(path));
        if (a.isDir() && !a.isLink()) {
            for (ChannelSftp.LsEntry e : channel().ls(quote(path))) {
                if (!e.getFilename().equals(".") && !e.getFilename().equals("..")) {
                    removeTree(path.replaceAll("/+$", "") + "/" + e.getFilename());
                }
            }
            channel().rmdir(quote(path));
        } else {
            channel().rm(quote(path));
        }
    }

    synchronized void touch(String path, int modeIfNew) throws ModuleException {
        try {
            boolean exists;
            try {
                channel().lstat(quote(path));
                exists = true;
            } catch (SftpException e) {
                exists = false;
            }
            if (!exists) {
                channel().put(InputStream.nullInputStream(), quote(path), ChannelSftp.OVERWRITE);
            }
            SftpATTRS times = channel().stat(quote(path));
            int now = (int) (System.currentTimeMillis() / 1000);
            times.setACMODTIME(now, now);
            // before the new file's mode: this setstat carries the size too (JSch sends every attribute it read), and
            // sshd truncates to it, which a read-only mode (touch with mode 0444) would refuse
            channel().setStat(quote(path), times);
            if (!exists) {
                channel().chmod(modeIfNew, quote(path));
            }
        } catch (SftpException e) {
            throw failure("cannot touch", path, e);
        }
    }

    synchronized void close() {
        if (channel != null) {
            channel.disconnect();
            channel = null;
        }
    }

    private void removeQuietly(String path) {
        try {
            channel().rm(quote(path));
        } catch (SftpException | ModuleException ignored) {
            // the temporary file was never made, or the real error is already being reported
        }
    }

    private ChannelSftp channel() throws ModuleException {
        if (channel != null && channel.isConnected()) {
            return channel;
        }
        try {
            ChannelSftp sftp = (ChannelSftp) owner.session().openChannel("sftp");
            sftp.connect((int) owner.target().connectTimeout().toMillis());
            channel = sftp;
            return sftp;
        } catch (JSchException e) {
            throw ModuleException.unreachable("cannot open SFTP to " + owner.describe() + ": " + SshFailure.cause(e)
                    + " (the file modules need the SSH server's sftp subsystem)", e);
        }
    }

    /** {@code info} with the names of its uid and gid, when the host knows them: names are a courtesy, ids are given. */
    private FileInfo named(FileInfo info) {
        try {
            HostAccounts.Account[] found = owner.accounts().find(String.valueOf(info.uid()), String.valueOf(info.gid()));
            return info.withNames(found[0] == null ? null : found[0].name(), found[1] == null ? null : found[1].name());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return info;
        } catch (ModuleException e) {
            return info;
        }
    }

    private ModuleException failure(String what, String path, SftpException e) {
        if (e.id == ChannelSftp.SSH_FX_CONNECTION_LOST || e.id == ChannelSftp.SSH_FX_NO_CONNECTION) {
            channel = null;
            return ModuleException.unreachable("lost the SSH connection to " + owner.describe() + " while trying to " + what.replaceFirst("^cannot ", "") + " " + path, e);
        }
        return new ModuleException(what + " " + path + " on " + owner.describe() + ": " + reason(e), e);
    }

    private static String reason(SftpException e) {
        return switch (e.id) {
            case ChannelSftp.SSH_FX_NO_SUCH_FILE -> "no such file or folder";
            case ChannelSftp.SSH_FX_PERMISSION_DENIED -> "permission denied";
            default -> e.getMessage() == null ? "SFTP error " + e.id : e.getMessage();
        };
    }

    /** jsch treats {@code *}, {@code ?} and {@code \} in remote paths as a glob; a backslash makes them literal. */
    static String quote(String path) {
        StringBuilder out = new StringBuilder(path.length());
        for (char c : path.toCharArray()) {
            if (c == '*' || c == '?' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
