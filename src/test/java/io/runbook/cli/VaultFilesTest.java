package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files the modules read — a k8s_apply src, helm_release values_files, a template — open when they are
 * ansible-vault encrypted (made with Debian's ansible-vault), stay masked in every output, and without the
 * password stop the run before anything runs. Manifest files that are not manifests fail at their place, never
 * with a crash.
 */
class VaultFilesTest {
    private static final String DIR = "input/vault/";
    private static final String INVENTORY = EngineRun.fixture(DIR + "hosts.yml");
    private static final String PASS = EngineRun.fixture(DIR + "vault-pass.txt");
    private static final List<String> PLAINTEXTS = List.of("fake-signing-key-material-1234",
            "hello-from-an-encrypted-values-file", "template-token-abcdef123");

    private static RunResult run(String playbook, String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(EngineRun.fixture(DIR + playbook), "-i", INVENTORY));
        all.addAll(List.of(args));
        return EngineRun.cli(all.toArray(String[]::new));
    }

    @Test
    void encryptedManifestValuesFileAndTemplateOpenWithTheVaultPasswordAndStayMasked(@TempDir Path dir) throws Exception {
        Path dest = dir.resolve("settings.conf");
        RunResult r = run("restore.yml", "--vault-password-file", PASS, "-e", "settings_dest=" + dest,
                "-e", "endpoint=mp.example.test", "-v", "--diff");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("changed", r.status("apply the encrypted signing key backup", "c1"), r.toString());
        assertEquals("changed", r.status("install with an encrypted values file", "c1"), r.toString());
        assertEquals("ok", r.status("the cluster holds the decrypted values", "c1"), r.toString());
        assertEquals("endpoint = mp.example.test\ntoken = template-token-abcdef123\n", Files.readString(dest));
        for (String secret : PLAINTEXTS) {
            assertFalse(r.out().contains(secret) || r.err().contains(secret), secret + " shown:\n" + r);
            assertFalse(r.events().toString().contains(secret), secret + " in the events");
        }
        assertTrue(r.out().contains("\"msg\": \"key=******** message=********\""), r.toString());
        assertTrue(r.out().contains("'after': '********\\\\n********\\\\n'"), "template's registered diff, masked:\n" + r);
        assertTrue(r.out().contains("'after': '(content of a vault-encrypted file: not shown)\\\\n'"), "copy's registered diff:\n" + r);
        assertTrue(Files.readString(dir.resolve("settings.conf.values")).contains(PLAINTEXTS.get(1)), "copy decrypted what it wrote");
    }

    @Test
    void withoutThePasswordNothingRunsAndTheErrorNamesTheEncryptedFile() {
        RunResult r = run("restore.yml", "-e", "settings_dest=/nonexistent/settings.conf");
        HostileInputTest.refusedRun(r, EngineRun.FIXTURES.resolve(DIR + "backup/iam-signing-key.yaml") + ":1:1",
                "this is encrypted with ansible-vault and no vault password was given (give it with"
                        + " --vault-password-file FILE, --vault-id [label@]FILE|prompt, --ask-vault-pass, or the"
                        + " ANSIBLE_VAULT_PASSWORD_FILE environment variable)");
    }

    @Test
    void aManifestFileHoldingAScalarIsRefusedBeforeAnythingRuns() {
        HostileInputTest.refusedRun(run("apply_scalar.yml"), EngineRun.FIXTURES.resolve(DIR + "scalar.yaml") + ":2:1",
                "a manifest must be a mapping with apiVersion, kind and metadata (or a list of them), not a string");
    }

    @Test
    void invalidYamlInAManifestFileIsRefusedAtItsLineAndColumn() {
        HostileInputTest.refusedRun(run("apply_broken.yml"), EngineRun.FIXTURES.resolve(DIR + "broken.yaml") + ":5:16",
                "invalid YAML: expected ',' or ']', but got } (while parsing a flow sequence)");
    }

    @Test
    void aTemplatedSrcHoldingAScalarFailsItsTaskAtTheFilesPlace() {
        RunResult r = run("apply_templated_scalar.yml");
        assertEquals(2, r.exitCode(), r.toString());
        assertEquals(EngineRun.FIXTURES.resolve(DIR + "scalar.yaml") + ":2:1: a manifest must be a mapping"
                + " with apiVersion, kind and metadata (or a list of them), not a string",
                r.registered("apply", "c1").get("msg"), r.toString());
        assertFalse(r.out().contains("StackOverflow") || r.out().contains("unexpectedly"), r.toString());
    }

    @Test
    void anEncryptedValuesFileAsksForTheVaultPasswordBeforeAnythingRuns() {
        HostileInputTest.refusedRun(run("install_values.yml"), EngineRun.FIXTURES.resolve(DIR + "backup/mp-values.yaml") + ":1:1",
                "this is encrypted with ansible-vault and no vault password was given (give it with"
                        + " --vault-password-file FILE, --vault-id [label@]FILE|prompt, --ask-vault-pass, or the"
                        + " ANSIBLE_VAULT_PASSWORD_FILE environment variable)");
    }

    @Test
    void aMissingSrcIsNamedOnce() {
        RunResult r = run("apply_missing.yml");
        assertEquals(2, r.exitCode(), r.toString());
        String missing = EngineRun.FIXTURES.resolve(DIR + "no-such-manifest.yaml").toAbsolutePath().toString();
        assertEquals("src " + missing + " does not exist (a relative path is read from the playbook's folder)",
                r.registered("apply", "c1").get("msg"), r.toString());
    }

    @Test
    void aWrongPasswordIsTheSameInputErrorInTheVaultCommandAsInARun(@TempDir Path dir) throws Exception {
        Path copy = dir.resolve("mp-values.yaml");
        Files.copy(Path.of(EngineRun.fixture(DIR + "backup/mp-values.yaml")), copy);
        Path wrong = dir.resolve("wrong-pass.txt");
        Files.writeString(wrong, "not-the-password\n");
        RunResult decrypt = EngineRun.cli("vault", "decrypt", "--vault-password-file", wrong.toString(), copy.toString());
        assertEquals(3, decrypt.exitCode(), decrypt.toString());
        // the vault command speaks as ansible-vault (VaultCommandTest), a run names the file's place and the secrets tried
        Path real = copy.toRealPath();
        assertEquals("ERROR: Decryption failed (no vault secrets were found that could decrypt) on " + real + " for " + real,
                decrypt.err().strip());
        RunResult run = run("install_values.yml", "--vault-password-file", wrong.toString());
        assertEquals(3, run.exitCode(), run.toString());
        assertTrue(run.err().contains(": Decryption failed: none of the vault secrets given"), run.toString());
        RunResult missing = EngineRun.cli("vault", "decrypt", "--vault-password-file", dir.resolve("none.txt").toString(),
                copy.toString());
        assertEquals(5, missing.exitCode(), "a password file that does not exist is bad usage, as in a run: " + missing);
        assertTrue(Files.readString(copy).startsWith("$ANSIBLE_VAULT;1.1;AES256"), "nothing changed");
    }
}
