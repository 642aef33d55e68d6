package io.runbook.engine.exec;

import io.runbook.engine.report.HostStatus;
import io.runbook.engine.vars.Templar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shapes of a task's result on one host, as Ansible makes them: its status, a loop's aggregate of its items'
 * results, {@code ansible_loop} of an item, a failure or a skip made by the engine, and what of a result is shown.
 */
final class TaskResults {
    private static final String CENSORED = "the output has been hidden due to the fact that 'no_log: true' was specified for this result";
    /** What Ansible's callback shows of a debug result: the message alone, or the variable without bookkeeping. */
    private static final java.util.Set<String> DEBUG_SHOWN = java.util.Set.of("msg", "exception", "warnings", "deprecations");
    /** What Ansible's callback hides from a debug of a variable (its _hide_in_debug): the loop's keys stay. */
    private static final java.util.Set<String> DEBUG_HIDDEN = java.util.Set.of("changed", "failed", "skipped", "invocation",
            "skip_reason");

    private TaskResults() {
    }

    static HostStatus status(Map<String, Object> r) {
        return status(r, false);
    }

    /**
     * The status of a result; {@code loop}: a loop's, judged by its items as Ansible's TaskResult judges it (an item's
     * {@code failed_when_result} over its {@code failed}), whatever the loop's registered {@code failed} says.
     */
    static HostStatus status(Map<String, Object> r, boolean loop) {
        // as TaskResult.is_unreachable: a loop is unreachable when an item is (its own result does not say so)
        if (Boolean.TRUE.equals(r.get("unreachable")) || loop && r.get("results") instanceof List<?> items
                && items.stream().anyMatch(i -> i instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("unreachable")))) {
            return HostStatus.UNREACHABLE;
        }
        if (loop && r.get("results") instanceof List<?> items ? itemsFailed(items) : failed(r)) {
            return HostStatus.FAILED;
        }
        if (Boolean.TRUE.equals(r.get("skipped"))) {
            return HostStatus.SKIPPED;
        }
        return Boolean.TRUE.equals(r.get("changed")) ? HostStatus.CHANGED : HostStatus.OK;
    }

    /**
     * Whether a result failed, as Ansible's TaskResult.is_failed tells it: by {@code failed_when_result} when the task
     * has one (an until that ran out marks the result failed, yet failed_when decides), else by {@code failed}.
     */
    static boolean failed(Map<?, ?> r) {
        if (r.containsKey("failed_when_result")) {
            Object verdict = r.get("failed_when_result");
            return verdict instanceof Boolean b ? b : verdict != null && !String.valueOf(verdict).isEmpty();
        }
        return Boolean.TRUE.equals(r.get("failed"));
    }

    /** As TaskResult.is_failed of a loop: by the items' failed_when_result when any item has one, else by their failed. */
    private static boolean itemsFailed(List<?> items) {
        boolean judged = items.stream().anyMatch(i -> i instanceof Map<?, ?> m && m.containsKey("failed_when_result"));
        return items.stream().anyMatch(i -> i instanceof Map<?, ?> m
                && (judged ? m.containsKey("failed_when_result") && failed(m) : Boolean.TRUE.equals(m.get("failed"))));
    }

    /**
     * A loop's result, shaped as Ansible 2.14's task executor shapes it: {@code results}, {@code skipped} (whether every
     * item was), {@code changed}, {@code failed} and its message only when an item failed, else the message that every
     * item completed (or was skipped); an empty loop is skipped with its reason and nothing else. As Ansible's, an item
     * counts as failed here by its {@code failed} flag alone (an until that ran out), even where its failed_when judged
     * it ok: {@link #status(Map, boolean)} is what says whether the loop failed.
     */
    static Map<String, Object> aggregate(List<Object> results) {
        Map<String, Object> r = new LinkedHashMap<>();
        if (results.isEmpty()) {
            r.put("changed", false);
            r.put("skipped", true);
            r.put("skipped_reason", "No items in the list");
            r.put("results", results);
            return r;
        }
        boolean changed = false;
        boolean failed = false;
        boolean allSkipped = true;
        for (Object o : results) {
            Map<?, ?> m = (Map<?, ?>) o;
            changed |= Boolean.TRUE.equals(m.get("changed"));
            failed |= Boolean.TRUE.equals(m.get("failed"));
            allSkipped &= Boolean.TRUE.equals(m.get("skipped"));
        }
        r.put("results", results);
        r.put("skipped", allSkipped);
        r.put("changed", changed);
        // as Ansible's task executor: the items' warnings and deprecations move to the loop's result
        gather(results, "warnings", r);
        gather(results, "deprecations", r);
        if (failed) {
            r.put("failed", true);
        }
        r.put("msg", failed ? "One or more items failed" : allSkipped ? "All items skipped" : "All items completed");
        return r;
    }

    /**
     * Moves the items' {@code key} lists (their warnings, their deprecations) into the loop's result {@code r}, in the items' order, as
     * Ansible's task executor does once the items ran: the loop's result carries them, its items no longer do.
     */
    private static void gather(List<Object> results, String key, Map<String, Object> r) {
        List<Object> all = new java.util.ArrayList<>();
        for (Object o : results) {
            Map<?, ?> m = (Map<?, ?>) o;
            Object value = m.get(key);
            // as Ansible's: an item's that is not empty, a list or one text
            if (value instanceof List<?> l ? !l.isEmpty() : value instanceof CharSequence t && !t.isEmpty()) {
                all.addAll(value instanceof List<?> l ? l : List.of(value.toString()));
                m.remove(key);
            }
        }
        if (!all.isEmpty()) {
            r.put(key, all);
        }
    }

    /** The warnings a result carries (a loop's: its items'), as its {@code warnings} list holds them. */
    static List<String> warnings(Map<String, Object> result) {
        return result.get("warnings") instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }

    static Map<String, Object> loopInfo(List<?> list, int i, boolean allItems) {
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("index", i + 1);
        l.put("index0", i);
        l.put("revindex", list.size() - i);
        l.put("revindex0", list.size() - i - 1);
        l.put("first", i == 0);
        l.put("last", i == list.size() - 1);
        l.put("length", list.size());
        if (allItems) {
            l.put("allitems", list);
        }
        if (i > 0) {
            l.put("previtem", list.get(i - 1));
        }
        if (i < list.size() - 1) {
            l.put("nextitem", list.get(i + 1));
        }
        return l;
    }

    /** As Ansible's loop makes an unreachable item's result: the connection's failure alone (no changed, no failed). */
    static void unreachableItem(Map<String, Object> r, boolean item) {
        if (item && Boolean.TRUE.equals(r.get("unreachable"))) {
            r.remove("changed");
            r.remove("failed");
        }
    }

    static Map<String, Object> failure(String msg) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("changed", false);
        r.put("failed", true);
        r.put("msg", msg);
        return r;
    }

    static Map<String, Object> skipped() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("changed", false);
        r.put("skipped", true);
        r.put("skip_reason", "Conditional result was False");
        return r;
    }

    /**
     * Puts the module's echo of its arguments ({@code invocation}) in its result (a failed one too), as the Ansible
     * module it stands for gives it: not for an action that runs no module of its own ({@code debug}, {@code raw},
     * {@code fetch}, {@code gather_facts}), one that takes keys it checks itself (a {@code library/} module, a Python action
     * plugin: their own modules echo theirs), nor a result that has one.
     */
    static void echoArgs(io.runbook.engine.module.Module module, io.runbook.engine.module.Args args, Map<String, Object> result) {
        if (args == null || result.containsKey("invocation") || PythonDiscovery.runsNoModule(module.name())
                || module.name().equals("gather_facts") || module.spec().otherKeys() != null
                || io.runbook.engine.pyplugin.ActionPlugins.runs(module)) {
            return;
        }
        Map<String, Object> echoed = module.echoedArgs(args, result);
        if (echoed != null) {
            result.put("invocation", io.runbook.engine.module.ArgsEcho.invocation(echoed));
        }
    }

    /**
     * A result as {@code register} keeps it: without the module's echo of its arguments ({@code invocation}), as
     * Ansible's strategy strips it from the top of the result (a loop's items keep theirs); callbacks still get it.
     */
    static Map<String, Object> registered(Map<String, Object> result) {
        if (!result.containsKey("invocation")) {
            return result;
        }
        Map<String, Object> r = new LinkedHashMap<>(result);
        r.remove("invocation");
        return r;
    }

    /**
     * A result as a variable (registered, or as the task's own conditions see it): unsafe data, as Ansible's wrap_var,
     * but set_fact's and include_vars' as they are (Ansible's _ACTION_WITH_CLEAN_FACTS: their text is no
     * AnsibleUnsafeText unless a lookup or unsafe data made it so).
     */
    static Object asVariable(String action, Map<String, Object> result) {
        return action.equals("set_fact") || action.equals("include_vars") ? result : Templar.unsafe(result);
    }

    /** An attempt's result as Ansible's retry line shows it (from -vvv): with attempts and retries (its count of runs). */
    static Map<String, Object> retried(boolean noLog, Map<String, Object> result, int attempts, int retries) {
        Map<String, Object> attempt = new LinkedHashMap<>(result);
        attempt.put("attempts", attempts);
        attempt.put("retries", retries + 1);
        return shown(noLog, attempt, false);
    }

    static Map<String, Object> shown(boolean noLog, Map<String, Object> result, boolean debug) {
        if (noLog) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("censored", CENSORED);
            // as Ansible's clean_copy: what it preserves, when the result has it
            for (String kept : List.of("attempts", "changed", "retries")) {
                if (result.containsKey(kept)) {
                    c.put(kept, result.get(kept));
                }
            }
            if (debug) {
                c.keySet().removeAll(DEBUG_HIDDEN);  // as Ansible's callback cleans a debug's result: it has no msg
            }
            return c;
        }
        Map<String, Object> s = PlacedFailure.shown(result, new LinkedHashMap<>(result));
        s.remove("failed");
        s.remove("diff");  // as Ansible's callbacks (below -vvv): the diff is shown as a diff, with --diff, or not at all
        if (!debug) {
            s.remove("warnings");  // printed as [WARNING] lines, as Ansible's callbacks do
            s.remove("deprecations");  // printed as [DEPRECATION WARNING] lines, likewise
        }
        if (debug && s.containsKey("msg")) {
            s.keySet().retainAll(DEBUG_SHOWN);
        } else if (debug) {
            s.keySet().removeAll(DEBUG_HIDDEN);
        }
        return s;
    }
}
