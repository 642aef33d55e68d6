package io.runbook.engine.journal;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a run was started with, as the journal keeps it so that {@code --resume} runs the same thing: the playbooks
 * (one, or several run one after the other as ansible-playbook runs those its command line names), the inventory
 * sources (absolute when they are paths), the extra vars (sealed in the journal), the host limit, tags and the modes.
 */
public record RunSettings(List<Path> playbooks, List<String> inventories, Map<String, Object> extraVars, String limit,
                          List<String> tags, List<String> skipTags, String startAtTask, boolean check, boolean diff) {
    public RunSettings {
        if (playbooks.isEmpty()) {
            throw new IllegalArgumentException("a run has at least one playbook");
        }
        playbooks = List.copyOf(playbooks);
        inventories = List.copyOf(inventories);
        extraVars = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extraVars));
        tags = List.copyOf(tags);
        skipTags = List.copyOf(skipTags);
    }

    /** The settings of a run of one playbook. */
    public RunSettings(Path playbook, List<String> inventories, Map<String, Object> extraVars, String limit,
                       List<String> tags, List<String> skipTags, String startAtTask, boolean check, boolean diff) {
        this(List.of(playbook), inventories, extraVars, limit, tags, skipTags, startAtTask, check, diff);
    }

    /** The first playbook: the run's folder is named after it, and task ids are relative to its folder. */
    public Path playbook() {
        return playbooks.get(0);
    }
}
