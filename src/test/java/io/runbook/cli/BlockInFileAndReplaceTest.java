package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * blockinfile and replace on a bastion's files, blockinfile/site.yml: the files, results and messages are what
 * ansible-playbook (Debian's ansible-core 2.14) leaves and reports for the same play and files.
 */
class BlockInFileAndReplaceTest {
    private static final String HOSTS = "127.0.0.1 localhost\n# BEGIN LOST CLUSTER\n10.9.9.9 cp-3\n# END LOST CLUSTER\n::1 localhost\n";
    private static final String PROXY = "upstream tsb {\n    server 10.0.0.1:8443;\n    server 10.0.0.2:8443;\n}\n";

    @TempDir
    Path dir;

    @BeforeEach
    void files() throws Exception {
        Files.writeString(dir.resolve("hosts"), HOSTS);
        Files.writeString(dir.resolve("proxy.conf"), PROXY);
        Files.setPosixFilePermissions(dir.resolve("proxy.conf"), PosixFilePermissions.fromString("rw-r--r--"));
    }

    private RunResult run(String playbook, String... more) {
        List<String> args = new ArrayList<>(List.of(EngineRun.fixture("blockinfile/" + playbook), "-i", "localhost,", "-c", "local",
                "-e", "dir=" + dir));
        args.addAll(List.of(more));
        return EngineRun.cli(args.toArray(String[]::new));
    }

    @Test
    void editsTheFilesAsAnsibleAndASecondRunChangesNothing() throws Exception {
        RunResult first = run("site.yml");
        assertEquals(0, first.exitCode(), first.toString());
        first.assertRecap("localhost", 3, 3, 0, 0, 0, 0, 0);
        assertEquals("127.0.0.1 localhost\n# BEGIN TSB MANAGEMENT PLANE\n10.20.0.5 tsb.example.com\n10.20.0.5 oap.tsb.example.com\n"
                + "# END TSB MANAGEMENT PLANE\n::1 localhost\n", Files.readString(dir.resolve("hosts")));
        assertEquals("upstream tsb {\n    server 10.20.0.5:8443;\n    server 10.20.0.5:8443;\n}\n", Files.readString(dir.resolve("proxy.conf")));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("proxy.conf"))));
        Map<String, Object> inserted = first.registered("the management plane's names in the hosts file", "localhost");
        assertEquals("Block inserted", inserted.get("msg"));
        assertEquals(HOSTS, Files.readString(Path.of((String) inserted.get("backup_file"))), "the backup holds the file as it was");
        Map<String, Object> upstream = first.registered("the proxy's upstreams move to the new address", "localhost");
        assertEquals("2 replacements made and ownership, perms or SE linux context changed", upstream.get("msg"));
        assertEquals(0, upstream.get("rc"));
        assertFalse(upstream.containsKey("diff"), "replace registers its diff only in diff mode");
        assertEquals("Block removed", first.msg("the lost cluster's block goes", "localhost"));

        RunResult second = run("site.yml");
        assertEquals(0, second.exitCode(), second.toString());
        second.assertRecap("localhost", 3, 0, 0, 0, 0, 0, 0);
        assertEquals("", second.msg("the management plane's names in the hosts file", "localhost"));
        assertFalse(second.registered("the management plane's names in the hosts file", "localhost").containsKey("backup_file"));
    }

    @Test
    void checkModeChangesNothingAndShowsTheDiffOfARealRun() throws Exception {
        RunResult r = run("site.yml", "--check", "--diff");
        assertEquals(0, r.exitCode(), r.toString());
        r.assertRecap("localhost", 3, 3, 0, 0, 0, 0, 0);
        assertEquals(HOSTS, Files.readString(dir.resolve("hosts")));
        assertEquals(PROXY, Files.readString(dir.resolve("proxy.conf")));
        try (var left = Files.list(dir)) {
            assertEquals(2, left.count(), "no backup either");
        }
        assertTrue(r.out().contains("--- before: " + dir.resolve("hosts") + " (content)\n"), r.out());
        assertTrue(r.out().contains("+# BEGIN TSB MANAGEMENT PLANE\n+10.20.0.5 tsb.example.com\n"), r.out());
        assertTrue(r.out().contains("-    server 10.0.0.1:8443;\n-    server 10.0.0.2:8443;\n+    server 10.20.0.5:8443;\n"), r.out());
        assertTrue(r.out().contains("-# BEGIN LOST CLUSTER\n-10.9.9.9 cp-3\n-# END LOST CLUSTER\n"), r.out());
        assertEquals("2 replacements made and ownership, perms or SE linux context changed",
                r.msg("the proxy's upstreams move to the new address", "localhost"));
    }

    @Test
    void aMissingFileFailsWithAnsiblesMessage() throws Exception {
        Files.delete(dir.resolve("hosts"));
        RunResult r = run("site.yml");
        assertEquals(2, r.exitCode(), r.toString());
        Map<String, Object> failed = r.registered("the management plane's names in the hosts file", "localhost");
        assertEquals("Path " + dir.resolve("hosts") + " does not exist !", failed.get("msg"), r.toString());
        assertEquals(257, failed.get("rc"));
        assertFalse(Files.exists(dir.resolve("hosts")), "created only with create: true");
    }

    @Test
    void wrongArgumentsAreRefusedWithTheirPlaceBeforeAnythingRuns() {
        refused("bad_block_typo.yml", "9:15", "unknown argument 'blok' for module 'blockinfile' (did you mean 'block'?)");
        refused("bad_insert_both.yml", "11:23", "module 'blockinfile': arguments insertafter and insertbefore are mutually exclusive");
        refused("bad_replace_no_regexp.yml", "6:7", "module 'replace' is missing required argument 'regexp'");
    }

    private void refused(String playbook, String place, String cause) {
        RunResult r = run(playbook);
        assertEquals(3, r.exitCode(), r.toString());
        assertFalse(r.out().contains("PLAY ["), "nothing may run: " + r);
        String expected = "ERROR: " + EngineRun.fixture("blockinfile/" + playbook) + ":" + place + ": " + cause;
        assertTrue(r.err().lines().anyMatch(l -> l.equals(expected)), "expected\n" + expected + "\nin\n" + r);
    }

    @Test
    void aVaultEncryptedValueInTheBlockIsWrittenButNeverShown() throws Exception {
        RunResult r = run("secret.yml", "-v", "--diff", "--vault-password-file", EngineRun.fixture("vault/vault-pass.txt"));
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("# BEGIN ANSIBLE MANAGED BLOCK\nTSB_ADMIN_TOKEN=tsb-admin-token-s3cr3t-rotated\n# END ANSIBLE MANAGED BLOCK\n",
                Files.readString(dir.resolve("proxy.env")), "the modules were given the real value");
        assertEquals("File created and ownership, perms or SE linux context changed",
                r.msg("the token in the proxy's environment", "localhost"));
        assertEquals("1 replacements made", r.msg("the token rotated in place", "localhost"));
        assertTrue(r.out().contains("+TSB_ADMIN_TOKEN=********\n"), "the diff, masked:\n" + r.out());
        assertTrue(r.out().contains("\"after\": \"# BEGIN ANSIBLE MANAGED BLOCK\\nTSB_ADMIN_TOKEN=********-rotated\\n"), r.out());
        for (String secret : List.of("tsb-admin-token-s3cr3t", "s3cr3t")) {
            assertFalse(r.out().contains(secret) || r.err().contains(secret), secret + " shown:\n" + r);
            assertFalse(r.events().toString().contains(secret), secret + " in the events");
        }
    }
}
