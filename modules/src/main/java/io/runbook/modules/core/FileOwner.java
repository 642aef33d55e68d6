package io.runbook.modules.core;

import io.runbook.engine.module.Args;
import io.runbook.engine.module.ModuleException;
import io.runbook.modules.connection.FileInfo;
import io.runbook.modules.connection.HostAccounts;
import io.runbook.modules.connection.HostConnection;

/**
 * {@code owner} and {@code group} of the {@code file} module, as Ansible's {@code set_owner_if_different} and
 * {@code set_group_if_different}: a number is the id, a name is looked up on the host ({@link HostAccounts}, only names),
 * an unknown one fails ({@code chown failed: failed to look up user NAME}); the path itself is changed (a link, not
 * its target); the diff gets {@code owner}/{@code group} as ids, before and after; in check mode a path that is not
 * there yet counts as changed with no diff.
 */
final class FileOwner {
    static final FileOwner NONE = new FileOwner(null, null, -1, -1);

    private final String owner;
    private final String group;
    private final int uid;
    private final int gid;

    private FileOwner(String owner, String group, int uid, int gid) {
        this.owner = owner;
        this.group = group;
        this.uid = uid;
        this.gid = gid;
    }

    static FileOwner of(Args args, HostConnection host) throws ModuleException, InterruptedException {
        String owner = args.has("owner") ? args.string("owner") : null;
        String group = args.has("group") ? args.string("group") : null;
        if (owner == null && group == null) {
            return NONE;
        }
        Integer uid = number(owner);
        Integer gid = number(group);
        if (owner != null && uid == null || group != null && gid == null) {
            HostAccounts.Account[] found = host.accounts().find(uid == null ? owner : null, gid == null ? group : null);
            if (owner != null && uid == null) {
                if (found[0] == null) {
                    throw new ModuleException("chown failed: failed to look up user " + owner);
                }
                uid = found[0].id();
            }
            if (group != null && gid == null) {
                if (found[1] == null) {
                    throw new ModuleException("chgrp failed: failed to look up group " + group);
                }
                gid = found[1].id();
            }
        }
        return new FileOwner(owner, group, uid == null ? -1 : uid, gid == null ? -1 : gid);
    }

    boolean asked() {
        return owner != null || group != null;
    }

    private static Integer number(String id) {
        return id != null && id.matches("\\d+") ? Integer.valueOf(id) : null;
    }

    /**
     * Gives {@code path} (described by {@code now}, not followed) the owner and group asked, recording the ids in
     * {@code diff} (may be null: no diff, as Ansible's recursive changes); whether anything changed (or would).
     */
    boolean apply(HostConnection host, String path, FileInfo now, FileDiff diff, boolean check) throws ModuleException {
        if (!asked()) {
            return false;
        }
        if (!now.exists()) {
            return check; // Ansible's check_file_absent_if_check_mode
        }
        int newUid = uid >= 0 && uid != now.uid() ? uid : -1;
        int newGid = gid >= 0 && gid != now.gid() ? gid : -1;
        if (diff != null && newUid >= 0) {
            diff.change("owner", now.uid(), uid);
        }
        if (diff != null && newGid >= 0) {
            diff.change("group", now.gid(), gid);
        }
        if (newUid < 0 && newGid < 0) {
            return false;
        }
        if (!check) {
            host.chown(path, newUid, newGid);
        }
        return true;
    }
}
