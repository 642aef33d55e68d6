package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Play host patterns and --limit, run through a real playbook against a YAML inventory with host ranges. */
class PlayHostPatternTest {
    private static List<String> hosts(String pattern, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of(EngineRun.fixture("patterns/pattern.yml"),
                "-i", EngineRun.fixture("inventory/patterns.yml"), "-e", "target=" + pattern));
        args.addAll(List.of(more));
        RunResult r = EngineRun.cli(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.toString());
        return r.events("host_result").stream().map(e -> (String) e.get("host")).sorted().toList();
    }

    @Test
    void unionsIntersectionsAndExclusions() {
        assertEquals(List.of("cp-eu-1", "cp-eu-2", "cp-eu-3", "cp-us-1", "wk-eu-1", "wk-us-1"), hosts("control_planes:workers"));
        assertEquals(List.of("cp-eu-1", "cp-eu-2", "cp-eu-3", "cp-us-1", "wk-eu-1", "wk-us-1"), hosts("control_planes,workers"));
        assertEquals(List.of("cp-eu-1", "cp-eu-2", "cp-eu-3"), hosts("control_planes:&eu"));
        assertEquals(List.of("cp-eu-1", "cp-eu-2", "cp-us-1"), hosts("control_planes:!retired"));
    }

    @Test
    void unionsComeFirstThenIntersectionsThenExclusionsWhereverTheyAreWritten() {
        assertEquals(List.of("cp-eu-1", "cp-eu-2", "wk-eu-1"), hosts("control_planes:!retired:&eu:workers"));
    }

    @Test
    void globsRegexesAndSlices() {
        assertEquals(List.of("cp-eu-1", "cp-eu-2", "cp-eu-3"), hosts("cp-eu-*"));
        assertEquals(List.of("cp-us-1", "wk-us-1"), hosts("~.*-us-\\d"));
        assertEquals(List.of("cp-eu-1"), hosts("control_planes[0]"));
        assertEquals(List.of("cp-eu-2", "cp-eu-3"), hosts("control_planes[1:2]"));
        assertEquals(List.of("cp-us-1"), hosts("control_planes[-1]"));
    }

    @Test
    void limitIntersectsWithThePlayPattern() {
        assertEquals(List.of("cp-eu-1", "cp-eu-2"), hosts("control_planes", "--limit", "eu:!retired"));
    }

    @Test
    void anUnmatchedPatternWarnsAndSkipsThePlay() {
        RunResult r = EngineRun.cli(EngineRun.fixture("patterns/pattern.yml"), "-i", EngineRun.fixture("inventory/patterns.yml"),
                "-e", "target=nowhere");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue((r.out() + r.err()).contains("Could not match supplied host pattern, ignoring: nowhere"), r.toString());
        assertTrue(r.lines().contains("skipping: no hosts matched"), r.toString());
        assertTrue(Warnings.of(r.err()).contains("[WARNING]: no play of this playbook matched a host, so nothing ran (inventory: "
                + EngineRun.fixture("inventory/patterns.yml") + ")"), "a playbook that did nothing says so\n" + r);
    }

    /**
     * The hosts run, and their results show, in the order the pattern selects them, then as order: says; serial batches
     * come from that order; ansible_play_hosts_all and the inventory_hostnames lookup keep the pattern's order, groups
     * the group's (each checked with ansible-playbook 2.14 -f 1 on the same files).
     */
    @Test
    void hostsRunInThePatternsOrderThenTheOrderKeywords() {
        // -f 1: with more forks a linear task's results print as hosts finish, as Ansible's
        RunResult r = EngineRun.cli(EngineRun.fixture("patterns/order.yml"), "-i", EngineRun.fixture("patterns/order.ini"),
                "-f", "1");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(List.of("db1", "db2", "web1", "web2", "db1", "web1", "db1", "web1", "web2", "web2"), shownHosts(r),
                r.toString());
        String out = r.out().replaceAll("\\s+", " ");
        assertTrue(out.contains("\"group_web\": [ \"web1\", \"web2\" ]"), out);
        assertTrue(out.contains("\"lookup\": [ \"web2\", \"db1\", \"web1\" ]"), out);
        assertTrue(out.contains("\"play_batch\": [ \"db1\", \"db2\", \"web1\", \"web2\" ]"), out);
        assertTrue(out.contains("\"play_batch\": [ \"web1\", \"db1\" ], \"play_hosts_all\": [ \"web2\", \"db1\", \"web1\" ]"), out);
    }

    @Test
    void limitKeepsThePatternsOrder() {
        RunResult r = EngineRun.cli(EngineRun.fixture("patterns/order.yml"), "-i", EngineRun.fixture("patterns/order.ini"),
                "--limit", "web2:db2", "-f", "1");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(List.of("db2", "web2", "db2", "web2", "web2"), shownHosts(r), r.toString());
    }

    /** The hosts of the console's results, in the order shown (events come as hosts finish). */
    private static List<String> shownHosts(RunResult r) {
        return r.lines().stream().filter(l -> l.startsWith("ok: [")).map(l -> l.substring(5, l.indexOf(']'))).toList();
    }
}
