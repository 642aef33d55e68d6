package io.runbook.modules.core;

import io.runbook.engine.module.ModuleException;
import io.runbook.modules.connection.FileInfo;
import io.runbook.modules.connection.HostConnection;

/**
 * {@code file: state=directory recurse=true}: the mode, owner and group are applied to everything below the folder
 * (symbolic modes per entry, so {@code u=rwX} gives folders x and files not); a link gets the owner and group
 * itself, as Ansible's lchown, and keeps its mode. No diff, as Ansible's recursive changes register none.
 */
final class RecursiveMode {
    private final HostConnection host;
    private final String spec;
    private final FileOwner owner;
    private final boolean check;

    RecursiveMode(HostConnection host, String spec, FileOwner owner, boolean check) {
        this.host = host;
        this.spec = spec;
        this.owner = owner;
        this.check = check;
    }

    /** Whether anything below {@code root} had (or would have) its mode changed. */
    boolean apply(String root) throws ModuleException {
        boolean changed = false;
        for (String entry : host.list(root)) {
            FileInfo info = host.stat(entry, false);
            changed |= owner.apply(host, entry, info, null, check);
            if (info.type() == FileInfo.Type.LINK || spec == null) {
                if (info.isDirectory()) {
                    changed |= apply(entry);
                }
                continue;
            }
            int mode;
            try {
                mode = FileMode.apply(spec, info.mode(), info.isDirectory());
            } catch (IllegalArgumentException e) {
                throw new ModuleException(e.getMessage());
            }
            if (mode != info.mode()) {
                changed = true;
                if (!check) {
                    host.chmod(entry, mode);
                }
            }
            if (info.isDirectory()) {
                changed |= apply(entry);
            }
        }
        return changed;
    }
}
