package io.runbook.modules.core;

import io.runbook.engine.module.ModuleException;
import io.runbook.modules.connection.Execution;
import io.runbook.modules.connection.FileInfo;
import io.runbook.modules.connection.HostAccounts;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;

/**
 * Ansible's ZipArchive.is_unarchived: each member of zipinfo's listing ({@code -T -s}) compared with what dest holds
 * (type, mtime in the host's local time, size, CRC-32, permissions, owner and group as the task would leave them),
 * with its itemized line ({@code >f++++++.?? name} for a missing file, {@code .f..t......?? name} for one whose time
 * differs, …) in the {@code prepared} diff.
 */
final class ZipComparison {
    private static final Pattern PERMS = Pattern.compile("([r-][w-][SsTtx-]){3}");

    private final ArchiveRun run;
    private final ZipArchive zip;
    private final Set<String> changed = new LinkedHashSet<>();
    private final StringBuilder diff = new StringBuilder();

    /** One line of zipinfo's listing: the type letter, the permission letters, the size, the time and the name. */
    private record Member(char type, String perms, long size, String stamp, String path) {
    }

    ZipComparison(ArchiveRun run, ZipArchive zip) {
        this.run = run;
        this.zip = zip;
    }

    ArchiveHandler.Check compare(boolean listed, String listing) throws ModuleException, InterruptedException {
        List<Member> members = members(listing);
        List<Long> stamps = localTimes(members);
        ArchiveRun.Identity me = run.identity();
        HostAccounts.Account[] wanted = run.owner == null && run.group == null ? new HostAccounts.Account[2]
                : run.host.accounts().find(run.owner, run.group);
        String futOwner = run.owner != null && wanted[0] != null ? wanted[0].name() : me.user();
        int futUid = run.owner != null && wanted[0] != null ? wanted[0].id() : me.uid();
        String futGroup = run.group != null && wanted[1] != null ? wanted[1].name() : me.group();
        int futGid = run.group != null && wanted[1] != null ? wanted[1].id() : me.gid();
        boolean unarchived = listed;
        for (int i = 0; i < members.size(); i++) {
            Member m = members.get(i);
            if (run.excludes.contains(m.path())) {
                continue;
            }
            char ftype = m.path().endsWith("/") ? 'd' : m.type() == 'l' ? 'L' : 'f';
            String perms = m.perms();
            int umask = 0;
            if (perms.length() == 6) {
                // FAT permissions: a base of 777 for folders and executables, 666 otherwise, under the umask
                perms = m.path().endsWith("/") || perms.equals("rwx---") ? "rwxrwxrwx" : "rw-rw-rw-";
                umask = me.umask();
            }
            if (perms.length() != 9 || !PERMS.matcher(perms).lookingAt()) {
                throw new ArchiveHandler.Unreadable("ZIP info perm format incorrect, " + perms);
            }
            String target = run.dest.replaceAll("/+$", "") + "/" + m.path();
            FileInfo st = run.host.stat(target, false);
            if (!st.exists()) {
                mark(m.path(), ">" + ftype + "++++++.??");
                continue;
            }
            boolean wrongType = ftype == 'd' && !st.isDirectory() || ftype == 'f' && !st.isFile()
                    || ftype == 'L' && st.type() != FileInfo.Type.LINK;
            if (wrongType) {
                unarchived &= ftype != 'f';
                mark(m.path(), "c" + ftype + "++++++.??");
                continue;
            }
            char[] itemized = ("." + ftype + ".......??").toCharArray();
            boolean change = false;
            if (st.isFile()) {
                long stamp = stamps.get(i);
                if (run.keepNewer && stamp < st.mtime()) {
                    run.excludes.add(m.path());  // newer on disk: left out of the extraction, as Ansible does
                    continue;
                }
                if (run.keepNewer ? stamp > st.mtime() : stamp != st.mtime()) {
                    change = true;
                    itemized[4] = 't';
                }
                if (m.size() != st.size()) {
                    change = true;
                    itemized[3] = 's';
                }
                if (crc(target) != zip.crcs().getOrDefault(m.path(), -1L)) {
                    change = true;
                    itemized[2] = 'c';
                }
            }
            if (ftype != 'L' && mode(m, perms, umask, st) != st.mode()) {
                change = true;
                itemized[5] = 'p';
            }
            if (me.uid() != 0 && (!futOwner.equals(me.user()) || futUid != me.uid())) {
                throw new ArchiveHandler.Unreadable("Cannot change ownership of " + m.path() + " to " + futOwner + ", as user " + me.user());
            }
            if (st.owner() != null ? !st.owner().equals(futOwner) : st.uid() != futUid) {
                change = true;
                itemized[6] = 'o';
            }
            if (me.uid() != 0 && (!futGroup.equals(me.group()) || futGid != me.gid()) && !me.groups().contains(futGid)) {
                throw new ArchiveHandler.Unreadable("Cannot change group ownership of " + m.path() + " to " + futGroup + ", as user " + me.user());
            }
            if (st.group() != null ? !st.group().equals(futGroup) : st.gid() != futGid) {
                change = true;
                itemized[6] = 'g';
            }
            if (change) {
                mark(m.path(), new String(itemized));
            }
        }
        return new ArchiveHandler.Check(unarchived && changed.isEmpty(), diff.toString());
    }

