package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code meta: refresh_inventory} reads the inventory sources again, as Ansible's: a host they no longer name leaves
 * the play, the next plays have the new hosts, and what add_host and group_by did is kept. The fixture's recaps were
 * checked with ansible-playbook 2.14.
 */
class RefreshInventoryTest {
    @TempDir
    Path dir;

    private Path inventory() throws IOException {
        Path inv = dir.resolve("hosts.yml");
        Files.copy(Path.of(EngineRun.fixture("inventory/refresh/hosts.yml")), inv);
        return inv;
    }

    @Test
    void theNextPlaysHaveTheHostsTheSourcesNowName() throws IOException {
        Path inv = inventory();
        RunResult r = EngineRun.cli(EngineRun.fixture("inventory/refresh/refresh.yml"), "-i", inv.toString(),
                "-e", "inventory=" + inv);
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("ok: [new] => {\n    \"msg\": \"new after the refresh\"\n}"), r.toString());
        assertFalse(r.out().contains("old after the refresh"), "old left the play:\n" + r);
        r.assertRecap("new", 3, 1, 0, 0, 0, 0, 0);
        r.assertRecap("old", 3, 3, 0, 0, 0, 0, 0);
        assertEquals(1, r.taskBanners().stream().filter(b -> b.equals("TASK [meta]")).count(), "run once, as Ansible's");
    }

    @Test
    void aSourceThatNoLongerReadsFailsTheTaskAndTheRunEndsWithItsRecap() throws IOException {
        Path inv = inventory();
        Path book = dir.resolve("broken.yml");
        Files.writeString(book, """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - copy: {dest: "%s", content: "all: [\\n"}
                      run_once: true
                    - meta: refresh_inventory
                    - debug: {msg: not reached}
                """.formatted(inv));
        RunResult r = EngineRun.cli(book.toString(), "-i", inv.toString());
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.out().contains("fatal: [old]: FAILED! => {\"changed\": false, \"msg\": \"" + inv
                + ":2:1: invalid YAML: expected the node content, but found '<stream end>'"), r.toString());
        assertFalse(r.out().contains("not reached"), r.toString());
        r.assertRecap("old", 1, 1, 0, 1, 0, 0, 0);
        r.assertRecap("new", 0, 0, 0, 1, 0, 0, 0);
    }
}
