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
 * A mistyped vault password changes nothing: every {@code !vault} value the run can use is tried with the password
 * given for its vault id before the first task, and one that does not open refuses the run (exit 3) at its place.
 * Values nothing uses, and values of a vault id no password was given for, are not opened before the run (fixtures
 * made with ansible-vault, see their comments; deploy.yml's first task writes started.txt).
 */
class VaultPasswordCheckTest {
    private static final String INVENTORY = EngineRun.fixture("vault-check/inventory");
    private static final String PROD = "prod@" + EngineRun.fixture("vault-check/prod-pass.txt");
    private static final String PROD_TYPO = "prod@" + EngineRun.fixture("vault-check/prod-typo.txt");
    private static final String ARCHIVE_WRONG = "archive@" + EngineRun.fixture("vault-check/archive-wrong.txt");
    private static final List<String> SECRETS = List.of("Pr0d-db-S3cret-value", "Pr0d-api-T0ken-value", "archive-K3y-value",
            "legacy-S3cret-value", "prod-check-pass", "prod-chek-pass", "archive-check-pass", "not-the-archive-pass");
    private static final String FAILED = "Decryption failed (no vault secrets were found that could decrypt)";

    @Test
    void aMistypedPasswordRefusesTheRunAtEachUsedValueBeforeAnythingChanges(@TempDir Path dir) {
        RunResult r = run(dir, "deploy.yml", "--vault-id", PROD_TYPO);
        assertEquals(3, r.exitCode(), r.out() + r.err());
        String hint = " (check the password given for vault id 'prod'; tried " + PROD_TYPO + "; nothing ran)";
        assertTrue(r.err().contains("ERROR: " + INVENTORY + "/group_vars/prod.yml:6:20: " + FAILED
                + " for vault id 'prod' (variable vault_db_password)" + hint + "\n"), r.err());
        assertTrue(r.err().contains("\n" + EngineRun.fixture("vault-check/roles/app/defaults/main.yml") + ":2:12: " + FAILED
                + " for vault id 'prod' (variable api_token)" + hint), "the role's default, which its template uses:\n" + r.err());
        assertFalse(r.err().contains("vault_archive_key"), "nothing uses the archive key:\n" + r.err());
        assertFalse(Files.exists(dir.resolve("started.txt")), "the first task did not run");
        assertTrue(r.taskBanners().isEmpty(), r.out());
        assertFalse(Files.exists(dir.resolve("journal")), "no run was journaled");
        assertFalse(r.err().contains("\tat "), "no stack trace:\n" + r.err());
        assertNothingShown(r);
    }

    @Test
    void aCheckModeRehearsalIsRefusedAsTheRunWouldBe(@TempDir Path dir) {
        RunResult r = run(dir, "deploy.yml", "--vault-id", PROD_TYPO, "--check", "--diff");
        assertEquals(3, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains("group_vars/prod.yml:6:20: " + FAILED + " for vault id 'prod'"), r.err());
        assertTrue(r.taskBanners().isEmpty(), r.out());
    }

    @Test
    void aSyntaxCheckNeedsNoRightPassword(@TempDir Path dir) {
        RunResult r = run(dir, "deploy.yml", "--vault-id", PROD_TYPO, "--syntax-check");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("playbook: " + EngineRun.fixture("vault-check/deploy.yml")), r.out());
    }

    @Test
    void aWrongPasswordForAValueNothingUsesDoesNotStopTheRun(@TempDir Path dir) throws Exception {
        RunResult r = run(dir, "deploy.yml", "--vault-id", PROD, "--vault-id", ARCHIVE_WRONG);
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertEquals("DB_PASSWORD=Pr0d-db-S3cret-value\nAPI_TOKEN=Pr0d-api-T0ken-value\n", Files.readString(dir.resolve("app.env")));
        assertTrue(Files.exists(dir.resolve("started.txt")));
        assertNothingShown(r);
    }

    @Test
    void aValueAnotherHostsPlayReadsThroughHostvarsByAQuotedNameIsTriedToo(@TempDir Path dir) {
        RunResult r = run(dir, "report.yml", "--vault-id", ARCHIVE_WRONG);
        assertEquals(3, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains("ERROR: " + INVENTORY + "/group_vars/prod.yml:13:20: " + FAILED + " for vault id 'archive'"
                + " (variable vault_archive_key) (check the password given for vault id 'archive'; tried " + ARCHIVE_WRONG
                + "; nothing ran)"), r.err());
        assertFalse(Files.exists(dir.resolve("started.txt")), "the first task did not run");
        assertNothingShown(r);
    }

    @Test
    void aValueOfAVaultIdWithoutPasswordStaysLazyAndFailsOnlyTheTaskThatUsesIt(@TempDir Path dir) {
        RunResult r = run(dir, "legacy.yml", "--vault-id", PROD);
        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertTrue(Files.exists(dir.resolve("started.txt")), "the task before the use ran");
        assertTrue(r.out().contains("fatal: [web-prod]: FAILED! => {\"msg\": \"" + EngineRun.fixture("vault-check/legacy-vars.yml")
                + ":3:15: " + FAILED + " (vault id 'legacy'; tried " + PROD + ": give its password with --vault-id legacy@FILE|prompt)\"}"),
                r.out());
    }

    @Test
    void theRefusalAtTheHighestVerbosityShowsNoSecretNorPassword(@TempDir Path dir) {
        RunResult r = run(dir, "deploy.yml", "--vault-id", PROD_TYPO, "--vault-id", ARCHIVE_WRONG, "-vvvv");
        assertEquals(3, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains(FAILED), r.err());
        assertNothingShown(r);
    }

    @Test
    void aRightPasswordRunsAtTheHighestVerbosityShowingNoSecret(@TempDir Path dir) {
        RunResult r = run(dir, "deploy.yml", "--vault-id", PROD, "-vvvv", "--diff");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertNothingShown(r);
    }

    private static RunResult run(Path dir, String playbook, String... args) {
        List<String> all = new ArrayList<>(List.of(EngineRun.fixture("vault-check/" + playbook), "-i", INVENTORY,
                "-e", "out_dir=" + dir, "--journal", dir.resolve("journal").toString()));
        all.addAll(List.of(args));
        return EngineRun.cli(all.toArray(String[]::new));
    }

    /** No secret value and no password in the console or the event log. */
    private static void assertNothingShown(RunResult r) {
        for (String secret : SECRETS) {
            assertFalse(r.out().contains(secret) || r.err().contains(secret), secret + " shown:\n" + r.out() + r.err());
            assertFalse(r.events().toString().contains(secret), secret + " in the events");
        }
    }
}
