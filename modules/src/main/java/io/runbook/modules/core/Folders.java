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

    /**
     * The first path under {@code path}'s folders that is under something other than a folder (a file where a folder
     * should be), outermost first; null when there is none.
     */
    static String underNonFolder(HostConnection host, String path) throws ModuleException {
        StringBuilder p = new StringBuilder();
        for (String part : path.replaceAll("/+$", "").split("/+")) {
            if (part.isEmpty()) {
                continue;
            }
            FileInfo parent = p.length() == 0 ? null : host.stat(p.toString(), true);
            p.append('/').append(part);
            if (parent != null && parent.exists() && !parent.isDirectory()) {
                return p.toString();
            }
            if (parent != null && !parent.exists()) {
                return null;
            }
        }
        return null;
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
