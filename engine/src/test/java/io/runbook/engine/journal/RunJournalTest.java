package io.runbook.engine.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.exec.TaskJournal;
import io.runbook.engine.report.HostStatus;
import io.runbook.engine.report.Redactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal's own promises: what a crash leaves is readable, a resume knows what finished, sealed stays sealed. */
class RunJournalTest {
    private static final RunSettings SETTINGS = new RunSettings(Path.of("site.yml"), List.of("hosts.yml"),
            Map.of("token", "s3cr3t-extra"), null, List.of(), List.of(), null, false, false);
    @TempDir
    Path dir;

    private RunJournal create(Redactor redactor) throws IOException {
        Files.createDirectories(dir);
        return RunJournal.create(dir, SETTINGS, Map.of(), redactor, s -> s);
    }

    private static TaskJournal.Finished finished(HostStatus status, Object value) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("changed", status == HostStatus.CHANGED);
        r.put("value", value);
        return new TaskJournal.Finished(status, false, r);
    }

    @Test
    void aResumeKnowsWhatFinishedAndWhatALaterSessionStartedAgainWithoutFinishing() throws IOException {
        try (RunJournal first = create(new Redactor())) {
            first.hostTaskStart("a", "site.yml:3:7");
            first.finished("a", "site.yml:3:7", finished(HostStatus.CHANGED, List.of(1, 2.5, true)));
            first.hostTaskStart("a", "site.yml:6:7");
            first.finished("a", "site.yml:6:7", finished(HostStatus.FAILED, "no"));
            first.hostTaskStart("b", "site.yml:3:7");
            first.finished("b", "site.yml:3:7", finished(HostStatus.OK, null));
        }
        try (RunJournal second = RunJournal.resume(JournalHistory.read(dir), SETTINGS, Map.of(), new Redactor(), s -> s)) {
            assertTrue(second.resuming());
            TaskJournal.Finished a = second.finishedBefore("a", "site.yml:3:7").orElseThrow();
            assertEquals(HostStatus.CHANGED, a.status());
            assertEquals(List.of(1, 2.5, true), a.result().get("value"));
            assertFalse(second.finishedBefore("a", "site.yml:6:7").orElseThrow().done(), "a failure is not done");
            assertTrue(second.finishedBefore("a", "site.yml:9:7").isEmpty());
            // this session starts b's task again and is killed before it ends
            second.hostTaskStart("b", "site.yml:3:7");
        }
        JournalHistory history = JournalHistory.read(dir);
        assertEquals(2, history.sessions().size());
        try (RunJournal third = RunJournal.resume(history, SETTINGS, Map.of(), new Redactor(), s -> s)) {
            assertTrue(third.finishedBefore("b", "site.yml:3:7").isEmpty(), "started again and not finished: not done");
            assertTrue(third.finishedBefore("a", "site.yml:3:7").isPresent());
            assertEquals(history.started(), third.firstStarted().orElseThrow(), "the run began with the first session");
        }
    }

    @Test
    void aChangeMadeByAnAttemptThatNeverEndedIsKnownToTheResume() throws IOException {
        try (RunJournal first = create(new Redactor())) {
            first.hostTaskStart("a", "dns.yml:3:7");
            first.madeChange("a", "dns.yml:3:7");
            first.hostTaskStart("b", "dns.yml:3:7");
            first.madeChange("b", "dns.yml:3:7");
            first.finished("b", "dns.yml:3:7", finished(HostStatus.CHANGED, "ended"));
        }
        try (RunJournal resumed = RunJournal.resume(JournalHistory.read(dir), SETTINGS, Map.of(), new Redactor(), s -> s)) {
            assertTrue(resumed.changedBefore("a", "dns.yml:3:7"), "killed after its change: the change counts");
            assertFalse(resumed.changedBefore("b", "dns.yml:3:7"), "ended: its own result counts");
            assertFalse(resumed.changedBefore("a", "dns.yml:9:7"));
        }
    }

    @Test
    void anAttemptsChangeIsRecordedOnceAndALaterAttemptsChangeAgain() throws IOException {
        try (RunJournal first = create(new Redactor())) {
            first.hostTaskStart("a", "rotate.yml:3:7");
            for (int secret = 0; secret < 4; secret++) {
                first.madeChange("a", "rotate.yml:3:7");
            }
            first.finished("a", "rotate.yml:3:7", finished(HostStatus.CHANGED, "ended"));
            // the same task instance again (a later attempt): its change is its own, recorded again, then killed
            first.hostTaskStart("a", "rotate.yml:3:7");
            first.madeChange("a", "rotate.yml:3:7");
            first.madeChange("a", "rotate.yml:3:7");
        }
        long changeRecords = Files.readAllLines(dir.resolve(JournalFile.NAME)).stream()
                .filter(line -> line.contains("\"change_made\"")).count();
        assertEquals(2, changeRecords, "one record per attempt, however many changes it made");
        try (RunJournal resumed = RunJournal.resume(JournalHistory.read(dir), SETTINGS, Map.of(), new Redactor(), s -> s)) {
            assertTrue(resumed.changedBefore("a", "rotate.yml:3:7"), "the later attempt was killed after its change");
        }
    }

    @Test
    void hostsFinishingAtOnceEachLeaveWholeRecordsThatAResumeReads() throws Exception {
        int hosts = 64;
        try (RunJournal journal = create(new Redactor())) {
            var pool = java.util.concurrent.Executors.newFixedThreadPool(16);
            try {
                List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
                for (int i = 0; i < hosts; i++) {
                    String host = "h" + i;
                    done.add(pool.submit(() -> {
                        journal.hostTaskStart(host, "rotate.yml:3:7");
                        journal.madeChange(host, "rotate.yml:3:7");
                        // every other host fails: a failure is forced to the disk while the others go on writing
                        journal.finished(host, "rotate.yml:3:7",
                                finished(host.hashCode() % 2 == 0 ? HostStatus.FAILED : HostStatus.CHANGED, host));
                    }));
                }
                for (var f : done) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
        }
        List<String> lines = Files.readAllLines(dir.resolve(JournalFile.NAME));
        assertEquals(1 + 3 * hosts, lines.size(), "the session, then a start, a change and an end per host");
        assertTrue(lines.stream().allMatch(l -> l.startsWith("{") && l.endsWith("}")), "no record is cut or mixed");
        try (RunJournal resumed = RunJournal.resume(JournalHistory.read(dir), SETTINGS, Map.of(), new Redactor(), s -> s)) {
            for (int i = 0; i < hosts; i++) {
                TaskJournal.Finished f = resumed.finishedBefore("h" + i, "rotate.yml:3:7").orElseThrow();
                assertEquals("h" + i, f.result().get("value"));
            }
        }
    }

    @Test
    void aRecordCutShortByACrashIsLeftOutAndTheRestIsRead() throws IOException {
        try (RunJournal journal = create(new Redactor())) {
            journal.hostTaskStart("a", "site.yml:3:7");
            journal.finished("a", "site.yml:3:7", finished(HostStatus.OK, "x"));
        }
        Files.writeString(dir.resolve(JournalFile.NAME), "{\"event\": \"done\", \"host\": \"a\", \"sea",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        JournalHistory history = JournalHistory.read(dir);
        assertEquals(3, history.records().size(), "session, start, done");
        try (RunJournal resumed = RunJournal.resume(history, SETTINGS, Map.of(), new Redactor(), s -> s)) {
            assertTrue(resumed.finishedBefore("a", "site.yml:3:7").isPresent());
        }
    }

    @Test
    void resultsExtraVarsAndSecretsAreSealedPrivateAndComeBackWithTheKeyOnly() throws IOException {
        Redactor redactor = new Redactor();
        redactor.add("vault-value-42");
        try (RunJournal journal = create(redactor)) {
            journal.hostTaskStart("a", "site.yml:3:7");
            journal.finished("a", "site.yml:3:7", finished(HostStatus.OK, Map.of("password", "vault-value-42", "plain", "registered-text")));
        }
        for (Path f : List.of(dir.resolve(JournalFile.NAME), dir.resolve(Sealer.KEY_FILE))) {
            String text = Files.readString(f);
            for (String clear : List.of("vault-value-42", "registered-text", "s3cr3t-extra")) {
                assertFalse(text.contains(clear), f + " holds " + clear);
            }
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        }
        Redactor fresh = new Redactor();
        try (RunJournal resumed = RunJournal.resume(JournalHistory.read(dir), SETTINGS, Map.of(), fresh, s -> s)) {
            assertEquals(Map.of("password", "vault-value-42", "plain", "registered-text"),
                    resumed.finishedBefore("a", "site.yml:3:7").orElseThrow().result().get("value"));
        }
        assertEquals("pw ********", fresh.redact("pw vault-value-42"), "a resumed session masks what the run knew as secret");
        assertEquals(Map.of("token", "s3cr3t-extra"), RunJournal.settingsOf(JournalHistory.read(dir), s -> s).extraVars());

        Files.writeString(dir.resolve(Sealer.KEY_FILE), java.util.Base64.getEncoder().encodeToString(new byte[32]));
        IOException wrongKey = assertThrows(IOException.class, () -> RunJournal.settingsOf(JournalHistory.read(dir), s -> s));
        assertTrue(wrongKey.getMessage().contains("does not open with its key"), wrongKey.getMessage());
        Files.delete(dir.resolve(Sealer.KEY_FILE));
        IOException noKey = assertThrows(IOException.class, () -> RunJournal.settingsOf(JournalHistory.read(dir), s -> s));
        assertTrue(noKey.getMessage().contains("the journal's key " + dir.resolve("key") + " is missing"), noKey.getMessage());
    }

    @Test
    void theSettingsKeepEveryPlaybookOfARunOfSeveralAndAnOlderJournalHasItsOne() throws IOException {
        RunSettings several = new RunSettings(List.of(Path.of("site.yml"), Path.of("checks/verify.yml")), List.of("hosts.yml"),
                Map.of(), null, List.of(), List.of(), null, false, false);
        Files.createDirectories(dir);
        RunJournal.create(dir, several, Map.of(), new Redactor(), s -> s).close();
        assertEquals(List.of(Path.of("site.yml").toAbsolutePath(), Path.of("checks/verify.yml").toAbsolutePath()),
                RunJournal.settingsOf(JournalHistory.read(dir), s -> s).playbooks());

        // a journal written before runs of several playbooks names only "playbook"
        Path file = dir.resolve(JournalFile.NAME);
        List<String> lines = Files.readAllLines(file);
        lines.set(0, lines.get(0).replaceFirst("\"playbooks\": ?\\[[^\\]]*\\],? ?", ""));
        assertFalse(lines.get(0).contains("playbooks"), lines.get(0));
        Files.write(file, lines);
        assertEquals(List.of(Path.of("site.yml").toAbsolutePath()), RunJournal.settingsOf(JournalHistory.read(dir), s -> s).playbooks());
    }

    @Test
    void secretTextComesBackSecret() throws IOException {
        SealedValues values = new SealedValues(s -> new StringBuilder(s));
        CharSequence secret = new StringBuilder("hidden");
        Object back = values.read(values.write(Map.of("k", Arrays.asList(secret, "plain", null, 7L))));
        List<?> list = (List<?>) ((Map<?, ?>) back).get("k");
        assertTrue(list.get(0) instanceof StringBuilder, "made by the secret-text factory: " + list.get(0).getClass());
        assertEquals("hidden", list.get(0).toString());
        assertEquals(Arrays.asList("plain", null, 7), list.subList(1, 4));
    }

    @Test
    void aValueIsWrittenAsJacksonWritesItsPlainForm() throws IOException {
        // written straight from the value, not copied into its plain form first: the same text, byte for byte
        Map<Object, Object> numberKeys = new java.util.LinkedHashMap<>();
        numberKeys.put(1, "one");
        numberKeys.put("1", "one again");
        numberKeys.put(2.5, List.of());
        Map<String, Object> value = new java.util.LinkedHashMap<>();
        value.put("text", "caf\u00e9 \"quoted\" \u2014 \n");
        value.put("secret", new StringBuilder("hidden"));
        value.put("numbers", Arrays.asList(1, 2L, 3.25, 1.5f, (short) 4, new java.math.BigInteger("123456789012345678901234567890"),
                new java.math.BigDecimal("1.10"), Double.NaN, null, true, false));
        value.put("nested", Map.of("list", java.util.Set.of("a"), "array", new Object[] {"x", 1}, "empty", Map.of()));
        value.put("numberKeys", numberKeys);
        value.put("other", java.time.Duration.ofSeconds(3));
        String expected = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(SealedValues.plain(value));
        assertEquals(expected, new SealedValues(s -> s).write(value));
    }

    @Test
    void aVaultValueNotOpenedYetIsKeptAsItsCiphertextAndComesBackUnopened() throws IOException {
        // no password: journaling the value must not open it (which would fail), and a resume must get it back sealed
        String envelope = io.runbook.engine.vault.VaultCipher.encrypt("db-Pa55word".getBytes(StandardCharsets.UTF_8),
                "prod-pass".getBytes(StandardCharsets.UTF_8), "prod");
        io.runbook.engine.error.SourcePosition at = new io.runbook.engine.error.SourcePosition(Path.of("group_vars/prod.yml"), 3, 14);
        io.runbook.engine.vars.SecretText sealed = io.runbook.engine.vars.SecretText.vaulted(
                io.runbook.engine.vault.Vault.NONE.seal(envelope, at));
        SealedValues values = new SealedValues(s -> new StringBuilder(s));
        String written = values.write(Map.of("db_password", sealed));
        assertTrue(written.contains("$ANSIBLE_VAULT;1.2;AES256;prod"), written);
        Object back = ((Map<?, ?>) values.read(written)).get("db_password");
        io.runbook.engine.vars.SecretText text = (io.runbook.engine.vars.SecretText) back;
        assertEquals(at, text.unopened().position());
        assertEquals(envelope, text.unopened().envelope());
        io.runbook.engine.error.UserError e = org.junit.jupiter.api.Assertions.assertThrows(io.runbook.engine.error.UserError.class,
                text::toString);
        assertTrue(e.format().startsWith("group_vars/prod.yml:3:14: Attempting to decrypt but no vault secrets found"), e.format());
    }
    @Test
    void textOfEveryKindIsWrittenAsUtf8AndReadBackWhole() throws IOException {
        // ASCII, Latin-1, the em dash of progress lines, an emoji (a surrogate pair), and a record larger than the
        // journal's line buffer
        String big = "x".repeat(40_000) + "\u00e9";
        List<String> texts = List.of("plain", "caf\u00e9", "regenerated 0/4 \u2014 waiting", "ok \uD83D\uDE80 done", big);
        try (RunJournal journal = create(new Redactor())) {
            for (int i = 0; i < texts.size(); i++) {
                journal.hostTaskStart("h" + i, "site.yml:3:7");
                journal.progress("h" + i, texts.get(i));
                journal.finished("h" + i, "site.yml:3:7", finished(HostStatus.OK, texts.get(i)));
            }
            // a lone surrogate is written as String.getBytes writes it: '?'
            journal.warning("half \uD83D pair");
        }
        String file = Files.readString(dir.resolve(JournalFile.NAME), StandardCharsets.UTF_8);
        for (String t : texts) {
            assertTrue(file.contains(t), "the journal holds " + t.substring(0, Math.min(30, t.length())));
        }
        assertTrue(file.contains("half ? pair"), "a lone surrogate as '?'");
        try (RunJournal resumed = RunJournal.resume(JournalHistory.read(dir), SETTINGS, Map.of(), new Redactor(), s -> s)) {
            for (int i = 0; i < texts.size(); i++) {
                assertEquals(texts.get(i), resumed.finishedBefore("h" + i, "site.yml:3:7").orElseThrow().result().get("value"));
            }
        }
    }

    @Test
    void aHostsResultReadsTheSameInTheJournalAndTheEventLogAndIsRedactedInBoth() throws IOException {
        Redactor redactor = new Redactor();
        redactor.add("tok-9f8e7d6c5b4a");
        Path events = dir.resolve("events.jsonl");
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("msg", "rotated tok-9f8e7d6c5b4a \u2014 done");
        result.put("changed", true);
        result.put("data", Map.of("b", 2, "a", List.of(1, "x")));
        io.runbook.engine.report.HostResult line = new io.runbook.engine.report.HostResult("c1", null, "rotate",
                "k8s_apply", HostStatus.CHANGED, null, false, false, false, result, List.of(), List.of());
        try (RunJournal journal = create(redactor); var log = new io.runbook.engine.report.EventLog(events, redactor)) {
            journal.hostTaskStart("c1", "site.yml:3:7");
            journal.hostResult(line);
            log.hostResult(line);
        }
        String expected = "\"result\": {\"changed\": true, \"data\": {\"a\": [1, \"x\"], \"b\": 2}, "
                + "\"msg\": \"rotated ******** \u2014 done\"}";
        for (Path f : List.of(dir.resolve(JournalFile.NAME), events)) {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            assertTrue(text.contains(expected), f + ": " + text);
            assertFalse(text.contains("tok-9f8e7d6c5b4a"), f + " holds the secret");
        }
        assertEquals(line, new io.runbook.engine.report.HostResult("c1", null, "rotate", "k8s_apply", HostStatus.CHANGED,
                null, false, false, false, result, List.of(), List.of()), "the result's text plays no part in equality");
    }
}
