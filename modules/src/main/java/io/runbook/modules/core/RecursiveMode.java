package io.runbook.modules.core;

import io.runbook.engine.module.ModuleException;
import io.runbook.modules.connection.FileInfo;
import io.runbook.modules.connection.HostConnection;

/**
 * {@code file: state=directory recurse=true}: the mode, owner and group are applied to everything below the folder
 * (symbolic modes per entry, so {@code u=rwX} gives folders x and files not); a link gets the owner and group
 * itself, as Ansible's lchown, and keeps its mode; with {@code follow} (the default) what a link names gets them too,
 * a folder with everything in it. No diff, as Ansible's recursive changes register none.
 */
final class RecursiveMode {
    private final HostConnection host;
    private final String spec;
    private final FileOwner owner;
    private final boolean check;
    private final boolean follow;

    RecursiveMode(HostConnection host, String spec, FileOwner owner, boolean check, boolean follow) {
        this.host = host;
        this.spec = spec;
        this.owner = owner;
        this.check = check;
        this.follow = follow;
    }

    /** Whether anything below {@code root} had (or would have) its mode changed. */
    boolean apply(String root) throws ModuleException {
        boolean changed = false;
        for (String entry : host.list(root)) {
            FileInfo info = host.stat(entry, false);
            changed |= owner.apply(host, entry, info, null, check);
            if (info.type() == FileInfo.Type.LINK) {
                changed |= followed(entry, info);
                continue;
            }
            changed |= mode(entry, info);
            if (info.isDirectory()) {
                changed |= apply(entry);
            }
        }
        return changed;
    }

    /**
     * As Ansible's recursive_set_attributes with follow: what a link names (relative to the link's folder) when it
     * exists, a folder's contents first, then the target itself.
     */
    private boolean followed(String link, FileInfo info) throws ModuleException {
        if (!follow || info.linkTarget() == null) {
            return false;
        }
        String target = FilePlacement.linkTarget(link, info.linkTarget());
        FileInfo named = host.stat(target, true);
        if (!named.exists()) {
            return false;
        }
        boolean changed = false;
        if (named.isDirectory()) {
            changed |= apply(target);
        }
        FileInfo now = host.stat(target, false);
        changed |= owner.apply(host, target, now, null, check);
        return changed | (now.type() != FileInfo.Type.LINK && mode(target, now));
    }

    private boolean mode(String entry, FileInfo info) throws ModuleException {
        if (spec == null) {
            return false;
        }
        int mode;
        try {
            mode = FileMode.apply(spec, info.mode(), info.isDirectory());
        } catch (IllegalArgumentException e) {
            throw new ModuleException(e.getMessage());
        }
        if (mode == info.mode()) {
            return false;
        }
        if (!check) {
            host.chmod(entry, mode);
        }
        return true;
    }
}
