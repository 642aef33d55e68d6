package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.exec.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code engine.jar a.yml b.yml ...} as {@code ansible-playbook a.yml b.yml ...} (checked against ansible-core
 * 2.14): the playbooks run one after the other as one run; facts, registered results and added hosts carry over,
 * play vars and the playbook folder's group_vars do not; a recap after each playbook counts the whole run so far;
 * no playbook runs after one that left a host failed. Unlike ansible-playbook, which reads each playbook when its
 * turn comes, every playbook is read and checked before the first runs.
 */
class SeveralPlaybooksTest {
    private static final String FIRST = EngineRun.fixture("several/first.yml");
    private static final String SECOND = EngineRun.fixture("several/sub/second.yml");
    private static final String THIRD = EngineRun.fixture("several/third.yml");
    private static final String INVENTORY = EngineRun.fixture("inventory/hosts.yml");
    @TempDir
    Path dir;

    private RunResult run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-i", INVENTORY, "--journal", dir.resolve("run-" + Math.abs(all.hashCode())).toString()));
        return EngineRun.cli(all.toArray(String[]::new));
    }

    private static String absolute(String file) {
        return Path.of(file).toAbsolutePath().normalize().toString();
    }

    @Test
    void factsRegisteredResultsAndAddedHostsCarryOverPlayVarsAndGroupVarsNextToAPlaybookDoNot() {
        RunResult r = run(FIRST, SECOND, THIRD);
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        assertEquals("several | none", r.msg("Where the first playbook is", "web1"));
        // playbook_dir and the group_vars next to it are the second playbook's own
        assertEquals("web2 from the first playbook | registered-web2 | no play var | sub | next to the second playbook",
                r.msg("What the second playbook knows", "web2"));
        assertEquals("added by the first playbook", r.msg("Added by the first playbook", "added1"));
        // back in the first playbook's folder, the second one's group_vars are gone again
        assertEquals("web3 from the first playbook | several | none", r.msg("What the third playbook knows", "web3"));
    }

    @Test
    void aRecapAfterEachPlaybookCountsTheWholeRunSoFar() {
        RunResult r = run(FIRST, SECOND, THIRD);
        assertEquals(List.of("PLAY [First playbook]", "PLAY RECAP", "PLAY [Second playbook]",
                        "PLAY [The host the first playbook added]", "PLAY RECAP", "PLAY [Third playbook]", "PLAY RECAP"),
                r.banners().stream().filter(b -> b.startsWith("PLAY")).toList(), r.toString());
        String firstRecap = r.out().substring(r.out().indexOf("PLAY RECAP"), r.out().indexOf("PLAY [Second playbook]"));
        assertTrue(firstRecap.contains("web2                       : ok=3    changed=1 "), firstRecap);
        // the numbers ansible-playbook 2.14 prints for the same command line
        r.assertRecap("web1", 6, 2, 0, 0, 0, 0, 0);
        r.assertRecap("web2", 5, 1, 0, 0, 0, 0, 0);
        r.assertRecap("added1", 1, 0, 0, 0, 0, 0, 0);
        assertEquals(3, r.events("playbook_start").size(), r.toString());
        assertEquals(3, r.events("recap").size(), r.toString());
        assertEquals(List.of(0), r.events("playbook_end").stream().map(e -> e.get("exit_code")).toList(), "one run, one end");
    }

    @Test
    void theReportsOfARunOfSeveralPlaybooksCoverThemAll() throws Exception {
        Path html = dir.resolve("review.html");
        Path junit = dir.resolve("junit.xml");
        RunResult r = run(FIRST, SECOND, "--report", html.toString(), "--junit", junit.toString());
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        String page = Files.readString(html);
        assertTrue(page.contains("<h1>first.yml second.yml</h1>"), page.substring(0, Math.min(page.length(), 2000)));
        String xml = Files.readString(junit);
        assertTrue(xml.contains("Second playbook: What the second playbook knows"), xml);
        assertTrue(xml.contains(Path.of(SECOND).toAbsolutePath().normalize() + ":7"), "the task's own file: " + xml);
    }

    @Test
    void noPlaybookRunsAfterOneThatLeftAHostFailedAndTheExitCodeIsTheRunsOne() {
        RunResult r = run(EngineRun.fixture("several/failing.yml"), EngineRun.fixture("several/after.yml"));
        assertEquals(ExitCode.HOST_FAILED, r.exitCode(), r.toString());
        assertEquals("going on", r.msg("Still in the failing playbook", "web1"));
        assertFalse(r.out().contains("PLAY [After]"), r.toString());
        r.assertRecap("web2", 0, 0, 0, 1, 0, 0, 0);
        r.assertRecap("web1", 1, 0, 0, 0, 1, 0, 0);
    }

    @Test
    void aMistakeInTheLastPlaybookStopsTheRunBeforeTheFirstRuns() throws Exception {
        RunResult r = run(FIRST, THIRD, EngineRun.fixture("several/broken.yml"));
        assertEquals(ExitCode.INPUT_ERROR, r.exitCode(), r.toString());
        assertTrue(r.err().contains("ERROR: " + EngineRun.fixture("several/broken.yml") + ":7:7: unknown module 'no_such_module'"),
                r.err());
        assertEquals("", r.out(), "nothing ran");
        assertTrue(r.events().isEmpty(), "nothing ran: " + r.events());
        try (java.util.stream.Stream<Path> journals = Files.list(dir)) {
            assertEquals(List.of(), journals.toList(), "no journal was started");
        }

        RunResult missing = run(FIRST, EngineRun.FIXTURES.resolve("several/missing.yml").toString());
        assertEquals(ExitCode.INPUT_ERROR, missing.exitCode(), missing.toString());
        assertTrue(missing.err().contains("playbook not found: "), missing.err());
        assertEquals("", missing.out(), "nothing ran");
    }

    /**
     * The inventory loads while its playbook is parsed, yet errors come in the order of reading one after the other:
     * a folder's inventory before the playbook in it, a playbook before the next folder's inventory.
     */
    @Test
    void inventoryErrorsComeBeforeThePlaybooksAndInReadingOrder() throws Exception {
        Path a = Files.createDirectories(dir.resolve("a"));
        Path b = Files.createDirectories(dir.resolve("b"));
        String good = "- hosts: all\n  gather_facts: false\n  tasks:\n    - debug: {msg: hi}\n";
        String broken = "- hosts: all\n  gather_facts: false\n  tasks:\n    - no_such_module: {}\n";
        Path inventory = Files.writeString(dir.resolve("hosts.yml"), "all:\n  hosts:\n    h1:\n");
        Path badInventory = Files.writeString(dir.resolve("bad.yml"), "all:\n  childs:\n    web: {}\n");
        Path goodA = Files.writeString(a.resolve("good.yml"), good);
        Path brokenA = Files.writeString(a.resolve("broken.yml"), broken);
        Path brokenB = Files.writeString(b.resolve("broken.yml"), broken);
        Files.createDirectories(b.resolve("group_vars"));
        Files.writeString(b.resolve("group_vars/all.yml"), "x: [1\n");

        RunResult both = EngineRun.cli(brokenA.toString(), "-i", badInventory.toString(), "--syntax-check");
        assertEquals(ExitCode.INPUT_ERROR, both.exitCode(), both.toString());
        // Ansible's warnings naming each plugin that failed on the file come first, then the engine refuses it
        String bothErr = both.err().replace("\r", "");
        assertTrue(bothErr.startsWith("[WARNING]:  * Failed to parse "), both.toString());
        assertTrue(bothErr.replace("\n", " ").contains("[WARNING]: Unable to parse " + badInventory + " as an inventory source"),
                both.toString());
        assertTrue(bothErr.endsWith("\nERROR: " + badInventory + ":2:3: unknown key 'childs' in group 'all' (did you mean 'children'?)\n"),
                both.toString());

        RunResult playbook = EngineRun.cli(brokenA.toString(), brokenB.toString(), "-i", inventory.toString(), "--syntax-check");
        assertEquals(ExitCode.INPUT_ERROR, playbook.exitCode(), playbook.toString());
        assertTrue(playbook.err().startsWith("ERROR: " + brokenA + ":4:7: unknown module 'no_such_module'"), playbook.toString());

        RunResult second = EngineRun.cli(goodA.toString(), brokenB.toString(), "-i", inventory.toString(), "--syntax-check");
        assertEquals(ExitCode.INPUT_ERROR, second.exitCode(), second.toString());
        assertTrue(second.err().startsWith("ERROR: " + b.resolve("group_vars/all.yml")), second.toString());
        assertFalse(second.err().contains("no_such_module"), second.toString());
    }

    @Test
    void syntaxCheckAndListingsNameEveryPlaybookInOrder() {
        RunResult syntax = EngineRun.cli(FIRST, SECOND, "-i", INVENTORY, "--syntax-check");
        assertEquals(ExitCode.OK, syntax.exitCode(), syntax.toString());
        assertEquals("\nplaybook: " + FIRST + "\n\nplaybook: " + SECOND + "\n", syntax.out());

        RunResult broken = EngineRun.cli(FIRST, EngineRun.fixture("several/broken.yml"), "-i", INVENTORY, "--syntax-check");
        assertEquals(ExitCode.INPUT_ERROR, broken.exitCode(), broken.toString());
        assertEquals("", broken.out(), "as ansible-playbook, no playbook is named when one of them is wrong");

        RunResult tasks = EngineRun.cli(FIRST, THIRD, "-i", INVENTORY, "--list-tasks");
        assertEquals(ExitCode.OK, tasks.exitCode(), tasks.toString());
        assertTrue(tasks.out().startsWith("\nplaybook: " + FIRST + "\n\n  play #1 (web): First playbook\tTAGS: []\n    tasks:\n"
                + "      Set a fact\tTAGS: []\n"), tasks.out());
        assertTrue(tasks.out().contains("\nplaybook: " + THIRD + "\n\n  play #1 (web): Third playbook\tTAGS: []\n    tasks:\n"
                + "      What the third playbook knows\tTAGS: []\n"), tasks.out());
    }

    @Test
    void startAtTaskSkipsWholePlaybooksUntilTheTaskAndRunsTheRest() {
        RunResult r = run(FIRST, EngineRun.fixture("several/after.yml"), "--start-at-task", "The playbook after");
        assertEquals(ExitCode.OK, r.exitCode(), r.toString());
        assertEquals(List.of("TASK [The playbook after]"), r.taskBanners(), r.toString());
        r.assertRecap("web1", 1, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void aResumedRunOfSeveralPlaybooksRunsTheSameListFromWhereEachHostStopped() throws Exception {
        Path gates = Files.createDirectories(dir.resolve("gates"));
        Path journal = dir.resolve("journal");
        String gated = EngineRun.fixture("several/gated.yml");
        RunResult first = EngineRun.cli(FIRST, gated, SECOND, THIRD, "-i", INVENTORY, "--journal", journal.toString(),
                "-e", "gate_dir=" + gates);
        assertEquals(ExitCode.HOST_FAILED, first.exitCode(), first.toString());
        assertFalse(first.out().contains("PLAY [Second playbook]"), first.toString());
        List<Map<String, Object>> records = Events.read(journal.resolve("journal.ndjson"));
        assertEquals(List.of(FIRST, gated, SECOND, THIRD).stream().map(SeveralPlaybooksTest::absolute).toList(),
                records.get(0).get("playbooks"), "the journal names every playbook");
        assertEquals(List.of(absolute(FIRST), absolute(gated)), records.stream().filter(e -> "playbook_start".equals(e.get("event")))
                .map(e -> e.get("playbook")).toList(), "where each playbook began; the later ones never did");

        RunResult other = EngineRun.cli(FIRST, "--resume", journal.toString());
        assertEquals(ExitCode.USAGE, other.exitCode(), other.toString());
        assertTrue(other.err().contains("a run of several playbooks resumes with all of them, in the same order,"
                + " or with none named"), other.err());

        Files.writeString(gates.resolve("open"), "");
        RunResult resumed = EngineRun.cli("--resume", journal.toString());
        assertEquals(ExitCode.OK, resumed.exitCode(), resumed.toString());
        assertTrue(resumed.out().contains("changed: [web2] (journaled, not run again)"), resumed.out());
        assertTrue(resumed.out().contains("TASK [The gate] " + "*".repeat(64) + "\nok: [web1]\n"), resumed.out());
        // the later playbooks see the fact the first one set in the first session, and the host it added
        assertTrue(resumed.out().contains("\"msg\": \"web3 from the first playbook | several | none\""), resumed.out());
        assertTrue(resumed.out().contains("ok: [added1] => {\n    \"msg\": \"added by the first playbook\""), resumed.out());
        resumed.assertRecap("web1", 7, 2, 0, 0, 0, 0, 0);
        resumed.assertRecap("added1", 1, 0, 0, 0, 0, 0, 0);
    }
}
