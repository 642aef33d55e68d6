package io.runbook.modules.core;

import io.runbook.engine.module.Diff;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.engine.report.Json;
import io.runbook.modules.connection.FileInfo;
import io.runbook.modules.connection.HostConnection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code file} module's diff as Ansible's {@code initial_diff} builds it: {@code before} and {@code after}
 * mappings that always name the path and add {@code state}, {@code src} or {@code mode} where they differ. It is
 * registered as the result's {@code diff} key (as Ansible's {@code file} returns it for every state but an absent path
 * that stays absent) and shown with --diff when the task changed something.
 */
final class FileDiff {
    private final String path;
    private final Map<String, Object> before = new LinkedHashMap<>();
    private final Map<String, Object> after = new LinkedHashMap<>();

    /** An attribute diff without the path (lineinfile's, blockinfile's second diff): only what {@link #change} records. */
    static FileDiff attributes() {
        return new FileDiff();
    }

    private FileDiff() {
        this.path = null;
    }

    /** Whether it holds nothing (an attribute diff to which {@link #change} recorded nothing). */
    boolean isEmpty() {
        return before.isEmpty();
    }

    /** Ansible's initial_diff: the path, and the state on both sides when it changes. */
    FileDiff(String path, String state, String previousState) {
        this.path = path;
        before.put("path", path);
        after.put("path", path);
        if (!state.equals(previousState)) {
            before.put("state", previousState);
            after.put("state", state);
        }
    }

    /**
     * Ansible's {@code path_content} of a folder about to be removed: every folder and file below it, as
     * {@code os.walk} lists them (each folder's subfolders, then its files; then the subfolders' own, in turn).
     */
    void content(HostConnection host) throws ModuleException {
        Map<String, Object> walk = new LinkedHashMap<>();
        List<String> folders = new ArrayList<>();
        List<String> files = new ArrayList<>();
        walk(host, path, folders, files);
        walk.put("directories", folders);
        walk.put("files", files);
        before.put("path_content", walk);
    }

    /** Whether a link leads to a folder; a link that cannot be followed (a loop) does not, as for os.walk. */
    private static boolean leadsToFolder(HostConnection host, String link) {
        try {
            return host.stat(link, true).isDirectory();
        } catch (ModuleException e) {
            return false;
        }
    }

    private static void walk(HostConnection host, String folder, List<String> folders, List<String> files) throws ModuleException {
        List<String> below = new ArrayList<>();
        for (String entry : host.list(folder)) {
            FileInfo own = host.stat(entry, false);
            if (own.isDirectory() || own.type() == FileInfo.Type.LINK && leadsToFolder(host, entry)) {
                folders.add(entry);
                if (own.isDirectory()) {
                    below.add(entry); // os.walk lists a link to a folder among the folders but does not go into it
                }
            } else {
                files.add(entry);
            }
        }
        for (String sub : below) {
            walk(host, sub, folders, files);
        }
    }

    /** Ansible's update_timestamp_for_file: the times on each side where they differ. */
    void times(FileInfo was, double mtime, double atime) {
        if (mtime != was.mtime()) {
            change("mtime", was.mtime(), mtime);
        }
        if (atime != was.atime()) {
            change("atime", was.atime(), atime);
        }
    }

    void change(String key, Object was, Object becomes) {
        before.put(key, was);
        after.put(key, becomes);
    }

    /** The registered form: {@code {before: {...}, after: {...}}}. */
    Map<String, Object> data() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("before", new LinkedHashMap<>(before));
        d.put("after", new LinkedHashMap<>(after));
        return d;
    }

    /**
     * The result with this diff registered, and to be shown when {@code r} changed something: as Ansible's file module,
     * whose diff does not depend on the task's {@code diff}, so --diff shows it under {@code diff: false} too.
     */
    Result attach(Result r) {
        Result out = r.with("diff", data());
        return r.isChanged() ? out.withDiff(shown()) : out;
    }

    /**
     * The --diff form: each side as the JSON Ansible's callback prints for a mapping diff (sorted keys, indent 4), under
     * plain {@code --- before}/{@code +++ after} headers, as the file module's diff has none.
     */
    Diff shown() {
        return new Diff(path, Json.pretty(before) + "\n", Json.pretty(after) + "\n").headed(null, null);
    }
}
