package io.runbook.modules.connection;

/**
 * What is at a path on a host, as {@code stat} sees it. {@code mode} holds the permission bits with setuid,
 * setgid and sticky ({@code 07777}); times are seconds since the epoch. {@code owner}/{@code group} are names
 * when the host could tell them, else null. {@code linkTarget} is set for a link (when not followed).
 */
public record FileInfo(String path, Type type, int mode, long size, int uid, int gid, String owner, String group,
                       double mtime, double atime, String linkTarget) {
    public enum Type { FILE, DIRECTORY, LINK, OTHER, MISSING }

    public static FileInfo missing(String path) {
        return new FileInfo(path, Type.MISSING, 0, 0, -1, -1, null, null, 0, 0, null);
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
