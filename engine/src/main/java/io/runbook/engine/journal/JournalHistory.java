package io.runbook.engine.journal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.runbook.engine.exec.TaskJournal;
import io.runbook.engine.report.HostStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the journal of a run holds, read back: its records in order (a last line cut short by a crash is left out),
 * the sessions, and — with the journal's key — how every task instance last ended on every host, the secrets the
 * run learnt and the extra vars it was given.
 */
public final class JournalHistory {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path dir;
    private final List<Map<String, Object>> records;

    private JournalHistory(Path dir, List<Map<String, Object>> records) {
        this.dir = dir;
        this.records = records;
    }

    /** Reads the journal in {@code dir}; an {@link IOException} when there is none. */
    public static JournalHistory read(Path dir) throws IOException {
        Path file = dir.resolve(JournalFile.NAME);
        if (!Files.isRegularFile(file)) {
            throw new IOException(dir + " holds no run journal (no " + JournalFile.NAME + ")");
        }
        List<Map<String, Object>> records = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            try {
                @SuppressWarnings("unchecked")
                Map<String, Object> r = JSON.readValue(line, LinkedHashMap.class);
                records.add(r);
            } catch (IOException cutShort) {
                // the last record of a process killed while writing it: the rest is whole
            }
        }
        if (records.isEmpty() || !"session".equals(records.get(0).get("event"))) {
            throw new IOException(file + " does not begin with a session record: not a run journal");
        }
        return new JournalHistory(dir, records);
    }

    public Path dir() {
        return dir;
    }

    /** Every record, in the order written. */
    public List<Map<String, Object>> records() {
        return records;
    }

    /** The session records (the first is the run's start). */
    public List<Map<String, Object>> sessions() {
        return records.stream().filter(r -> "session".equals(r.get("event"))).toList();
    }

    /**
     * The exit code the last session ended with, if it reached its end (empty while it runs, or when it was killed or
     * stopped before it could say).
     */
    public Optional<Integer> lastExitCode() {
        for (int i = records.size() - 1; i >= 0; i--) {
            Map<String, Object> r = records.get(i);
            if ("session".equals(r.get("event"))) {
                return Optional.empty();
            }
            if ("playbook_end".equals(r.get("event")) && r.get("exit_code") instanceof Number n) {
                return Optional.of(n.intValue());
            }
        }
        return Optional.empty();
    }

    /** When the run's first session began. */
    public Instant started() {
        return Instant.parse((String) sessions().get(0).get("time"));
    }

    /** The first session's settings, with the extra vars unsealed. */
    public RunSettings settings(Sealer sealer, SealedValues values) throws IOException {
        Map<String, Object> s = sessions().get(0);
        @SuppressWarnings("unchecked")
        Map<String, Object> extra = (Map<String, Object>) values.read(sealer.open((String) s.get("extra_vars")));
        // a journal written before runs of several playbooks has only "playbook"
        List<Path> playbooks = s.get("playbooks") instanceof List<?> ? strings(s.get("playbooks")).stream().map(Path::of).toList()
                : List.of(Path.of((String) s.get("playbook")));
        return new RunSettings(playbooks, strings(s.get("inventories")), extra,
                (String) s.get("limit"), strings(s.get("tags")), strings(s.get("skip_tags")), (String) s.get("start_at_task"),
                Boolean.TRUE.equals(s.get("check")), Boolean.TRUE.equals(s.get("diff")));
    }

    /** The files the run read and their SHA-256, from every session (and includes), the latest hash of each. */
    public Map<String, String> files() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map<String, Object> r : records) {
            if ("session".equals(r.get("event")) && r.get("files") instanceof Map<?, ?> m) {
                m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
            } else if ("file".equals(r.get("event"))) {
                out.put((String) r.get("path"), (String) r.get("sha256"));
            }
        }
        return out;
    }

    /**
     * How each task instance last ended on each host ({@code host → id → outcome}): a task a later session started
     * again and did not finish counts as not finished.
     */
    Map<String, Map<String, TaskJournal.Finished>> outcomes(Sealer sealer, SealedValues values) throws IOException {
        Map<String, Map<String, TaskJournal.Finished>> out = new HashMap<>();
        for (Map<String, Object> r : records) {
            String event = (String) r.get("event");
            if ("host_task_start".equals(event)) {
                out.computeIfAbsent((String) r.get("host"), h -> new HashMap<>()).remove((String) r.get("id"));
            } else if ("done".equals(event)) {
                @SuppressWarnings("unchecked")
                Map<String, Object> result = (Map<String, Object>) values.read(sealer.open((String) r.get("sealed")));
                HostStatus status = HostStatus.valueOf(((String) r.get("status")).toUpperCase());
                out.computeIfAbsent((String) r.get("host"), h -> new HashMap<>()).put((String) r.get("id"),
                        new TaskJournal.Finished(status, Boolean.TRUE.equals(r.get("ignored")), result));
            }
        }
        return out;
    }

    /** {@code host → ids} of task instances whose module made a change in an attempt that never ended. */
    Map<String, java.util.Set<String>> unfinishedChanges() {
        Map<String, java.util.Set<String>> out = new HashMap<>();
        for (Map<String, Object> r : records) {
            String event = (String) r.get("event");
            if ("change_made".equals(event)) {
                out.computeIfAbsent((String) r.get("host"), h -> new java.util.HashSet<>()).add((String) r.get("id"));
            } else if ("done".equals(event)) {
                out.getOrDefault((String) r.get("host"), new java.util.HashSet<>()).remove((String) r.get("id"));
            }
        }
        return out;
    }

    /** The secret values the run learnt (vault values, secret arguments and results), unsealed. */
    List<String> secrets(Sealer sealer, SealedValues values) throws IOException {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> r : records) {
            if ("secrets".equals(r.get("event")) && values.read(sealer.open((String) r.get("sealed"))) instanceof List<?> l) {
                l.forEach(s -> out.add(String.valueOf(s)));
            }
        }
        return out;
    }

    /** The last session's process id and start, when it never wrote its end (it was killed or is running). */
    public Optional<Map<String, Object>> unfinishedSession() {
        Map<String, Object> last = null;
        for (Map<String, Object> r : records) {
            if ("session".equals(r.get("event"))) {
                last = r;
            } else if ("playbook_end".equals(r.get("event"))) {
                last = null;
            }
        }
        return Optional.ofNullable(last);
    }

    private static List<String> strings(Object o) {
        return o instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }
}
