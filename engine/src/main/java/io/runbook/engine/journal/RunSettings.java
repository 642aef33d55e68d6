package io.runbook.engine.journal;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a run was started with, as the journal keeps it so that {@code --resume} runs the same thing: the playbook,
 * the inventory sources (absolute when they are paths), the extra vars (sealed in the journal), the host limit,
 * tags and the modes.
 */
public record RunSettings(Path playbook, List<String> inventories, Map<String, Object> extraVars, String limit,
                          List<String> tags, List<String> skipTags, String startAtTask, boolean check, boolean diff) {
    public RunSettings {
        inventories = List.copyOf(inventories);
        extraVars = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extraVars));
        tags = List.copyOf(tags);
        skipTags = List.copyOf(skipTags);
    }
}
