package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Roles with meta dependencies run with --tags, journal on (the journal hashes the file of every block; a dependency's
 * block once had no position and the run crashed with a NullPointerException, found with Ansible's blocks/69848.yml).
 */
class RoleDependencyTagsTest {
    @Test
    void aDependencysTaggedTasksRunAndTheJournalKeepsItsFiles() {
        RunResult r = EngineRun.cli(EngineRun.fixture("roledeps/site.yml"), "-i", "host1,host2", "-c", "local",
                "--tags", "foo");
        assertEquals(0, r.exitCode(), r.toString());
        assertFalse(r.toString().contains("NullPointerException"), r.toString());
        assertEquals(List.of("base, tagged foo", "app, tagged foo"), r.tasksRunOn("host1").stream()
                .map(t -> t.substring(t.indexOf(": ") + 2)).toList(), r.toString());
        r.assertRecap("host2", 2, 0, 0, 0, 0, 0, 0);
    }
}
