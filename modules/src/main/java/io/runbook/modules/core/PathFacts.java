package io.runbook.modules.core;

import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.modules.connection.FileInfo;
import io.runbook.modules.connection.HostConnection;

/**
 * What Ansible adds to the result of a module about a path (its {@code add_path_info}) when the path exists,
 * following links: owner and group (ids and names), mode and size of the path itself (a link's own), and its
 * state: {@code link}, {@code directory}, {@code hard} (a file with more than one name) or {@code file}.
 * Nothing is added when nothing is there (a link to nothing included).
 */
final class PathFacts {
    private PathFacts() {
    }

    static Result add(Result r, HostConnection host, String path) throws ModuleException {
        FileInfo target = host.statInode(path, true);
        if (!target.exists()) {
            return r;
        }
        FileInfo own = host.stat(path, false);
        String state = own.type() == FileInfo.Type.LINK ? "link" : target.linkState();
        Result out = r.with("uid", own.uid()).with("gid", own.gid())
                .with("owner", own.owner() == null ? String.valueOf(own.uid()) : own.owner())
                .with("group", own.group() == null ? String.valueOf(own.gid()) : own.group());
        return out.with("mode", FileMode.format(own.mode())).with("state", state).with("size", own.size());
    }
}
