package io.runbook.engine.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --events FILE}: one JSON object per line, written and flushed as the run goes, secrets redacted. */
public final class EventLog implements RunListener, AutoCloseable {
    private final BufferedWriter writer;
    private final Redactor redactor;

    public EventLog(Path file, Redactor redactor) {
        try {
            this.writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write events to " + file + ": " + e.getMessage(), e);
        }
        this.redactor = redactor;
    }

    @Override
    public void playbookStart(String file, boolean check) {
        emit("playbook_start", Map.of("playbook", file, "check", check));
    }

    @Override
    public void playStart(String name, List<String> hosts) {
        emit("play_start", map("play", name, "hosts", hosts));
    }

    @Override
    public void taskStart(String name, String action, String position, boolean handler) {
        emit(handler ? "handler_start" : "task_start", map("task", name, "action", action, "position", position));
    }

    @Override
    public void included(String file, List<String> hosts, String item) {
        Map<String, Object> f = map("file", file, "hosts", hosts);
        if (item != null) {
            f.put("item", item);
        }
        emit("included", f);
    }

    @Override
    public void noHostsMatched() {
        emit("no_hosts_matched", map());
    }

    @Override
    public void noMoreHosts() {
        emit("no_more_hosts", map());
    }

    @Override
    public void hostResult(HostResult r) {
        Map<String, Object> f = map("host", r.host(), "task", r.task(), "action", r.action(),
                "status", r.status().name().toLowerCase(), "result", r.resultJson());
        if (r.item() != null) {
            f.put("item", r.item());
        }
        if (r.delegate() != null) {
            f.put("delegate", r.delegate());
        }
        if (r.ignored()) {
            f.put("ignored", true);
        }
        if (r.replayed()) {
            f.put("replayed", true);
        }
        emit(r.loopEnd() ? "loop_end" : "host_result", f);
    }

    @Override
    public void retrying(String host, String task, int retriesLeft) {
        emit("retrying", map("host", host, "task", task, "retries_left", retriesLeft));
    }

    @Override
    public void progress(String host, String status) {
        emit("progress", map("host", host, "status", status));
    }

    @Override
    public void progressLine(String host, String text) {
        emit("progress_line", map("host", host, "text", text));
    }

    @Override
    public void warning(String message) {
        emit("warning", map("message", message));
    }

    @Override
    public void deprecation(io.runbook.engine.module.Deprecation d) {
        emit("deprecation", d.toMap());
    }

    @Override
    public void recap(Map<String, HostStats> stats) {
        Map<String, Object> s = new LinkedHashMap<>();
        stats.forEach((h, st) -> s.put(h, map("ok", st.ok(), "changed", st.changed(), "unreachable", st.unreachable(),
                "failures", st.failed(), "skipped", st.skipped(), "rescued", st.rescued(), "ignored", st.ignored())));
        emit("recap", map("stats", s));
    }

    @Override
    public void aborted(String message) {
        emit("aborted", map("message", message));
    }

    @Override
    public void interrupted(String reason) {
        emit("interrupted", map("reason", reason));
    }

    @Override
    public void playbookEnd(int exitCode) {
        emit("playbook_end", map("exit_code", exitCode));
    }

    /**
     * The line is made (and redacted) before the lock: hosts reporting at once wait only for each other's write. Its
     * time is when the event happened, so two hosts' lines a moment apart may be written in the other order.
     */
    private void emit(String event, Map<String, Object> fields) {
        // the line's keys are sorted (Json), so event and time join the fields' own map when it is one of map()'s
        Map<String, Object> e = fields instanceof LinkedHashMap ? fields : new LinkedHashMap<>(fields);
        e.put("event", event);
        e.put("time", IsoInstant.now());
        String line = redactor.redact(Json.compact(e));
        synchronized (this) {
            try {
                writer.write(line);
                writer.newLine();
                writer.flush();
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Override
    public synchronized void close() throws IOException {
        writer.close();
    }
}
