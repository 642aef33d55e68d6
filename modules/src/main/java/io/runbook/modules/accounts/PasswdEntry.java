package io.runbook.modules.accounts;

/**
 * A user as the host's name service gives it ({@code getent passwd}, a line of /etc/passwd): the fields Ansible's
 * {@code user} module compares and reports. {@code password} is the passwd field itself ({@code x} when the hash is
 * in /etc/shadow).
 */
record PasswdEntry(String name, String password, int uid, int gid, String comment, String home, String shell) {
    /** The entry of a {@code name:passwd:uid:gid:gecos:home:shell} line, or null when the line is not one. */
    static PasswdEntry parse(String line) {
        String[] f = line.strip().split(":", -1);
        if (f.length < 7 || !f[2].matches("\\d+") || !f[3].matches("\\d+")) {
            return null;
        }
        return new PasswdEntry(f[0], f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3]), f[4], f[5], f[6]);
    }
}
