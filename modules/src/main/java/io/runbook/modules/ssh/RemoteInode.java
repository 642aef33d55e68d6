package io.runbook.modules.ssh;

import io.runbook.engine.module.ModuleException;
import io.runbook.modules.connection.CommandLine;
import io.runbook.modules.connection.Execution;
import io.runbook.modules.connection.FileInfo;
import io.runbook.modules.connection.HostAccounts;
import java.util.List;
import java.util.Map;

/**
 * The inode side of a stat that SFTP does not give (device, inode, links, ctime, file type, rdev, blocks, block
 * size, access for the login user and, when asked, the {@code lsattr -vd} line of what the path names) and the owner's
 * and group's names as the host's name service gives them (kept in the connection's {@link HostAccounts}), read with
 * one command on the host: GNU stat's format first, a plainer one for BusyBox.
 */
final class RemoteInode {
    private static final String SCRIPT = "p=$1; f=$2\n"
            + "stat $f -c '%d %i %h %.9Z %f %r %b %o:%U:%G' -- \"$p\" 2>/dev/null || stat $f -c '%d %i %h %Z %f 0 %b %o:%U:%G' -- \"$p\" || exit 3\n"
            + "a=-; [ -r \"$p\" ] && a=${a}r; [ -w \"$p\" ] && a=${a}w; [ -x \"$p\" ] && a=${a}x; echo \"$a\"\n"
            + "[ -z \"$3\" ] && exit 0; t=$p; [ -z \"$f\" ] || t=$(readlink -f -- \"$p\"); echo \"@$(lsattr -vd -- \"$t\" 2>/dev/null)\"\n";

    private RemoteInode() {
    }

    /** {@code info} (an SFTP stat of something there, without names) with its inode and names. */
    static FileInfo read(SshConnection host, FileInfo info, boolean follow, boolean attributes) throws ModuleException {
        String path = info.path();
        Execution done;
        try {
            done = host.run(new CommandLine(List.of("sh", "-c", SCRIPT, "sh", path, follow ? "-L" : "", attributes ? "a" : ""), null, null, Map.of()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModuleException("interrupted while reading the attributes of " + path + " on " + host.describe());
        }
        String[] lines = done.stdout().strip().split("\n");
        if (done.rc() != 0 || lines.length < 2) {
            throw new ModuleException("cannot read the inode of " + path + " on " + host.describe() + ": " + done.stderr().strip());
        }
        try {
            String[] parts = lines[0].trim().split(":", -1);
            String[] f = parts[0].split(" ");
            String user = parts.length > 2 && !parts[1].equals("UNKNOWN") ? parts[1] : null;
            String group = parts.length > 2 && !parts[2].equals("UNKNOWN") ? parts[2] : null;
            host.accounts().learn(info.uid(), user, info.gid(), group);
            String access = lines[1].trim();
            String lsattr = lines.length > 2 && lines[2].startsWith("@") ? lines[2].substring(1).strip() : null;
            return info.withNames(user, group).withInode(new FileInfo.Inode(Long.parseLong(f[0]), Long.parseLong(f[1]), Integer.parseInt(f[2]), Double.parseDouble(f[3]),
                    Integer.parseInt(f[4], 16) & 0170000, Long.parseLong(f[5]), access.contains("r"), access.contains("w"), access.contains("x"),
                    Long.parseLong(f[6]), Long.parseLong(f[7]), lsattr));
        } catch (RuntimeException e) {
            throw new ModuleException("cannot read the inode of " + path + " on " + host.describe() + ": unexpected stat output '" + lines[0] + "'");
        }
    }
}
