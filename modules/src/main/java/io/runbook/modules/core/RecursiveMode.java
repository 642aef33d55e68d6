package io.runbook.modules.core;

import io.runbook.engine.module.ModuleException;
import io.runbook.modules.connection.FileInfo;
import io.runbook.modules.connection.HostConnection;

/**
 * {@code file: state=directory recurse=true mode=…}: the mode is applied to everything below the folder
 * (symbolic modes per entry, so {@code u=rwX} gives folders x and files not); links are left alone.
 */
final class RecursiveMode {
    private final HostConnection host;
    private final String spec;
    private final boolean check;

    RecursiveMode(HostConnection host, String spec, boolean check) {
        this.host = host;
        this.spec = spec;
        this.check = check;
    }

    /** Whether anything below {@code root} had (or would have) its mode changed. */
    boolean apply(String root) throws ModuleException {
        boolean changed = false;
        for (String entry : host.list(root)) {
            FileInfo info = host.stat(entry, false);
            if (info.type() == FileInfo.Type.LINK) {
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
