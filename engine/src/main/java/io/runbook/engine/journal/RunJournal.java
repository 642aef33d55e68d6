package io.runbook.engine.journal;

import io.runbook.engine.exec.TaskJournal;
import io.runbook.engine.report.HostResult;
import io.runbook.engine.report.HostStats;
import io.runbook.engine.report.HostStatus;
import io.runbook.engine.report.Json;
import io.runbook.engine.report.Redactor;
import io.runbook.engine.report.RunListener;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The run journal of one session of a run: a listener that appends every event of the executor to
 * {@code journal.ndjson} as it happens (results redacted, as the console shows them), plus what a resume needs:
 * for every task instance that ends, its status and its registered result, sealed ({@link Sealer}), and the
 * secrets the run learnt, sealed. When the session resumes a run, it answers the executor from the journal's
 * earlier sessions ({@link #finishedBefore}).
 */
public final class RunJournal implements RunListener, TaskJournal, AutoCloseable {
    private static final long PROGRESS_EVERY_MILLIS = 5000;
    private final Path dir;
    private final JournalFile file;
    private final Sealer sealer;
    private final SealedValues values;
    private final Redactor redactor;
    private final Map<String, Map<String, Finished>> before;
    private final Map<String, Set<String>> changedBefore;
    private final Instant firstStarted;
    private final boolean resuming;
    private final Map<String, String> current = new ConcurrentHashMap<>();
    private final Map<String, Long> lastProgress = new ConcurrentHashMap<>();
    private final Set<String> sealedSecrets = new HashSet<>();
    /** How many of the redactor's secrets ({@link Redactor#knownSince}) were sealed (under {@link #sealedSecrets}). */
    private int sealedCount;
    private final Set<String> hashed = ConcurrentHashMap.newKeySet();
    /** Task instances (host and id) whose change this attempt already recorded: one record (and disk flush) says it. */
    private final Set<String> changeRecorded = ConcurrentHashMap.newKeySet();

    private RunJournal(Path dir, JournalFile file, Sealer sealer, SealedValues values, Redactor redactor,
                       Map<String, Map<String, Finished>> before, Map<String, Set<String>> changedBefore, Instant firstStarted,
                       boolean resuming) {
        this.dir = dir;
        this.file = file;
        this.sealer = sealer;
        this.values = values;
        this.redactor = redactor;
        this.before = before;
        this.changedBefore = changedBefore;
        this.firstStarted = firstStarted;
        this.resuming = resuming;
    }

    /**
     * Starts the journal of a new run in {@code dir} (an existing folder without a journal, see
     * {@link RunDirectories}): its key, and the session record with the settings and the files' hashes.
     * {@code secretText} makes secret text from characters.
     */
    public static RunJournal create(Path dir, RunSettings settings, Map<String, String> files, Redactor redactor,
                                    Function<String, Object> secretText) throws IOException {
        Sealer sealer = Sealer.create(dir);
        // the session record's time is the run's start: runbook_run_started now and after any --resume
        Instant now = Instant.now();
        RunJournal journal = new RunJournal(dir, JournalFile.append(dir), sealer, new SealedValues(secretText), redactor,
                Map.of(), Map.of(), now, false);
        journal.session(1, settings, files, now);
        return journal;
    }

    /**
     * Opens a new session of the run journaled in {@code history}: what it says ended is replayed, the secrets it
     * learnt are masked again, and this session's records follow the earlier ones.
     */
    public static RunJournal resume(JournalHistory history, RunSettings settings, Map<String, String> files,
                                    Redactor redactor, Function<String, Object> secretText) throws IOException {
        Sealer sealer = Sealer.open(history.dir());
        SealedValues values = new SealedValues(secretText);
        history.secrets(sealer, values).forEach(redactor::add);
        RunJournal journal = new RunJournal(history.dir(), JournalFile.append(history.dir()), sealer, values, redactor,
                history.outcomes(sealer, values), history.unfinishedChanges(), history.started(), true);
        journal.session(history.sessions().size() + 1, settings, files, Instant.now());
        return journal;
    }

    /** Teaches {@code redactor} the secrets the journaled run learnt (to make reports of it without resuming it). */
    public static void learnSecrets(JournalHistory history, Redactor redactor, Function<String, Object> secretText)
            throws IOException {
        history.secrets(Sealer.open(history.dir()), new SealedValues(secretText)).forEach(redactor::add);
    }

    /** The settings a journaled run was started with (the extra vars unsealed with the journal's key). */
    public static RunSettings settingsOf(JournalHistory history, Function<String, Object> secretText) throws IOException {
        return history.settings(Sealer.open(history.dir()), new SealedValues(secretText));
    }

    public Path dir() {
        return dir;
    }

    /** How many task instances earlier sessions finished (what this session can replay), per host. */
    public Map<String, Integer> replayable() {
        Map<String, Integer> out = new java.util.TreeMap<>();
        before.forEach((host, tasks) -> out.put(host, (int) tasks.values().stream().filter(Finished::done).count()));
        return out;
    }

    private void session(int number, RunSettings s, Map<String, String> files, Instant time) {
        ProcessHandle me = ProcessHandle.current();
        Map<String, Object> r = record("session");
        r.put("time", time.toString());
        r.put("session", number);
        r.put("pid", me.pid());
        me.info().startInstant().ifPresent(i -> r.put("process_started", i.toString()));
        r.put("playbook", s.playbook().toAbsolutePath().normalize().toString());
        // every playbook of the run, in order (the first is "playbook", as journals of one playbook have it)
        r.put("playbooks", s.playbooks().stream().map(p -> p.toAbsolutePath().normalize().toString()).toList());
        r.put("cwd", Path.of("").toAbsolutePath().toString());
        r.put("inventories", s.inventories());
        r.put("limit", s.limit());
        r.put("tags", s.tags());
        r.put("skip_tags", s.skipTags());
        r.put("start_at_task", s.startAtTask());
        r.put("check", s.check());
        r.put("diff", s.diff());
        r.put("extra_var_names", List.copyOf(s.extraVars().keySet()));
        r.put("extra_vars", sealer.seal(values.write(s.extraVars())));
        r.put("files", files);
        hashed.addAll(files.keySet());
        file.write(Json.compact(r), true);
    }

    /** Where each playbook of the run begins (a run of several has one per playbook, a session's replay too). */
    @Override
    public void playbookStart(String playbook, boolean check) {
        write(record("playbook_start", "playbook", Path.of(playbook).toAbsolutePath().normalize().toString()), false);
    }

    @Override
    public void playStart(String name, List<String> hosts) {
        write(record("play_start", "play", name, "hosts", hosts), true);
    }

    @Override
    public void noHostsMatched() {
        write(record("no_hosts_matched"), false);
    }

    @Override
    public void warning(String message) {
        write(record("warning", "message", message), false);
    }

    @Override
    public void taskStart(String name, String action, String position, boolean handler) {
        write(record(handler ? "handler_start" : "task_start", "task", name, "action", action, "position", position), false);
    }

    @Override
    public void hostTaskStart(String host, String taskId) {
        current.put(host, taskId);
        changeRecorded.remove(host + '\n' + taskId);
        write(record("host_task_start", "host", host, "id", taskId), false);
    }

    @Override
    public void included(String included, List<String> hosts, String item) {
        Map<String, Object> r = record("included", "file", included, "hosts", hosts);
        if (item != null) {
            r.put("item", item);
        }
        write(r, false);
        Path p = Path.of(included).toAbsolutePath().normalize();
        if (hashed.add(p.toString()) && java.nio.file.Files.isRegularFile(p)) {
            write(record("file", "path", p.toString(), "sha256", RunFiles.sha256(p)), false);
        }
    }

    @Override
    public void hostResult(HostResult h) {
        if (h.replayed()) {
            return;
        }
        Map<String, Object> r = record(h.loopEnd() ? "loop_end" : "host_result", "host", h.host(), "id", current.get(h.host()),
                "task", h.task(), "action", h.action(), "status", h.status().name().toLowerCase());
        if (h.item() != null) {
            r.put("item", h.item());
        }
        if (h.delegate() != null) {
            r.put("delegate", h.delegate());
        }
        if (h.ignored()) {
            r.put("ignored", true);
        }
        r.put("result", h.resultJson());
        write(r, false);
    }

    @Override
    public void retrying(String host, String task, int retriesLeft) {
        write(record("retrying", "host", host, "id", current.get(host), "task", task, "retries_left", retriesLeft), false);
    }

    @Override
    public void progress(String host, String status) {
        long now = System.currentTimeMillis();
        Long last = lastProgress.get(host);
        if (last == null || now - last >= PROGRESS_EVERY_MILLIS) {
            lastProgress.put(host, now);
            write(record("progress", "host", host, "id", current.get(host), "status", status), false);
        }
    }

    @Override
    public void noMoreHosts() {
        write(record("no_more_hosts"), false);
    }

    @Override
    public void recap(Map<String, HostStats> stats) {
        Map<String, Object> s = new LinkedHashMap<>();
        stats.forEach((h, st) -> s.put(h, Map.of("ok", st.ok(), "changed", st.changed(), "unreachable", st.unreachable(),
                "failures", st.failed(), "skipped", st.skipped(), "rescued", st.rescued(), "ignored", st.ignored())));
        write(record("recap", "stats", s), false);
    }

    @Override
    public void interrupted(String reason) {
        write(record("interrupted", "reason", reason), true);
    }

    @Override
    public void playbookEnd(int exitCode) {
        write(record("playbook_end", "exit_code", exitCode), true);
    }

    @Override
    public void finished(String host, String taskId, Finished outcome) {
        sealNewSecrets();
        Map<String, Object> r = record("done", "host", host, "id", taskId, "status", outcome.status().name().toLowerCase());
        if (outcome.ignored()) {
            r.put("ignored", true);
        }
        r.put("sealed", sealer.seal(values.write(outcome.result())));
        // sealed values are never redacted (a masked cipher text would not open): this record has nothing else to hide
        file.write(Json.compact(r), !outcome.done());
        changeRecorded.remove(host + '\n' + taskId);
    }

    @Override
    public void madeChange(String host, String taskId) {
        // resuming needs to know that the attempt changed something, not how often: a module that deletes four
        // Secrets says so four times, and only the first is written. Written at once, it survives a killed engine; it
        // is forced to the disk with the next force (within about a second), as any result is: forcing each one
        // made a thousand hosts deleting Secrets wait for the disk one after the other
        if (!changeRecorded.add(host + '\n' + taskId)) {
            return;
        }
        file.write(Json.compact(record("change_made", "host", host, "id", taskId)), false);
    }

    @Override
    public boolean changedBefore(String host, String taskId) {
        return changedBefore.getOrDefault(host, Set.of()).contains(taskId);
    }

    @Override
    public Optional<Finished> finishedBefore(String host, String taskId) {
        Map<String, Finished> tasks = before.get(host);
        return tasks == null ? Optional.empty() : Optional.ofNullable(tasks.get(taskId));
    }

    @Override
    public boolean resuming() {
        return resuming;
    }

    @Override
    public Optional<Instant> firstStarted() {
        return Optional.ofNullable(firstStarted);
    }

    /** Seals the secrets the redactor learnt since the last time, so a resumed session masks them too. */
    private void sealNewSecrets() {
        List<String> fresh;
        synchronized (sealedSecrets) {
            // only those learnt since the last time: a thousand hosts' tokens are not gone through at every task's end
            List<String> learnt = redactor.knownSince(sealedCount);
            sealedCount += learnt.size();
            fresh = learnt.stream().filter(sealedSecrets::add).toList();
        }
        if (!fresh.isEmpty()) {
            file.write(Json.compact(record("secrets", "sealed", sealer.seal(values.write(fresh)))), false);
        }
    }

    private void write(Map<String, Object> r, boolean force) {
        file.write(redactor.redact(Json.compact(r)), force);
    }

    private static Map<String, Object> record(String event, Object... kv) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("event", event);
        r.put("time", io.runbook.engine.report.IsoInstant.now());
        for (int i = 0; i < kv.length; i += 2) {
            r.put((String) kv[i], kv[i + 1]);
        }
        return r;
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
