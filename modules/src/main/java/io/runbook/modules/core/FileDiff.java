package io.runbook.modules.core;

import io.runbook.engine.module.Diff;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code file} module's diff as Ansible's {@code initial_diff} builds it: {@code before} and {@code after}
 * mappings that always name the path and add {@code state}, {@code src} or {@code mode} where they differ. It is
 * registered as the result's {@code diff} key (as Ansible's {@code file} always returns it) and shown with --diff.
 */
final class FileDiff {
    private final String path;
    private final Map<String, Object> before = new LinkedHashMap<>();
    private final Map<String, Object> after = new LinkedHashMap<>();

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

    /** The --diff form: one {@code key: value} line per entry on each side. */
    Diff shown() {
        return new Diff(path, text(before), text(after));
    }

    private static String text(Map<String, Object> side) {
        StringBuilder out = new StringBuilder();
        side.forEach((k, v) -> out.append(k).append(": ").append(k.equals("mode") ? "'" + v + "'" : v).append('\n'));
        return out.toString();
    }
}
