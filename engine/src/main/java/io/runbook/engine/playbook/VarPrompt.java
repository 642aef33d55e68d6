package io.runbook.engine.playbook;

import io.runbook.engine.error.SourcePosition;
import java.util.List;
import java.util.Map;

/**
 * One entry of a play's {@code vars_prompt}, as written (its values may be templates, rendered when the play starts
 * with the play's vars and the extra vars, as ansible-playbook renders them): {@code name}, and optionally
 * {@code prompt}, {@code default}, {@code private} (true unless false), {@code confirm}, {@code encrypt} (a
 * {@code password_hash} type) with {@code salt}/{@code salt_size}, and {@code unsafe}.
 */
public record VarPrompt(String name, Map<String, Object> fields, SourcePosition position) {
    /** The keys an entry may have, as Ansible's {@code Play._load_vars_prompt} allows. */
    public static final List<String> KEYS = List.of("name", "prompt", "default", "private", "confirm", "encrypt",
            "salt_size", "salt", "unsafe");

    public VarPrompt {
        fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
    }

    /** The entry's default as written, or null without one. */
    public Object defaultValue() {
        return fields.get("default");
    }
}
