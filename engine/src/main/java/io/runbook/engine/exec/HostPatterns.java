package io.runbook.engine.exec;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.inventory.Inventory;
import io.runbook.engine.playbook.Play;
import io.runbook.engine.playbook.Playbook;

/**
 * Checks every play's host pattern and {@code --limit} against the inventory before anything runs, so a
 * bad pattern in the last play is reported with its place instead of failing halfway through the run.
 * Patterns that are templates are checked when their play starts.
 */
public final class HostPatterns {
    private HostPatterns() {
    }

    public static void check(Playbook playbook, Inventory inventory, RunOptions options) {
        for (Play play : playbook.plays()) {
            if (!play.hosts().contains("{{")) {
                inventory.select(play.hosts(), play.hostsPosition());
            }
        }
        if (options.limit() != null) {
            inventory.select(options.limit(), SourcePosition.of("--limit"));
        }
    }
}
