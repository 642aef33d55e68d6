package io.runbook.engine.exec;

import io.runbook.engine.playbook.Task;
import io.runbook.engine.report.HostStatus;
import io.runbook.engine.vars.Templar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The facts one task returned on one host ({@code ansible_facts} of {@code set_fact}, {@code include_vars} and the
 * modules that gather facts), as Ansible handles them: a loop's later items see what the earlier ones set (and the
 * registered result of the item before), as its TaskExecutor updates the task's variables; the host gets them only
 * once the whole task ended ok, as its strategy applies them only then (a failed task, ignored or not, sets none).
 */
final class TaskFacts {
    /** Internal key of a set_fact result with {@code cacheable: yes} (Ansible's name): taken out before anyone sees it. */
    static final String CACHEABLE = "_ansible_facts_cacheable";
    /** The fact ansible-core's gather_facts action adds to the host's facts ({@code ansible_facts} only). */
    static final String GATHERED = "_ansible_facts_gathered";

    private record Batch(String delegate, Map<String, Object> facts, boolean cacheable) {
    }

    /** The task's action: a module named by a template is known once it ran (see {@link #collect}). */
    private String action;
    private final List<Batch> batches = new ArrayList<>();
    /** What the task's later loop items see on top of the host's variables. */
    private final Map<String, Object> visible = new LinkedHashMap<>();

    TaskFacts(String action) {
        this.action = action;
    }

    /**
     * The facts of a result as it was journaled (the task's, or each loop item's), to replay them: unsafe, as data
     * read back never templated again.
     */
    static TaskFacts of(Task task, Map<String, Object> result) {
        TaskFacts out = new TaskFacts(task.action());
        List<?> items = result.get("results") instanceof List<?> l ? l : List.of(result);
        for (Object item : items) {
            if (!task.action().equals("debug") && item instanceof Map<?, ?> m && m.get("ansible_facts") instanceof Map<?, ?> facts) {
                Map<String, Object> values = copy(facts);
                values.replaceAll((k, v) -> Templar.unsafe(v));
                out.batches.add(new Batch(null, values, false));
            }
        }
        return out;
    }

    /** Live view of what the loop's later items see (the facts and registered result of the items so far). */
    Map<String, Object> visible() {
        return visible;
    }

    /**
     * Takes the facts of an item (or of the task without a loop) that ran: {@code delegate} when they go to the
     * delegate ({@code delegate_facts}), null for the host; {@code vars} the variables the item saw.
     */
    void collect(Task task, String delegate, Map<String, Object> r, Map<String, Object> vars) {
        boolean cacheable = Boolean.TRUE.equals(r.remove(CACHEABLE));
        action = task.action();  // the module a template named, as resolved on this host
        if (task.register() != null) {
            visible.put(task.register(), TaskResults.asVariable(action, new LinkedHashMap<>(r)));
        }
        if (action.equals("debug") || !(r.get("ansible_facts") instanceof Map<?, ?> raw)) {
            return;
        }
        Map<String, Object> facts = copy(raw);
        batches.add(new Batch(delegate, facts, cacheable));
        if (delegate != null) {
            return;  // as Ansible: delegated facts are not the host's variables, not even for the loop's next item
        }
        show(action, facts, visible, vars);
    }

    /**
     * What the facts of a result ({@code r}'s {@code ansible_facts}) add to the variables the task sees next, as
     * Ansible's TaskExecutor updates its copy of them: its {@code changed_when}, {@code failed_when} and {@code until}
     * for that result, and the loop's later items. None for {@code debug} or facts that go to a delegate.
     */
    static Map<String, Object> visibleOf(Task task, boolean delegated, Map<String, Object> r, Map<String, Object> vars) {
        if (task.action().equals("debug") || delegated || !(r.get("ansible_facts") instanceof Map<?, ?> raw)) {
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        show(task.action(), copy(raw), out, vars);
        return out;
    }

    /** set_fact's and include_vars' facts as variables; another module's as gathered facts, under {@code ansible_facts} too. */
    private static void show(String action, Map<String, Object> facts, Map<String, Object> into, Map<String, Object> vars) {
        if (action.equals("set_fact") || action.equals("include_vars")) {
            into.putAll(facts);
        } else {
            Map<String, Object> namespaced = new LinkedHashMap<>();
            Object before = into.containsKey("ansible_facts") ? into.get("ansible_facts") : vars.get("ansible_facts");
            // as Ansible's clean_facts: a fact a module names ansible_facts is no variable of its own (it would hide
            // the host's facts from the loop's next item); it stays under ansible_facts, as "facts"
            facts.forEach((k, v) -> {
                if (!k.equals("ansible_facts") && !k.startsWith("_ansible_") && !PythonDiscovery.restricted(k)) {
                    into.put(k, v);
                }
            });
            if (before instanceof Map<?, ?> m) {
                m.forEach((k, v) -> namespaced.put(String.valueOf(k), v));
            }
            facts.forEach((k, v) -> namespaced.put(k.startsWith("ansible_") ? k.substring("ansible_".length()) : k, v));
            into.put("ansible_facts", Templar.unsafe(namespaced));
        }
    }

    /**
     * Gives the facts to {@code host} (or each batch's delegate) when the task ended ok or changed on it: set_fact's
     * at set_fact precedence (host facts too when cacheable), include_vars' at theirs (combined by the run's
     * hash_behaviour), other modules' as gathered facts.
     */
    void apply(RunState run, HostState host, HostStatus status) {
        if (status != HostStatus.OK && status != HostStatus.CHANGED) {
            return;
        }
        for (Batch b : batches) {
            HostState target = b.delegate() != null ? run.host(b.delegate()) : host;
            switch (action) {
                case "set_fact" -> {
                    target.facts.putAll(b.facts());
                    if (b.cacheable()) {
                        target.gathered.putAll(b.facts());
                    }
                }
                case "include_vars" -> b.facts().forEach((k, v) ->
                        target.includedVars.put(k, run.options.hashBehaviour().combine(target.includedVars.get(k), v)));
                default -> {
                    b.facts().forEach(target.gathered::put);
                    if (action.equals("gather_facts") || action.equals("setup")) {
                        target.factsGathered = true;
                    }
                    if (action.equals("gather_facts")) {
                        // as ansible-core's gather_facts action: its mark in the host's ansible_facts (no variable)
                        target.gathered.put(GATHERED, true);
                    }
                }
            }
        }
    }

    private static Map<String, Object> copy(Map<?, ?> facts) {
        Map<String, Object> out = new LinkedHashMap<>();
        facts.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }
}