    private void mark(String path, String itemized) {
        changed.add(path);
        diff.append(itemized).append(' ').append(path).append('\n');
    }

    /** The mode the member would have: the task's mode, else the archive's permissions (under umask for FAT ones). */
    private int mode(Member m, String perms, int umask, FileInfo st) throws ModuleException {
        if (run.mode != null) {
            try {
                return FileMode.apply(run.mode, st.mode(), st.isDirectory());
            } catch (IllegalArgumentException e) {
                throw new ModuleException(e.getMessage());
            }
        }
        int mode = 0;
        String reversed = new StringBuilder(perms).reverse().toString();
        for (int bit = 0; bit < 9; bit++) {
            if ("rwxst".indexOf(reversed.charAt(bit)) >= 0) {
                mode |= 1 << bit;
            }
        }
        return mode & ~(m.type() == '?' ? 0 : umask);
    }

    private long crc(String path) throws ModuleException {
        CRC32 crc = new CRC32();
        run.host.read(path, new CheckedOutputStream(OutputStream.nullOutputStream(), crc));
        return crc.getValue();
    }

    /** The member lines of zipinfo's listing (header and footer lines left out, as Ansible does). */
    private static List<Member> members(String listing) {
        List<Member> out = new ArrayList<>();
        for (String line : listing.lines().toList()) {
            String[] pcs = line.trim().split("\\s+", 8);
            if (pcs.length != 8 || pcs[0].length() != 7 && pcs[0].length() != 10 || pcs[6].length() != 15
                    || "dl-?".indexOf(pcs[0].charAt(0)) < 0 || !pcs[0].substring(1).matches("[rwxstah-]*") || !pcs[3].matches("\\d+")) {
                continue;
            }
            out.add(new Member(pcs[0].charAt(0), pcs[0].substring(1), Long.parseLong(pcs[3]), pcs[6], pcs[7]));
        }
        return out;
    }

    /** Each member's time (zipinfo's local YYYYMMDD.HHMMSS) as seconds since the epoch, read by the host's date. */
    private List<Long> localTimes(List<Member> members) throws ModuleException, InterruptedException {
        StringBuilder in = new StringBuilder();
        for (Member m : members) {
            String s = m.stamp();
            in.append(s, 0, 4).append('-').append(s, 4, 6).append('-').append(s, 6, 8).append(' ')
                    .append(s, 9, 11).append(':').append(s, 11, 13).append(':').append(s, 13, 15).append('\n');
        }
        List<Long> out = new ArrayList<>();
        if (members.isEmpty()) {
            return out;
        }
        Execution done = run.run(List.of("date", "-f", "-", "+%s"), null, false, in.toString());
        List<String> lines = done.stdout().lines().toList();
        for (int i = 0; i < members.size(); i++) {
            out.add(done.rc() == 0 && i < lines.size() ? Long.parseLong(lines.get(i).trim()) : Long.MIN_VALUE);
        }
        return out;
    }
}
