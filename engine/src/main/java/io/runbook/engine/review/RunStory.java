package io.runbook.engine.review;

import io.runbook.engine.journal.JournalHistory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A run told from its journal, for the reports: its sessions (the first start and every resume), and every attempt of
 * every task instance on every host in the order they started, with the final recap. Built from the redacted records
 * only: it needs no key and holds no secret.
 */
public final class RunStory {
    private final List<Path> playbooks;
    private final List<Session> sessions = new ArrayList<>();
    private final List<Attempt> attempts = new ArrayList<>();
    private final java.util.Set<String> hosts = new java.util.LinkedHashSet<>();
    private Map<String, Map<String, Integer>> recap = Map.of();

    /** One session: who ran it, when, and how it ended (null exit code: killed). */
    public record Session(int number, long pid, Instant started, Instant lastRecord, Integer exitCode) {
    }

    private RunStory(List<Path> playbooks) {
        this.playbooks = List.copyOf(playbooks);
    }

    public static RunStory of(JournalHistory history) {
        Map<String, Object> first = history.sessions().get(0);
        // "playbooks" lists every playbook of a run of several; a journal written before them has only "playbook"
        List<Path> playbooks = first.get("playbooks") instanceof List<?> l && !l.isEmpty()
                ? l.stream().map(p -> Path.of(String.valueOf(p))).toList() : List.of(Path.of((String) first.get("playbook")));
        RunStory story = new RunStory(playbooks);
        new Reading(story).read(history.records());
        return story;
    }

    /** The run's (first) playbook: task ids are relative to its folder. */
    public Path playbook() {
        return playbooks.get(0);
    }

    /** Every playbook of the run, in the order they ran. */
    public List<Path> playbooks() {
        return playbooks;
    }

    public List<Session> sessions() {
        return sessions;
    }

    public List<Attempt> attempts() {
        return attempts;
    }

    /** The recap counters of the last session that printed one (a resumed run's count the whole run). */
    public Map<String, Map<String, Integer>> recap() {
        return recap;
    }

    public Instant started() {
        return sessions.get(0).started();
    }

    public Instant ended() {
        return sessions.get(sessions.size() - 1).lastRecord();
    }

    /** From the first session's start to the last record: the recovery time when the run recovered. */
    public Duration elapsed() {
        return Duration.between(started(), ended());
    }

    /** Where a task is written: the absolute file (the id's, below the playbook's folder) and line. */
    public record Source(Path file, int line) {
    }

