package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lineinfile's, copy's and template's validate check the new content before it replaces the file, and copy's checksum
 * the file sent, as Ansible's do (the results and messages measured with ansible-playbook 2.14).
 */
class FileValidationTest {
    @TempDir
    Path work;

    @Test
    void contentThatFailsTheCheckLeavesTheFileAsItWas() throws Exception {
        Path conf = work.resolve("etc/app/app.conf");
        RunResult r = EngineRun.cli(EngineRun.fixture("lineinfile/validate.yml"), "-i", "localhost,", "-c", "local",
                "-e", "conf=" + conf);
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("changed", r.status("a setting that passes the check", "localhost"), r.toString());
        assertEquals("failed", r.status("a setting that fails it", "localhost"), r.toString());
        assertEquals("failed to validate: rc:1 error:", r.registered("a setting that fails it", "localhost").get("msg"), r.toString());
        assertEquals("port=8443\n", Files.readString(conf), "created with its folders, then left as it was");
        r.assertRecap("localhost", 2, 1, 0, 0, 0, 0, 1);  // as ansible-playbook counts it
    }

    @Test
    void copyAndTemplateWriteOnlyWhatTheirCheckAccepts() throws Exception {
        Files.createDirectories(work.resolve("sudoers.d"));
        RunResult r = EngineRun.cli(EngineRun.fixture("copy-validate/validate.yml"), "-i", "localhost,", "-c", "local",
                "-e", "dir=" + work);
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("changed", r.status("sudoers checked with the mode it will have", "localhost"), r.toString());
        assertEquals("changed", r.status("a config the check accepts", "localhost"), r.toString());
        Map<String, Object> refused = r.registered("a config the check refuses", "localhost");
        assertEquals("failed to validate", refused.get("msg"), r.toString());
        assertEquals(1, refused.get("exit_status"));
        assertEquals(List.of("listen 0;"), refused.get("stdout_lines"), "what the validator printed");
        assertEquals("nginx: [emerg] invalid port\n", refused.get("stderr"));
        assertEquals("64ceef0464b29bcd2b6e7bc91b2e63763bd37e4b", refused.get("checksum"), "the rendered file's, as Ansible registers it");
        assertEquals("ok", r.status("the same config again validates nothing", "localhost"), r.toString());
        assertEquals("validate must contain %s: /bin/true", r.registered("a validate without %s", "localhost").get("msg"));
        assertEquals("listen 8080;\n", Files.readString(work.resolve("nginx.conf")), "refused content never written");
        assertEquals("changed", r.status("an archive with the checksum it must have", "localhost"), r.toString());
        Map<String, Object> mismatch = r.registered("an archive that is not the one expected", "localhost");
        assertEquals("Copied file does not match the expected checksum. Transfer failed.", mismatch.get("msg"));
        assertEquals("6e642bb8dd5c2e027bf21dd923337cbb4214f827", mismatch.get("expected_checksum"));
        assertEquals("7e968097d3030d5b216bbf47b20087611dc9b06c", mismatch.get("checksum"));
        assertFalse(Files.exists(work.resolve("other.tar")));
        r.assertRecap("localhost", 7, 3, 0, 0, 0, 0, 3);  // as ansible-playbook counts it
    }

    @Test
    void aValidatorThatPrintsAVaultEncryptedFileShowsNoneOfIt() throws Exception {
        RunResult r = EngineRun.cli(EngineRun.fixture("copy-validate/secret.yml"), "-i", "localhost,", "-c", "local",
                "--vault-password-file", EngineRun.fixture("vault/vault-pass.txt"), "-e", "dir=" + work);
        assertEquals(0, r.exitCode(), r.toString());
        Map<String, Object> refused = r.registered("secrets the check refuses", "localhost");
        assertEquals("failed to validate", refused.get("msg"), r.toString());
        assertEquals("(not shown: the validated content is vault-encrypted)\n", refused.get("stdout"));
        assertEquals(refused.get("stdout"), refused.get("stderr"));
        for (String secret : List.of("hunter2", "db_password", "bad line")) {
            assertFalse(r.out().contains(secret) || r.err().contains(secret) || r.events().toString().contains(secret), secret + " shown:\n" + r);
        }
        assertFalse(Files.exists(work.resolve("app.conf")));
    }
}
