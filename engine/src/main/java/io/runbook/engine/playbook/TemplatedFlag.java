package io.runbook.engine.playbook;

import io.runbook.engine.error.SourcePosition;

/**
 * A boolean keyword written as a template ({@code check_mode: "{{ audit | bool }}"}, {@code check_mode: '{{ omit }}'}),
 * rendered when the task runs. {@code inherited} is what the enclosing block or play says (a Boolean, another
 * TemplatedFlag or null): what the keyword is when the template renders to {@code omit}, as in Ansible, where an
 * omitted keyword takes its parent's value.
 */
public record TemplatedFlag(String template, SourcePosition position, Object inherited) {
    /** This flag below {@code parent}'s value: the nearest level's value stays what omit falls back to. */
    TemplatedFlag over(Object parent) {
        return inherited != null ? this : new TemplatedFlag(template, position, parent);
    }
}
