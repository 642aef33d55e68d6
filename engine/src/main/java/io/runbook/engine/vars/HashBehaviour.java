package io.runbook.engine.vars;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ansible's {@code hash_behaviour} ({@code ANSIBLE_HASH_BEHAVIOUR}, ansible.cfg's {@code [defaults] hash_behaviour}):
 * how a variable defined again combines with the value it overrides. {@code replace} (the default): the new value
 * wins whole. {@code merge}: when both are mappings they are merged recursively, the new one's keys winning (lists
 * are replaced, not joined), as Ansible's {@code combine_vars} with {@code merge_hash}.
 */
public enum HashBehaviour {
    REPLACE, MERGE;

    /** The setting's value as written, or a message naming the valid ones (Ansible's wording). */
    public static HashBehaviour of(String value) {
        return switch (value) {
            case "replace" -> REPLACE;
            case "merge" -> MERGE;
            default -> throw new IllegalArgumentException("Invalid value \"" + value + "\" for configuration option "
                    + "\"setting: DEFAULT_HASH_BEHAVIOUR \", valid values are: replace, merge");
        };
    }

    /** {@code higher} defined over {@code lower}: the value the variable has. */
    public Object combine(Object lower, Object higher) {
        return this == MERGE ? merge(lower, higher) : higher;
    }

    /** Ansible's merge_hash(lower, higher) with list_merge='replace', whatever the setting. */
    public static Object merge(Object lower, Object higher) {
        if (!(lower instanceof Map<?, ?> before) || !(higher instanceof Map<?, ?> after)) {
            return higher;
        }
        Map<Object, Object> out = new LinkedHashMap<>(before);
        after.forEach((k, v) -> out.put(k, merge(out.get(k), v)));
        return out;
    }
}
