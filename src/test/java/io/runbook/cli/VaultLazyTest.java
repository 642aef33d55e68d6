package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code !vault} values are decrypted when a task uses them, as ansible-playbook does: an inventory whose group_vars hold
 * each environment's secrets under its own vault id, and a vars file with a value for a vault id nobody has, run with
 * only production's password (fixtures made with ansible-vault, see their comments). What is not used needs no
 * password; what is used and cannot be opened fails its task with Ansible's message at the value's place.
 */
class VaultLazyTest {
    private static final String INVENTORY = EngineRun.fixture("vault-lazy/inventory");
    private static final String PROD = "prod@" + EngineRun.fixture("vault-lazy/prod-pass.txt");
    private static final String WRONG_STAGING = "staging@" + EngineRun.fixture("vault-lazy/wrong-pass.txt");
    private static final List<String> SECRETS = List.of("prod-db-Pa55word", "staging-db-Pa55word", "prod-api-T0ken-value",
            "legacy-T0ken-value", "prod-team-pass", "staging-team-pass", "not-the-staging-pass");

    @Test
    void valuesOfOtherVaultIdsThatNothingUsesNeedNoPassword(@TempDir Path dir) throws Exception {
        RunResult r = run(dir, "deploy.yml", "--vault-id", PROD, "-v");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertEquals("ok=4    changed=1    unreachable=0    failed=0", counters(r, "web-prod"));
        assertEquals("DB_PASSWORD=prod-db-Pa55word\nAPI_TOKEN=prod-api-T0ken-value\n", Files.readString(dir.resolve("app.env")),
                "the module was given the decrypted values");
        assertNothingShown(r, dir);
    }

    @Test
    void aWrongPasswordForAVaultIdNothingUsesIsNoError(@TempDir Path dir) throws Exception {
        RunResult r = run(dir, "deploy.yml", "--vault-id", PROD, "--vault-id", WRONG_STAGING);
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertNothingShown(r, dir);
    }

    @Test
    void checkModeAndDiffOpenOnlyTheValuesTheTasksUse(@TempDir Path dir) throws Exception {
        RunResult r = run(dir, "deploy.yml", "--vault-id", PROD, "-C", "-D", "-v");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("+DB_PASSWORD=********\n+API_TOKEN=********"), "the diff, masked:\n" + r.out());
        assertFalse(Files.exists(dir.resolve("app.env")), "check mode writes nothing");
        assertNothingShown(r, dir);
    }

    @Test
    void aUsedValueNoSecretOpensFailsItsTaskAtTheValuesPlaceNamingItsVaultId(@TempDir Path dir) throws Exception {
        RunResult r = run(dir, "legacy.yml", "--vault-id", PROD);
        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertEquals(List.of("TASK [Which environment]", "TASK [Use the legacy token]"), r.taskBanners());
        assertTrue(r.out().contains("fatal: [web-prod]: FAILED! => {\"msg\": \"" + EngineRun.fixture("vault-lazy/secrets.yml")
                + ":10:15: Decryption failed (no vault secrets were found that could decrypt) (vault id 'legacy'; tried " + PROD
                + ": give its password with --vault-id legacy@FILE|prompt)\"}"), r.out());
        assertFalse(r.out().contains("\tat ") || r.err().contains("\tat "), "no stack trace:\n" + r.err());
        assertNothingShown(r, dir);
    }

    @Test
    void withNoPasswordAtAllAUsedValueFailsWithAnsiblesMessage(@TempDir Path dir) throws Exception {
        RunResult r = run(dir, "legacy.yml");
        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains(EngineRun.fixture("vault-lazy/secrets.yml") + ":10:15: Attempting to decrypt but no vault"
                + " secrets found (vault id 'legacy': give its password with --vault-id legacy@FILE|prompt, --vault-password-file"
                + " FILE, --ask-vault-pass or ANSIBLE_VAULT_PASSWORD_FILE)"), r.out());
        assertTrue(r.out().contains("ok: [web-prod] => {\n    \"msg\": \"production\"\n}"), "the tasks before it ran:\n" + r.out());
    }

    @Test
    void aFailedUseIsRescuedAndIgnoredLikeAnyFailureAndNoLogCensorsIt(@TempDir Path dir) throws Exception {
        RunResult r = run(dir, "legacy-rescued.yml", "--vault-id", PROD);
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("fatal: [web-prod]: FAILED! => {\"censored\": \"the output has been hidden due to the fact that"
                + " 'no_log: true' was specified for this result\"}\n...ignoring"), r.out());
        assertTrue(r.out().contains("\"msg\": \"no legacy token: True\""), r.out());
        r.assertRecap("web-prod", 2, 0, 0, 0, 0, 1, 1);  // as ansible-playbook's
        assertNothingShown(r, dir);
    }

    @Test
    void eachHostFailsOnlyOnTheGroupVarsValueItUses(@TempDir Path dir) throws Exception {
        RunResult r = run(dir, "all-envs.yml", "--vault-id", PROD);
        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("fatal: [web-staging]: FAILED! => {\"msg\": \"" + INVENTORY + "/group_vars/staging.yml:3:14:"
                + " Decryption failed (no vault secrets were found that could decrypt) (vault id 'staging'"), r.out());
        assertTrue(r.out().contains("\"msg\": \"production db=********\""), r.out());
        assertEquals("ok=2    changed=0    unreachable=0    failed=0", counters(r, "web-prod"));
        assertEquals("ok=0    changed=0    unreachable=0    failed=1", counters(r, "web-staging"));
        assertNothingShown(r, dir);
    }

    @Test
    void theInventoryCommandShowsAValueNoSecretOpensMaskedWithoutFailing() {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int code = Main.execute(new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true), "inventory", "--list",
                "-i", INVENTORY, "--vault-id", PROD);
        assertEquals(0, code, err.toString());
        assertTrue(out.toString().contains("\"db_password\": \"********\""), out.toString());
        SECRETS.forEach(s -> assertFalse(out.toString().contains(s), s + " shown:\n" + out));
    }

    private static RunResult run(Path dir, String playbook, String... args) {
        List<String> all = new ArrayList<>(List.of(EngineRun.fixture("vault-lazy/" + playbook), "-i", INVENTORY,
                "-e", "out_dir=" + dir, "--journal", dir.resolve("journal").toString(), "--report", dir.resolve("review.html").toString()));
        all.addAll(List.of(args));
        return EngineRun.cli(all.toArray(String[]::new));
    }

    private static String counters(RunResult r, String host) {
        return r.recapLine(host).replaceAll("\\s+skipped.*", "").strip().replaceFirst("^" + host + "\\s*:\\s*", "");
    }

    /** No secret in the console, the event log, the journal or the review report. */
    private static void assertNothingShown(RunResult r, Path dir) throws Exception {
        String journal = Files.readString(dir.resolve("journal/journal.ndjson"));
        String report = Files.readString(dir.resolve("review.html"));
        for (String secret : SECRETS) {
            assertFalse(r.out().contains(secret) || r.err().contains(secret), secret + " shown:\n" + r.out() + r.err());
            assertFalse(r.events().toString().contains(secret), secret + " in the events");
            assertFalse(journal.contains(secret), secret + " in the journal");
            assertFalse(report.contains(secret), secret + " in the review report");
        }
    }
}
