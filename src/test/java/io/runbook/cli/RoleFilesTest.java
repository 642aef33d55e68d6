package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** copy's and template's src (and script's file) are found in the role's files/ and templates/ first, as ansible-playbook finds them. */
class RoleFilesTest {
    @TempDir
    Path dest;

    @Test
    void aRolesFilesAndTemplatesAreFoundInItsOwnFolders() throws Exception {
        RunResult r = EngineRun.cli(EngineRun.fixture("rolefiles/site.yml"), "-i", "localhost,", "-c", "local",
                "-e", "dest_dir=" + dest);
        assertEquals(0, r.exitCode(), r.toString());
        r.assertRecap("localhost", 4, 4, 0, 0, 0, 0, 0);
        assertEquals("port=8443\n", Files.readString(dest.resolve("app.conf")));
        assertEquals("debug=false\n", Files.readString(dest.resolve("conf.d/extra.conf")), "the folder's contents");
        assertEquals("host=localhost\n", Files.readString(dest.resolve("app.txt")));
        assertEquals("from the playbook's files/\n", Files.readString(dest.resolve("top.txt")));
        RunResult again = EngineRun.cli(EngineRun.fixture("rolefiles/site.yml"), "-i", "localhost,", "-c", "local",
                "-e", "dest_dir=" + dest);
        again.assertRecap("localhost", 4, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void aRolesScriptIsFoundInItsFilesFolder() {
        RunResult r = EngineRun.cli(EngineRun.fixture("rolefiles/script.yml"), "-i", "localhost,", "-c", "local");
        assertEquals(0, r.exitCode(), r.toString());
        r.assertRecap("localhost", 2, 1, 0, 0, 0, 0, 0);
    }

    @Test
    void aTasksFromBelowTasksIsFoundAndOneThatIsNotThereStopsTheRun() {
        RunResult r = EngineRun.cli(EngineRun.fixture("rolefiles/from.yml"), "-i", "localhost,", "-c", "local");
        assertEquals(3, r.exitCode(), r.toString());
        assertTrue((r.out() + r.err()).contains("from tasks/sub/part.yml"), r.toString());
        assertTrue((r.out() + r.err()).contains("could not find tasks/nothere in role 'conf'"), r.toString());
        assertFalse((r.out() + r.err()).contains("rescued"), "the rescue does not run: " + r);
        assertFalse((r.out() + r.err()).contains("PLAY RECAP"), "the run stops without a recap: " + r);
    }

    @Test
    void aFileNowhereOnTheSearchPathFailsTheTaskListingWhereItWasLookedFor() {
        String fixture = EngineRun.fixture("rolefiles/missing.yml");
        RunResult r = EngineRun.cli(fixture, "-i", "localhost,", "-c", "local");
        assertEquals(2, r.exitCode(), r.toString());
        r.assertRecap("localhost", 1, 0, 0, 1, 0, 0, 1);
        String dir = Path.of(fixture).toAbsolutePath().normalize().getParent().toString();
        // ansible-playbook's words, the role's folders, the task's, then the playbook's (files/ first in each)
        String searched = "Could not find or access 'nowhere.txt'\\nSearched in:"
                + "\\n\\t" + dir + "/roles/absent/files/nowhere.txt\\n\\t" + dir + "/roles/absent/nowhere.txt"
                + "\\n\\t" + dir + "/roles/absent/tasks/files/nowhere.txt\\n\\t" + dir + "/roles/absent/tasks/nowhere.txt"
                + "\\n\\t" + dir + "/files/nowhere.txt\\n\\t" + dir + "/nowhere.txt on the Ansible Controller."
                + "\\nIf you are using a module and expect the file to exist on the remote, see the remote_src option";
        assertTrue(r.out().contains("roles/absent/tasks/main.yml:1:3: " + searched + "\""), r.toString());
        assertTrue(r.out().contains("roles/absent/tasks/main.yml:6:3: Could not find or access 'nowhere.sh'\\nSearched in:"
                + "\\n\\t" + dir + "/roles/absent/files/nowhere.sh"), r.toString());
    }
}
