package io.runbook.engine.exec;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import io.runbook.engine.inventory.HostPattern;
import io.runbook.engine.inventory.Inventory;
import io.runbook.engine.playbook.Play;
import io.runbook.engine.playbook.Playbook;

/**
 * Checks every play's host pattern and {@code --limit} against the inventory before anything runs, so a
 * bad pattern in the last play is reported with its place instead of failing halfway through the run, and a
 * {@code --limit} that matches no host at all is refused.
 * Patterns that are templates are checked when their play starts.
 */
public final class HostPatterns {
    private HostPatterns() {
    }

    public static void check(Playbook playbook, Inventory inventory, RunOptions options) {
        for (Play play : playbook.plays()) {
            String hosts = play.hostsText();
            if (!hosts.contains("{{") && !hosts.contains("{%")) {
                inventory.select(hosts, play.hostsPosition());
            }
        }
        checkLimit(inventory, options.limit());
    }

    /** Refuses a {@code --limit} (null: none) that matches no host of the inventory. */
    public static void checkLimit(Inventory inventory, String limit) {
        // parseLimit: an @FILE term stands for the names in that file (an empty file limits nothing, as Ansible's)
        if (limit != null && inventory.select(HostPattern.parseLimit(limit, SourcePosition.of("--limit")), null)
                .hosts().isEmpty()) {
            // as ansible-playbook: a limit that leaves nothing to run on is a mistake, not a successful run
            throw new UserError(SourcePosition.of("--limit"), "'" + limit + "' matches no host of the inventory, so nothing would run",
                    "check the name against the inventory, e.g. with 'engine.jar inventory --list'");
        }
    }
}
