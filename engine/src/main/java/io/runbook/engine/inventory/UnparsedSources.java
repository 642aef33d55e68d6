package io.runbook.engine.inventory;

/**
 * What a run does with an {@code -i} source nothing could be read from (a file or folder that is not there, a folder
 * with no inventory in it), as Ansible's {@code [inventory]} settings say: by default a warning ({@code Unable to
 * parse PATH as an inventory source}) and the run goes on without it, with only the implicit localhost when no source
 * was read. {@code noneIsFailed} (Ansible's {@code unparsed_is_failed}, {@code ANSIBLE_INVENTORY_UNPARSED_FAILED}):
 * no source read is an error; {@code anyIsFailed} ({@code any_unparsed_is_failed},
 * {@code ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED}): any such source is one.
 */
public record UnparsedSources(boolean noneIsFailed, boolean anyIsFailed) {
    /** Ansible's defaults: warnings only. */
    public static final UnparsedSources WARN = new UnparsedSources(false, false);
}
