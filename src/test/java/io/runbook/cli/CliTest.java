package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CliTest {
    private static final String LISTING = EngineRun.fixture("cli/listing.yml");

    @Test
    void unreachableWinsOverFailedInTheExitCode() {
        RunResult r = EngineRun.playbook("cli/exit_codes.yml");
        assertEquals(4, r.exitCode(), r.toString());
        assertTrue(r.out().contains("fatal: [web2]: UNREACHABLE! => {\"changed\": false, \"msg\": \"cannot connect to web2: connection refused\", \"unreachable\": true}"),
                r.toString());
        r.assertRecap("web1", 1, 0, 0, 0, 2, 0, 0);
        r.assertRecap("web2", 0, 0, 1, 0, 0, 0, 0);
        r.assertRecap("web3", 0, 0, 0, 1, 1, 0, 0);
        assertEquals(List.of("web2 cannot be reached"), r.tasksRunOn("web2"), "an unreachable host leaves the play");
    }

    @Test
    void ignoreUnreachableCountsOkAndIgnoredAndTheHostCarriesOn() {
        RunResult r = EngineRun.playbook("cli/ignore_unreachable.yml");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.lines().contains("...ignoring"), r.toString());
        assertEquals("ok", r.status("both carry on", "web2"));
        r.assertRecap("web2", 2, 0, 0, 0, 0, 0, 1);
    }

    @Test
    void anUnreachableHostWithAnyErrorsFatalStopsThePlayAndExitsFour() {
        RunResult r = EngineRun.playbook("cli/unreachable_fatal.yml");
        assertEquals(4, r.exitCode(), r.toString());
        assertTrue(r.banners().contains("NO MORE HOSTS LEFT"), r.toString());
        assertFalse(r.out().contains("TASK [nobody]"), r.toString());
        r.assertRecap("web2", 0, 0, 1, 0, 0, 0, 0);
    }

    @Test
    void versionAndHelpExitZero() {
        RunResult version = EngineRun.cli("--version");
        assertEquals(0, version.exitCode(), version.toString());
        assertTrue(version.out().startsWith("runbook engine "), version.toString());
        RunResult help = EngineRun.cli("--help");
        assertEquals(0, help.exitCode(), help.toString());
        assertTrue(help.out().contains("Usage:") && help.out().contains("Exit codes:"), help.toString());
        RunResult runHelp = EngineRun.cli("run", "--help");
        assertEquals(0, runHelp.exitCode(), runHelp.toString());
        assertTrue(runHelp.out().contains("--start-at-task"), runHelp.toString());
    }

    @Test
    void badUsageExitsFive() {
        assertEquals(5, EngineRun.cli(LISTING, "--no-such-flag").exitCode());
        assertEquals(5, EngineRun.cli(LISTING, "--forks", "many").exitCode());
        RunResult noPlaybook = EngineRun.cli("run");
        assertEquals(5, noPlaybook.exitCode(), noPlaybook.toString());
        assertTrue(noPlaybook.err().contains("PLAYBOOK"), noPlaybook.toString());
    }

    @Test
    void extraVarsKeyValueAreStringsAndBeatPlayTaskAndFactVars() {
        RunResult r = EngineRun.playbook("cli/extra_vars.yml", "-e", "colour=cli-red replicas=3");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("cli-red", r.msg("show colour", "web1"));
        assertEquals("3", r.registered("show replicas", "web1").get("replicas"));
        assertEquals("cli-red", r.msg("task vars lose to extra vars", "web1"));
        assertEquals("cli-red", r.msg("show colour again", "web1"));
    }

    @Test
    void extraVarsJsonKeepsTypes() {
        RunResult r = EngineRun.playbook("cli/extra_vars.yml", "-e", "{\"replicas\": 3}");
        assertEquals(3, r.registered("show replicas", "web1").get("replicas"), r.toString());
        assertEquals("play-blue", r.msg("show colour", "web1"));
        assertEquals("task-green", r.msg("task vars lose to extra vars", "web1"));
        assertEquals("fact-red", r.msg("show colour again", "web1"), "set_fact beats play vars");
    }

    @Test
    void extraVarsFromAFileAndLaterOnesWin() {
        String file = "@" + EngineRun.fixture("cli/extra.yml");
        RunResult r = EngineRun.playbook("cli/extra_vars.yml", "-e", file, "-e", "colour=last-wins");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(7, r.registered("show replicas", "web1").get("replicas"));
        assertEquals("last-wins", r.msg("show colour", "web1"));
        RunResult fileLast = EngineRun.playbook("cli/extra_vars.yml", "-e", "colour=first", "-e", file);
        assertEquals("file-yellow", fileLast.msg("show colour", "web1"), fileLast.toString());
    }

    @Test
    void extraVarsFileWithoutAtIsBadUsage() {
        RunResult r = EngineRun.playbook("cli/extra_vars.yml", "-e", "./" + EngineRun.fixture("cli/extra.yml"));
        assertEquals(5, r.exitCode(), r.toString());
        assertTrue(r.err().startsWith("ERROR: -e: ") && r.err().contains("@file"), "tells how to load a file: " + r);
    }

    @Test
    void limitRestrictsThePlayHosts() {
        RunResult r = EngineRun.playbook("handlers/handlers.yml", "--limit", "web2");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.tasksRunOn("web1").isEmpty(), r.toString());
        assertFalse(r.tasksRunOn("web2").isEmpty(), r.toString());
        assertFalse(r.out().contains("web1 "), r.toString());
    }

    @Test
    void limitFileNamesTheHosts() {
        // as ansible-playbook: @FILE's lines are the limit; an empty file limits nothing (ansible-core's inventory target)
        RunResult named = EngineRun.playbook("handlers/handlers.yml", "--limit", "@" + EngineRun.fixture("cli/web2.limit"));
        assertEquals(0, named.exitCode(), named.toString());
        assertTrue(named.tasksRunOn("web1").isEmpty(), named.toString());
        assertFalse(named.tasksRunOn("web2").isEmpty(), named.toString());
        RunResult empty = EngineRun.playbook("handlers/handlers.yml", "--limit", "@" + EngineRun.fixture("cli/empty.limit"));
        assertEquals(0, empty.exitCode(), empty.toString());
        assertFalse(empty.tasksRunOn("web1").isEmpty(), empty.toString());
        RunResult folder = EngineRun.playbook("handlers/handlers.yml", "--limit", "@" + EngineRun.fixture("cli"));
        assertEquals(5, folder.exitCode(), folder.toString());
        assertTrue(folder.err().contains("Limit starting with \"@\" must be a file, not a directory: "), folder.toString());
    }

    @Test
    void limitThatMatchesNoHostIsRefused() {
        RunResult r = EngineRun.playbook("cli/start_at.yml", "--limit", "nosuchhost");
        assertEquals(5, r.exitCode(), r.toString());
        assertFalse(r.out().contains("PLAY ["), r.toString());
        assertTrue(r.err().contains("ERROR: --limit: 'nosuchhost' matches no host of the inventory"), r.toString());
    }

    @Test
    void startAtTaskThatMatchesNothingSaysSo() {
        RunResult r = EngineRun.playbook("cli/start_at.yml", "--start-at-task", "nosuch");
        assertEquals(0, r.exitCode(), "as ansible-playbook: " + r);
        assertTrue(r.tasksRunOn("web1").isEmpty(), r.toString());
        // ansible-playbook 2.14's error, wrapped at 79 columns by its display
        assertTrue(r.err().contains(" [ERROR]: No matching task \"nosuch\" found. Note: --start-at-task can only"
                + System.lineSeparator() + "follow static includes."), r.toString());
    }

    @Test
    void listTasksPrintsLikeAnsiblePlaybook() {
        RunResult r = EngineRun.cli(LISTING, "-i", EngineRun.fixture("inventory/hosts.yml"), "--list-tasks");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(String.join("\n", "", "playbook: " + LISTING, "",
                "  play #1 (web): first play\tTAGS: [play_tag]",
                "    tasks:",
                "      install\tTAGS: [install, play_tag]",
                "      configure\tTAGS: [config, play_tag]",
                "",
                "  play #2 (db): second play\tTAGS: []",
                "    tasks:",
                "      migrate\tTAGS: []", ""), r.out());
    }

    @Test
    void listTasksShowsUnnamedPlaysByPatternMetaTasksAndNotRescueOrAlwaysLikeAnsible() {
        String playbook = EngineRun.fixture("structure/list_shapes.yml");
        RunResult r = EngineRun.cli(playbook, "-i", EngineRun.fixture("inventory/hosts.yml"), "--list-tasks");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(String.join("\n", "", "playbook: " + playbook, "",
                "  play #1 (web1): web1\tTAGS: []",
                "    tasks:",
                "      in block\tTAGS: []",
                "      debug\tTAGS: []",
                "      an include\tTAGS: []",
                "      meta\tTAGS: []", ""), r.out());
    }

    @Test
    void listTasksFollowsTags() {
        RunResult r = EngineRun.cli(LISTING, "-i", EngineRun.fixture("inventory/hosts.yml"), "--list-tasks", "--tags", "never");
        assertTrue(r.out().contains("      hidden\tTAGS: [never, play_tag]"), r.toString());
        assertFalse(r.out().contains("      install\t"), r.toString());
    }

    @Test
    void listHostsPrintsLikeAnsiblePlaybook() {
        RunResult r = EngineRun.cli(LISTING, "-i", EngineRun.fixture("inventory/hosts.yml"), "--list-hosts");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(String.join("\n", "", "playbook: " + LISTING, "",
                "  play #1 (web): first play\tTAGS: [play_tag]",
                "    pattern: ['web']",
                "    hosts (3):",
                "      web1",
                "      web2",
                "      web3",
                "",
                "  play #2 (db): second play\tTAGS: []",
                "    pattern: ['db']",
                "    hosts (1):",
                "      db1", ""), r.out());
    }

    @Test
    void listTasksNamesAnUnnamedRoleTaskByItsActionAlone() {
        // compared with ansible-playbook --list-tasks: a named role task is `role : name`, an unnamed one its action
        String playbook = java.nio.file.Path.of("test/resources/parity/role_parents.yml").toString();
        RunResult r = EngineRun.cli(playbook, "-i", "test/resources/parity/inventory.yml", "--list-tasks");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(String.join("\n", "", "playbook: " + playbook, "", "  play #1 (mgmt): mgmt\tTAGS: []", "    tasks:",
                "      debug\tTAGS: []", "      debug\tTAGS: []", "      include_role\tTAGS: []", "      include_role\tTAGS: []", ""),
                r.out().replaceAll("(?m)^journal: .*\n", ""));
    }

    @Test
    void listingsShowTemplatedPlaysRendered() {
        String playbook = EngineRun.fixture("cli/templated_plays.yml");
        RunResult r = EngineRun.cli(playbook, "-i", EngineRun.fixture("inventory/hosts.yml"), "--list-hosts", "-e", "env=prod");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(String.join("\n", "", "playbook: " + playbook, "",
                "  play #1 (web): deploy prod from backup\tTAGS: []",
                "    pattern: ['web']",
                "    hosts (3):",
                "      web1",
                "      web2",
                "      web3",
                "",
                "  play #2 (db): db\tTAGS: []",
                "    pattern: ['db']",
                "    hosts (1):",
                "      db1",
                "",
                "  play #3 (web1,db1): web1,db1\tTAGS: []",
                "    pattern: ['web1', 'db1']",
                "    hosts (2):",
                "      web1",
                "      db1",
                "",
                "  play #4 (web3): kept as written: {{ not_defined_here }}\tTAGS: []",
                "    pattern: ['web3']",
                "    hosts (1):",
                "      web3", ""), r.out());
        RunResult run = EngineRun.cli(playbook, "-i", EngineRun.fixture("inventory/hosts.yml"));
        assertTrue(run.out().contains("PLAY [deploy dev from backup] **"), run.toString());
        assertTrue(run.out().contains("PLAY [db] **"), run.toString());
        assertTrue(run.out().contains("PLAY [kept as written: {{ not_defined_here }}] **"), run.toString());
    }

    @Test
    void listTagsPrintsLikeAnsiblePlaybook() {
        RunResult r = EngineRun.cli(LISTING, "-i", EngineRun.fixture("inventory/hosts.yml"), "--list-tags");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(String.join("\n", "", "playbook: " + LISTING, "",
                "  play #1 (web): first play\tTAGS: [play_tag]",
                "      TASK TAGS: [config, install, play_tag]",
                "",
                "  play #2 (db): second play\tTAGS: []",
                "      TASK TAGS: []", ""), r.out());
    }

    @Test
    void syntaxCheckPrintsThePlaybookAndRunsNothing() {
        RunResult r = EngineRun.cli(LISTING, "-i", EngineRun.fixture("inventory/hosts.yml"), "--syntax-check");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("\nplaybook: " + LISTING + "\n", r.out());
        RunResult broken = EngineRun.cli(EngineRun.fixture("broken/late_error.yml"), "-i", EngineRun.fixture("inventory/hosts.yml"),
                "--syntax-check");
        assertEquals(3, broken.exitCode(), broken.toString());
    }

    @Test
    void startAtTaskGathersFactsOnlyFromThePlayHoldingTheTaskAsAnsibleDoes() {
        // as ansible-playbook 2.14: the first play's Gathering Facts is skipped, the second play's runs
        assertEquals(List.of("Gathering Facts", "after"),
                EngineRun.playbook("cli/start_at_facts.yml", "--start-at-task", "after").tasksRunOn("localhost"));
    }

    @Test
    void startAtTaskSkipsEverythingBeforeTheFirstMatch() {
        assertEquals(List.of("step two", "step three"),
                EngineRun.playbook("cli/start_at.yml", "--start-at-task", "step two").tasksRunOn("web1"));
        assertEquals(List.of("step two", "step three"),
                EngineRun.playbook("cli/start_at.yml", "--start-at-task", "step t*").tasksRunOn("web1"));
    }

    @Test
    void forksBoundsHowManyHostsWorkAtOnce() {
        // counted, not timed: with -f 1 no two hosts ever work at once; with -f 3 all three do (each waits for the others)
        RunResult one = EngineRun.playbook("cli/forks.yml", "-f", "1");
        assertEquals(0, one.exitCode(), one.toString());
        for (String host : List.of("web1", "web2", "web3")) {
            assertEquals(1, one.registered("slow task", host).get("max_in_flight"), one.toString());
        }
        RunResult three = EngineRun.playbook("cli/forks_together.yml", "--forks", "3");
        assertEquals(0, three.exitCode(), "three hosts worked at once:\n" + three);
        assertEquals(3, three.registered("all at once", "web1").get("max_in_flight"), three.toString());
    }

    @Test
    void verboseShowsTheResultJson() {
        RunResult quiet = EngineRun.playbook("cli/start_at.yml");
        assertTrue(quiet.lines().contains("ok: [web1] => {"), "debug always shows its message: " + quiet);
        RunResult plain = EngineRun.playbook("cli/forks.yml", "--limit", "web1");
        assertTrue(plain.lines().contains("ok: [web1]"), plain.toString());
        RunResult verbose = EngineRun.playbook("cli/forks.yml", "--limit", "web1", "-v");
        assertTrue(verbose.lines().stream().anyMatch(l -> l.startsWith("ok: [web1] => {\"calls\": 1, ")), verbose.toString());
    }
}
