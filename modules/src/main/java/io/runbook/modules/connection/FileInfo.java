package io.runbook.modules.connection;

/**
 * What is at a path on a host, as {@code stat} sees it. {@code mode} holds the permission bits with setuid,
 * setgid and sticky ({@code 07777}); times are seconds since the epoch. {@code owner}/{@code group} are names
 * when the host could tell them, else null. {@code linkTarget} is set for a link (when not followed).
 * {@code inode} is what not every transport's stat gives (SFTP does not): null unless asked for with
 * {@link HostConnection#statInode} (a local stat always has it).
 */
public record FileInfo(String path, Type type, int mode, long size, int uid, int gid, String owner, String group,
                       double mtime, double atime, String linkTarget, Inode inode) {
    public enum Type { FILE, DIRECTORY, LINK, OTHER, MISSING }

    /**
     * The inode side of a stat: device and inode number (the same for two names of one file), the number of names
     * ({@code nlink}), the change time (seconds), the file-type bits of {@code st_mode} ({@code 0170000}), the
     * device number of a device file ({@code rdev}), and what the login user may do with it. {@code blocks} and
     * {@code blockSize} ({@code st_blocks}, {@code st_blksize}) are -1 when the transport's stat does not give them
     * (java.nio does not); {@code lsattr} is the host's {@code lsattr -vd} line ("" when it has none, as for a link),
     * null when not read.
     */
    public record Inode(long dev, long number, int links, double ctime, int fileType, long rdev,
                        boolean readable, boolean writeable, boolean executable, long blocks, long blockSize, String lsattr) {
        public boolean sameFile(Inode other) {
            return other != null && dev == other.dev && number == other.number;
        }
    }

    public static FileInfo missing(String path) {
        return new FileInfo(path, Type.MISSING, 0, 0, -1, -1, null, null, 0, 0, null, null);
    }

    public FileInfo withNames(String ownerName, String groupName) {
        return new FileInfo(path, type, mode, size, uid, gid, ownerName, groupName, mtime, atime, linkTarget, inode);
    }

    public FileInfo withInode(Inode value) {
        return new FileInfo(path, type, mode, size, uid, gid, owner, group, mtime, atime, linkTarget, value);
    }

    /**
     * Ansible's {@code get_state}: link, directory, absent, and for anything else {@code hard} when it has more
     * than one name (needs {@link #inode}), else {@code file}.
     */
    public String linkState() {
        if (type == Type.LINK || type == Type.DIRECTORY || type == Type.MISSING) {
            return state();
        }
        return inode != null && inode.links() > 1 ? "hard" : "file";
    }

    public boolean exists() {
        return type != Type.MISSING;
    }

    public boolean isFile() {
        return type == Type.FILE;
    }

    public boolean isDirectory() {
        return type == Type.DIRECTORY;
    }

    /** Ansible's {@code state} words: file, directory, link, absent (and "other" for devices, sockets). */
    public String state() {
        return switch (type) {
            case FILE -> "file";
            case DIRECTORY -> "directory";
            case LINK -> "link";
            case OTHER -> "other";
            case MISSING -> "absent";
        };
    }

    /** The permission bits as Ansible prints them: {@code 0644}. */
    public String modeText() {
        return String.format("%04o", mode & 07777);
    }
}
