package io.runbook.engine.playbook;

/**
 * A connection keyword written as a template ({@code become: '{{ omit }}'}, {@code remote_user: '{{ deploy_user }}'}),
 * rendered when the task runs. {@code inherited} is what the enclosing block, role or play says (a value, another
 * TemplatedKeyword or null): what the keyword is when the template renders to {@code omit}, as in Ansible, where an
 * omitted keyword takes its parent's value rather than its default.
 */
public record TemplatedKeyword(String template, Object inherited) {
    /** This keyword below {@code parent}'s value: the nearest level's value stays what omit falls back to. */
    TemplatedKeyword over(Object parent) {
        return inherited != null ? this : new TemplatedKeyword(template, parent);
    }
}
