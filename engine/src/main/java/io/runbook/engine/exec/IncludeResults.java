package io.runbook.engine.exec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an {@code include_tasks}/{@code include_role} registers and reports, as ansible-playbook 2.14's: without a loop
 * {@code {changed, include, include_args}} ({@code include} the file name as written, rendered), an include_role's
 * {@code {changed, include_args}} (see {@link #role}); with one, each item's
 * result carries the loop's keys ({@code ansible_loop_var}, the item, the index), an included item without
 * {@code changed}, a skipped one with Ansible's skip reason, under the loop's own result.
 */
final class IncludeResults {
    private IncludeResults() {
    }

    static Map<String, Object> included(String written, Map<String, Object> itemKeys) {
        Map<String, Object> r = new LinkedHashMap<>();
        if (itemKeys.isEmpty()) {
            r.put("changed", false);
        }
        r.put("include", written);
        r.put("include_args", Map.of());
        r.putAll(itemKeys);
        return r;
    }

    /**
     * An include_role's result as Ansible's task executor returns (and registers) it: its arguments, rendered, under
     * {@code include_args} (no {@code include}); {@code changed} without a loop, the loop's keys with one.
     */
    static Map<String, Object> role(Map<String, Object> args, Map<String, Object> itemKeys) {
        Map<String, Object> r = new LinkedHashMap<>();
        if (itemKeys.isEmpty()) {
            r.put("changed", false);
        }
        Map<String, Object> written = new LinkedHashMap<>(args);
        if (written.get("apply") instanceof Map<?, ?> apply && apply.isEmpty()) {
            written.remove("apply");  // the engine's default, not written
        }
        r.put("include_args", written);
        r.putAll(itemKeys);
        return r;
    }

    static Map<String, Object> skipped() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("changed", false);
        r.put("skip_reason", "Conditional result was False");
        r.put("skipped", true);
        return r;
    }

    static Map<String, Object> skippedItem(Map<String, Object> itemKeys) {
        Map<String, Object> r = skipped();
        r.putAll(itemKeys);
        return r;
    }

    static Map<String, Object> noItems() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("changed", false);
        r.put("results", List.of());
        r.put("skipped", true);
        r.put("skipped_reason", "No items in the list");
        return r;
    }

    static Map<String, Object> allSkipped(List<Map<String, Object>> results) {
        return loop("All items skipped", results, true);
    }

    static Map<String, Object> completed(List<Map<String, Object>> results) {
        return loop("All items completed", results, false);
    }

    private static Map<String, Object> loop(String msg, List<Map<String, Object>> results, boolean skipped) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("changed", false);
        r.put("msg", msg);
        r.put("results", results);
        r.put("skipped", skipped);
        return r;
    }
}
