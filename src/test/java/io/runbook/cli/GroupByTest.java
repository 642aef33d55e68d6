package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** group_by and add_host change the run's inventory as Ansible's do; ping answers, and fails with data=crash. */
class GroupByTest {
    @Test
    void aGroupMadeAtRunTimeIsSeenByTheHostAndByLaterPlays() {
        RunResult r = EngineRun.cli(EngineRun.fixture("groupby/site.yml"), "-i", EngineRun.fixture("groupby/hosts.ini"));
        assertEquals(0, r.exitCode(), r.toString());
        // group_by (changed), group_by again, assert, ping, assert, ping crash (failed, ignored: counted ok too, as in
        // Ansible), one more assert
        r.assertRecap("cp-east", 7, 1, 0, 0, 0, 0, 1);
        r.assertRecap("cp-lab", 7, 1, 0, 0, 0, 0, 1);
        r.assertRecap("cp-west", 7, 1, 0, 0, 0, 0, 1);
        assertEquals("changed", r.status("by platform, under reconnect", "cp-west"), r.toString());
        assertEquals("ok", r.status("the same group again changes nothing", "cp-west"), r.toString());
        assertTrue(r.out().contains("PLAY [Only the EKS control planes, with their group_vars]"), r.out());
        assertTrue(r.out().contains("Exception: boom"), r.out());
    }

    @Test
    void addHostPutsAHostInNewGroupsOnceForThePlay() {
        RunResult r = EngineRun.cli(EngineRun.fixture("groupby/addhost.yml"), "-i", EngineRun.fixture("groupby/hosts.ini"));
        assertEquals(0, r.exitCode(), r.toString());
        r.assertRecap("cp-east", 2, 1, 0, 0, 0, 0, 0);
        r.assertRecap("localhost", 1, 0, 0, 0, 0, 0, 0);
        assertTrue(!r.out().contains("cp-west                    :"), "add_host runs once, not per host: " + r.out());
    }

    /** As Ansible's add_host reads its name (parse_address without ranges), checked with ansible-playbook. */
    @Test
    void addHostReadsItsNameAsAnAddress() {
        RunResult r = EngineRun.cli(EngineRun.fixture("groupby/addhost_addresses.yml"), "-i", "localhost,");
        assertEquals(0, r.exitCode(), r.toString());
        r.assertRecap("localhost", 7, 6, 0, 0, 0, 0, 0);
    }
}