    /** The task's place from its id ({@code inc.yml:3:7[0]/tasks.yml:4:7~2} → {@code tasks.yml}, line 4). */
    public Optional<Source> source(Attempt a) {
        String place = a.id.replaceFirst("~\\d+$", "");
        int include = place.lastIndexOf("]/");
        if (include >= 0) {
            place = place.substring(include + 2);
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(.+):(\\d+):(\\d+)").matcher(place);
        if (!m.matches()) {
            return Optional.empty();
        }
        Path file = playbook().toAbsolutePath().getParent().resolve(m.group(1)).normalize();
        return Optional.of(new Source(file, Integer.parseInt(m.group(2))));
    }

    /** The hosts in the order of the plays' host lists (as their patterns select them), then any other that ran a task. */
    public List<String> hosts() {
        java.util.Set<String> all = new java.util.LinkedHashSet<>(hosts);
        attempts.forEach(a -> all.add(a.host));
        return List.copyOf(all);
    }

    /** The latest attempt of every task instance on every host, in the order the instances first started. */
    public List<Attempt> latest() {
        Map<String, Attempt> out = new LinkedHashMap<>();
        for (Attempt a : attempts) {
            String key = a.host + "\u0000" + a.id;
            out.remove(key);
            out.put(key, a);
        }
        Map<String, Integer> order = new HashMap<>();
        for (int i = 0; i < attempts.size(); i++) {
            order.putIfAbsent(attempts.get(i).host + "\u0000" + attempts.get(i).id, i);
        }
        return out.entrySet().stream().sorted(java.util.Comparator.comparing(e -> order.get(e.getKey())))
                .map(Map.Entry::getValue).toList();
    }

    /** Reads the records in order, keeping what is current: session, play, task banner, each host's attempt. */
    private static final class Reading {
        private final RunStory story;
        private final Map<String, Attempt> current = new HashMap<>();
        private int session;
        private long pid;
        private Instant sessionStart;
        private Instant last;
        private String play;
        private Map<String, Object> banner = Map.of();
        private Integer exit;

        Reading(RunStory story) {
            this.story = story;
        }

        void read(List<Map<String, Object>> records) {
            for (Map<String, Object> r : records) {
                Instant time = Optional.ofNullable((String) r.get("time")).map(Instant::parse).orElse(last);
                String event = String.valueOf(r.get("event"));
                if ("session".equals(event)) {
                    endSession();
                    session = ((Number) r.get("session")).intValue();
                    pid = ((Number) r.get("pid")).longValue();
                    sessionStart = time;
                    exit = null;
                    current.clear();
                }
                last = time;
                apply(event, r, time);
            }
            endSession();
        }

        @SuppressWarnings("unchecked")
        private void apply(String event, Map<String, Object> r, Instant time) {
            String host = (String) r.get("host");
            Attempt a = host == null ? null : current.get(host);
            switch (event) {
                case "play_start" -> {
                    play = (String) r.get("play");
                    ((List<Object>) r.get("hosts")).forEach(h -> story.hosts.add(String.valueOf(h)));
                }
                case "task_start", "handler_start" -> banner = r;
                case "host_task_start" -> {
                    Attempt started = new Attempt(host, (String) r.get("id"), session, play, (String) banner.get("task"),
                            (String) banner.get("action"), (String) banner.get("position"), "handler_start".equals(banner.get("event")), time);
                    current.put(host, started);
                    story.attempts.add(started);
                }
                case "host_result", "loop_end" -> {
                    if (a != null) {
                        result(a, r, time, "loop_end".equals(event));
                    }
                }
                case "retrying" -> {
                    if (a != null) {
                        a.retries.add(time);
                    }
                }
                case "progress" -> {
                    if (a != null) {
                        a.waits.add(new Attempt.Wait(time, String.valueOf(r.get("status"))));
                    }
                }
                case "included" -> ((List<Object>) r.get("hosts")).forEach(h -> {
                    Attempt inc = current.get(String.valueOf(h));
                    if (inc != null && "include_tasks".equals(inc.action)) {
                        inc.status = "included";
                        inc.ended = time;
                        inc.included.add(String.valueOf(r.get("file")) + (r.get("item") == null ? "" : " (item=" + r.get("item") + ")"));
                    }
                });
                case "recap" -> story.recap = (Map<String, Map<String, Integer>>) (Map<?, ?>) r.get("stats");
                case "playbook_end" -> exit = ((Number) r.get("exit_code")).intValue();
                default -> {
                    // warnings and the like are not part of the story's shape
                }
            }
        }

        @SuppressWarnings("unchecked")
        private static void result(Attempt a, Map<String, Object> r, Instant time, boolean loopEnd) {
            String status = String.valueOf(r.get("status"));
            if (r.get("item") != null && !loopEnd) {
                // the loop's own status comes with its end; a loop cut short stays interrupted
                a.items.add(r.get("item") + ": " + status);
                return;
            }
            a.status = status;
            a.ended = time;
            a.ignored = Boolean.TRUE.equals(r.get("ignored"));
            a.delegate = (String) r.get("delegate");
            if (r.get("result") instanceof Map<?, ?> m) {
                a.result = (Map<String, Object>) m;
            }
        }

        private void endSession() {
            if (sessionStart != null) {
                story.sessions.add(new Session(session, pid, sessionStart, last, exit));
            }
        }
    }
}
