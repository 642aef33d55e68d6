package io.runbook.modules.core;

import io.runbook.engine.module.ModuleException;
import io.runbook.modules.connection.FileInfo;
import io.runbook.modules.connection.HostConnection;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** Folders on a host made like {@code mkdir -p}: every missing one, outermost first, each with {@code mode}. */
final class Folders {
    private Folders() {
    }

    /** The folders that would be created for {@code path} (outermost first); fails when a file is in the way. */
    static List<String> missing(HostConnection host, String path) throws ModuleException {
        Deque<String> out = new ArrayDeque<>();
        String p = path.replaceAll("/+$", "");
        while (!p.isEmpty()) {
            FileInfo info = host.stat(p, true);
            if (info.isDirectory()) {
                break;
            }
            if (info.exists()) {
                throw new ModuleException("cannot create folder " + path + ": " + p + " is a " + info.state() + ", not a folder");
            }
            out.push(p);
            p = FilePlacement.parent(p).equals("/") ? "" : FilePlacement.parent(p);
        }
        return new ArrayList<>(out);
    }

    /** Creates what is missing; returns what was created. */
    static List<String> create(HostConnection host, String path, int mode) throws ModuleException {
        List<String> created = missing(host, path);
        for (String dir : created) {
            host.mkdir(dir, mode);
        }
        return created;
    }
}
