package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ansible-vault interoperability, the way a user meets it: group_vars with {@code !vault} values and a vars
 * file encrypted whole (both made by ansible-vault, see the fixture's comments), opened with
 * {@code --vault-password-file} / {@code --vault-id}, never shown. A file encrypted whole that no password opens stops
 * the run before anything runs; a {@code !vault} value is opened when used, and fails that task at the value's place
 * ({@link VaultLazyTest}).
 */
class VaultTest {
    private static final String PLAYBOOK = EngineRun.fixture("vault/playbook.yml");
    private static final String INVENTORY = EngineRun.fixture("vault/inventory.yml");
    private static final String PASS = EngineRun.fixture("vault/vault-pass.txt");
    private static final String DNS_PASS = EngineRun.fixture("vault/dns-pass.txt");
    private static final List<String> PLAINTEXTS = List.of("c2VjcmV0LXRzaWcta2V5LWRhdGE=", "dns-admin-password",
            "iam-Pa55-word", "alice-admin-user");

    @Test
    void vaultedValuesAreDecryptedForTheRunAndMaskedInEveryOutput() throws Exception {
        RunResult r = EngineRun.cli(PLAYBOOK, "-i", INVENTORY, "--vault-password-file", PASS, "--vault-id", "dns@" + DNS_PASS, "-v");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("\"msg\": \"tsig=******** dns=******** iam=******** admin=******** server=ns1.example.test\""), r.out());
        assertEquals("ok=2    changed=0    unreachable=0    failed=0", r.recapLine("mp").replaceAll("\\s+skipped.*", "").strip().replaceFirst("^mp\\s*:\\s*", ""));
        for (String secret : PLAINTEXTS) {
            assertFalse(r.out().contains(secret) || r.err().contains(secret), secret + " shown:\n" + r.out());
            assertFalse(r.events().toString().contains(secret), secret + " in the events");
        }
    }

    @Test
    void valuesDerivedFromVaultedOnesStaySecretInEveryOutput(@TempDir Path dir) throws Exception {
        String secret = "c2VjcmV0LXRzaWcta2V5LWRhdGE=";
        String decoded = "secret-tsig-key-data";
        List<String> derived = List.of(secret, secret.toUpperCase(), secret.toLowerCase(), secret.substring(2),
                java.util.Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)), decoded,
                new StringBuilder(decoded).reverse().toString(), decoded.toUpperCase(), "secret-tsig", "alice-admin-user");
        Path journal = dir.resolve("journal");
        Path report = dir.resolve("review.html");
        RunResult r = EngineRun.cli(EngineRun.fixture("vault/derived.yml"), "-i", INVENTORY, "--vault-password-file", PASS,
                "--vault-id", "dns@" + DNS_PASS, "-v", "--diff", "-e", "out_dir=" + dir, "--journal", journal.toString(),
                "--report", report.toString());
        assertEquals(0, r.exitCode(), r.out() + r.err());
        String events = r.events().toString();
        String journaled = Files.readString(journal.resolve("journal.ndjson"));
        String reviewed = Files.readString(report);
        for (String value : derived) {
            assertFalse(r.out().contains(value) || r.err().contains(value), value + " shown:\n" + r.out() + r.err());
            assertFalse(events.contains(value), value + " in the events: " + events);
            assertFalse(journaled.contains(value), value + " in the journal");
            assertFalse(reviewed.contains(value), value + " in the review report");
        }
        assertTrue(r.out().contains("\"after\": \"TSIG=********\\n\""), "the registered diff, masked:\n" + r.out());
        assertTrue(r.out().contains("\"msg\": \"TSIG=********\\nADMIN=********\\n\""), r.out());
        assertEquals("TSIG=" + decoded + "\nADMIN=alice-admin-user\n", Files.readString(dir.resolve("tsig.env")), "the module was given the real text");
        assertTrue(r.out().contains("\"msg\": \"key=********; server=ns1.example.test admin=********!\""),
                "only the secret parts are masked:\n" + r.out());
        assertTrue(r.out().contains("\"msg\": \"upper=********\""), r.out());
        assertTrue(r.out().contains("cannot use ********"), r.out());
        assertEquals("key \"ns1.example.test\" {\n    secret \"" + decoded.toUpperCase() + "\";\n};\n",
                Files.readString(dir.resolve("tsig.conf")), "the module was given the real text");
    }

    @Test
    void theKeysOfAMapHoldingASecretStayReadable() {
        RunResult r = EngineRun.cli(EngineRun.fixture("vault/container-methods.yml"), "-i", INVENTORY, "--vault-password-file", PASS,
                "--vault-id", "dns@" + DNS_PASS);
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("\"msg\": [\n        \"user\",\n        \"password\",\n        \"changed\"\n    ]"), r.out());
        assertTrue(r.out().contains("\"msg\": \"[('user', 'operator'), ('password', '********'), ('changed', 'no')]"
                + " ['operator', '********', 'no']\""), r.out());
        assertTrue(r.out().contains("\"msg\": \"operator operator plain-token 1\""), r.out());
        assertTrue(r.out().contains("\"msg\": \"******** ******** ********\""), r.out());
        assertTrue(r.out().contains("\"msg\": \"['changed', 'password', 'user'] ['plain-token', '********'] operator\""), r.out());
        assertTrue(r.out().contains("\"msg\": \"user password changed operator\""), r.out());
        assertTrue(r.recapLine("mp").contains("changed=1"), r.out());
        for (String secret : List.of("dns-admin-password", "DNS-ADMIN-PASSWORD")) {
            assertFalse(r.out().contains(secret) || r.err().contains(secret), secret + " shown:\n" + r.out());
            assertFalse(r.events().toString().contains(secret), secret + " in the events");
        }
    }

    @Test
    void theLabelledSecretIsTriedFirstAndAnyOtherStillOpensTheRest() {
        // dns_admin names vault id 'dns'; given as the only --vault-id without label it is still tried
        RunResult r = EngineRun.cli(PLAYBOOK, "-i", INVENTORY, "--vault-id", PASS, "--vault-id", DNS_PASS);
        assertEquals(0, r.exitCode(), r.out() + r.err());
    }

    @Test
    void withoutAPasswordAVarsFileEncryptedWholeStopsTheRunBeforeAnythingRuns() {
        RunResult r = EngineRun.cli(PLAYBOOK, "-i", INVENTORY);
        assertEquals(3, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains("vault/mp-secrets.yml:1:1: this is encrypted with ansible-vault and no vault password was given"
                + " (give it with --vault-password-file FILE"), r.err());
        assertFalse(r.out().contains("TASK ["), "nothing ran: " + r.out());
    }

    @Test
    void aWrongPasswordFailsTheTaskThatUsesTheValueNamingTheSecretsTriedButNotTheirPasswords() {
        // the !vault values of group_vars are opened when used (as Ansible): dns_admin (vault id 'dns') fails its task
        RunResult r = EngineRun.cli(PLAYBOOK, "-i", INVENTORY, "--vault-password-file", PASS);
        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("vault/group_vars/all.yml:10:12: Decryption failed (no vault secrets were found that could"
                + " decrypt) (vault id 'dns'; tried default@" + PASS + ": give its password with --vault-id dns@FILE|prompt)"), r.out());
        assertTrue(r.out().contains("fatal: [mp]: FAILED!"), r.out());
        assertFalse(r.out().contains("rehearsal-vault-pass") || r.err().contains("rehearsal-vault-pass"), r.out() + r.err());
        for (String secret : PLAINTEXTS) {
            assertFalse(r.out().contains(secret) || r.err().contains(secret), secret + " shown:\n" + r.out());
        }
    }

    @Test
    void aMissingPasswordFileIsBadUsage() {
        RunResult r = EngineRun.cli(PLAYBOOK, "-i", INVENTORY, "--vault-password-file", "no-such-pass.txt");
        assertEquals(5, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains("ERROR: --vault-password-file: vault password file no-such-pass.txt does not exist"), r.err());
    }

    @Test
    void anExecutablePasswordFileIsRunAndAClientScriptIsAskedForItsLabel(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("pass-client.sh");
        Files.writeString(script, "#!/bin/sh\n[ \"$1\" = --vault-id ] && [ \"$2\" = dns ] && echo dns-team-pass && exit 0\nexit 3\n");
        script.toFile().setExecutable(true);
        RunResult r = EngineRun.cli(PLAYBOOK, "-i", INVENTORY, "--vault-password-file", PASS, "--vault-id", "dns@" + script);
        assertEquals(0, r.exitCode(), r.out() + r.err());
    }

    @Test
    void theInventoryCommandShowsVaultedVariablesMasked() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), "inventory", "--host", "mp", "-i", INVENTORY,
                "--vault-password-file", PASS, "--vault-id", "dns@" + DNS_PASS);
        assertEquals(0, code, err.toString());
        assertTrue(out.toString().contains("\"tsig_secret\": \"********\""), out.toString());
        assertTrue(out.toString().contains("\"dns_server\": \"ns1.example.test\""), out.toString());
        PLAINTEXTS.forEach(s -> assertFalse(out.toString().contains(s), s));
    }

    @Test
    void whatTheEngineEncryptsAPlaybookReadsBack(@TempDir Path dir) throws Exception {
        String vaulted = encryptString(dir, "token", "engine-made-secret");
        assertTrue(vaulted.startsWith("token: !vault |\n          $ANSIBLE_VAULT;1.1;AES256\n"), vaulted);
        Path playbook = dir.resolve("pb.yml");
        Files.writeString(playbook, """
                - hosts: all
                  gather_facts: false
                  vars:
                %s
                  tasks:
                    - assert: {that: ["token == 'engine-made-secret'"]}
                """.formatted(vaulted.indent(4).stripTrailing()));
        RunResult r = EngineRun.cli(playbook.toString(), "-i", "localhost,", "--vault-password-file", PASS);
        assertEquals(0, r.exitCode(), r.out() + r.err());
    }

    @Test
    void ansibleVaultOpensWhatTheEngineEncryptsAndTheOtherWayRound(@TempDir Path dir) throws Exception {
        Path ansibleVault = Path.of("/usr/bin/ansible-vault");
        assumeTrue(Files.isExecutable(ansibleVault), "ansible-vault is not installed: run the test setup (bin/test) to install ansible-core");
        Path file = dir.resolve("secrets.yml");
        Files.writeString(file, "password: from-the-engine\n");
        assertEquals(0, vault("encrypt", "--vault-id", "prod@" + PASS, file.toString()));
        assertTrue(Files.readString(file).startsWith("$ANSIBLE_VAULT;1.2;AES256;prod\n"));
        assertEquals("password: from-the-engine\n", run(ansibleVault.toString(), "view", "--vault-password-file", PASS, file.toString()));

        Files.writeString(file, "password: from-ansible\n");
        assertEquals("", run(ansibleVault.toString(), "encrypt", "--vault-password-file", PASS, file.toString()).strip());
        assertEquals(0, vault("decrypt", "--vault-password-file", PASS, file.toString()));
        assertEquals("password: from-ansible\n", Files.readString(file));
    }

    private static String encryptString(Path dir, String name, String value) throws Exception {
        StringWriter out = new StringWriter();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
                "vault", "encrypt_string", "--vault-password-file", PASS, "--name", name, value);
        assertEquals(0, code);
        return out.toString().strip();
    }

    private static int vault(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "vault";
        System.arraycopy(args, 0, all, 1, args.length);
        return Main.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true), all);
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "ansible-vault did not finish");
        assertEquals(0, p.exitValue(), String.join(" ", command) + ": " + err);
        return out;
    }
}
