package io.runbook.engine.exec;

import java.util.Collections;
import java.util.Set;

/**
 * Ansible's tag rules ({@code Taggable.evaluate_tags}): {@code always} runs unless skipped, {@code never}
 * only when one of its tags is asked for, {@code tagged}/{@code untagged}/{@code all} select by kind.
 */
final class TagFilter {
    private static final Set<String> UNTAGGED = Set.of("untagged");
    private final Set<String> only;
    private final Set<String> skip;

    TagFilter(Set<String> only, Set<String> skip) {
        this.only = only;
        this.skip = skip;
    }

    boolean runs(Set<String> written) {
        Set<String> tags = written.isEmpty() ? UNTAGGED : written;
        boolean run = tags.contains("always")
                || only.contains("all") && !tags.contains("never")
                || !Collections.disjoint(tags, only)
                || only.contains("tagged") && !tags.equals(UNTAGGED) && !tags.contains("never");
        if (!run || skip.isEmpty()) {
            return run;
        }
        if (skip.contains("all")) {
            return tags.contains("always") && !skip.contains("always");
        }
        return Collections.disjoint(tags, skip) && !(skip.contains("tagged") && !tags.equals(UNTAGGED));
    }
}
