package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fetch, fetch/site.yml: the files, results and messages are what ansible-playbook (Debian's ansible-core 2.14)
 * leaves and reports for the same play and files (dest/HOST/SRC normalized, flat, a missing file and a folder with
 * and without fail_on_missing). In check mode the engine predicts from the host file's checksum, where Ansible's fetch
 * skips itself: a rehearsal shows which files a real run would fetch.
 */
class FetchTest {
    @TempDir
    Path src;

    @TempDir
    Path out;

    @BeforeEach
    void files() throws Exception {
        Files.writeString(src.resolve("a.txt"), "a\n");
    }

    private RunResult run(String... more) {
        List<String> args = new ArrayList<>(List.of(EngineRun.fixture("fetch/site.yml"), "-i", "localhost,", "-c", "local",
                "-e", "src=" + src, "-e", "out=" + out));
        args.addAll(List.of(more));
        return EngineRun.cli(args.toArray(String[]::new));
    }

    @Test
    void endsAsAnsiblePlaybookWithItsPathsAndMessages() throws Exception {
        RunResult r = run();
        assertEquals(0, r.exitCode(), r.toString());
        r.assertRecap("localhost", 9, 3, 0, 0, 0, 0, 3);
        Path tree = Path.of(out + "/tree/localhost/" + src + "/a.txt").normalize();
        Map<String, Object> fetched = r.registered("a file lands in dest/HOST/SRC", "localhost");
        assertEquals(tree.toString(), fetched.get("dest"));
        assertEquals("a\n", Files.readString(tree));
        assertEquals("3f786850e387550fdab836ed7e6dc881de23001b", fetched.get("checksum"));
        assertEquals("3f786850e387550fdab836ed7e6dc881de23001b", fetched.get("remote_checksum"));
        assertEquals("60b725f10c9c85c70d97880dfe8191b3", fetched.get("md5sum"));
        assertTrue(fetched.containsKey("remote_md5sum"));
        assertEquals(out.resolve("rel/localhost/files/b.txt").toString(), r.registered("a relative src with .. stays below dest", "localhost").get("dest"),
                "the .. of src is normalized away, as Ansible's os.path.normpath does");
        assertEquals(out.resolve("a.txt").toString(), r.registered("flat into a folder ending in /", "localhost").get("dest"));
        assertEquals("dest is an existing directory, use a trailing slash if you want to fetch src into that directory",
                r.msg("flat to an existing folder without a trailing slash", "localhost"));
        Map<String, Object> missingIgnored = r.registered("a missing file, not failing", "localhost");
        assertEquals("the remote file does not exist, not transferring, ignored", missingIgnored.get("msg"));
        assertEquals(src.resolve("nope").toString(), missingIgnored.get("file"));
        assertEquals("ok", r.status("a missing file, not failing", "localhost"));
        assertEquals("failed", r.status("a missing file", "localhost"));
        assertEquals("the remote file does not exist, not transferring, ignored", r.msg("a missing file", "localhost"));
        assertEquals("ok", r.status("a folder, not failing", "localhost"));
        assertEquals("remote file is a directory, fetch cannot work on directories, not transferring, ignored",
                r.msg("a folder, not failing", "localhost"));
        assertEquals("failed", r.status("a folder", "localhost"));
        assertEquals("remote file is a directory, fetch cannot work on directories", r.msg("a folder", "localhost"));
        assertEquals("ok", r.status("in check mode, a file already fetched", "localhost"));
        assertEquals("3f786850e387550fdab836ed7e6dc881de23001b",
                r.registered("in check mode, a file already fetched", "localhost").get("checksum"));
    }

    @Test
    void aSecondRunChangesNothingAndGivesAnsiblesShapeOfAnUnchangedCopy() throws Exception {
        assertEquals(0, run().exitCode());
        RunResult again = run();
        assertEquals(0, again.exitCode(), again.toString());
        again.assertRecap("localhost", 9, 0, 0, 0, 0, 0, 3);
        Map<String, Object> same = again.registered("a file lands in dest/HOST/SRC", "localhost");
        assertEquals("3f786850e387550fdab836ed7e6dc881de23001b", same.get("checksum"));
        assertEquals(src.resolve("a.txt").toString(), same.get("file"));
        assertFalse(same.containsKey("remote_checksum"), "Ansible's unchanged copy has no remote checksums");
    }

    @Test
    void aWholeRunInCheckModePredictsEachFetchAndFetchesNothing() throws Exception {
        RunResult r = run("--check");
        assertEquals(0, r.exitCode(), r.toString());
        // the three fetches of a real run, and the check_mode task whose file the real run fetches before it
        r.assertRecap("localhost", 9, 4, 0, 0, 0, 0, 3);
        Map<String, Object> predicted = r.registered("a file lands in dest/HOST/SRC", "localhost");
        assertEquals(Path.of(out + "/tree/localhost/" + src + "/a.txt").normalize().toString(), predicted.get("dest"));
        assertEquals("3f786850e387550fdab836ed7e6dc881de23001b", predicted.get("remote_checksum"));
        assertEquals("dest is an existing directory, use a trailing slash if you want to fetch src into that directory",
                r.msg("flat to an existing folder without a trailing slash", "localhost"));
        try (var left = Files.list(out)) {
            assertEquals(0, left.count(), "nothing fetched");
        }
    }
}
