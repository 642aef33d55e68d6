package io.runbook.modules.dns;

import io.runbook.engine.module.Progress;
import io.runbook.engine.module.RunScheduler;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledFuture;
import java.util.stream.Collectors;
import org.xbill.DNS.Name;

/**
 * Waits until every authoritative server answers with authority (AA set, no recursion asked) with exactly
 * the wanted RRset, values and TTL (or, for state=absent, no RRset). Asks the servers still lagging in rounds,
 * with a backoff from 50 ms to 1 s between them; each query waits at most 2 s. Reports progress per server.
 * No thread waits: the queries go out through dnsjava's I/O thread, and the run's {@link RunScheduler#TIMER} (one
 * thread, so a wait's rounds need no locks) takes their answers and starts the next round.
 */
final class PropagationCheck {
    private static final Duration FIRST_DELAY = Duration.ofMillis(50);
    private static final Duration MAX_DELAY = Duration.ofSeconds(1);
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(2);

    /** Where one server stands: in sync (after how long) or what it still answers. */
    record Status(ServerAddress server, boolean ok, double seconds, String answer) {
        Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", server.label());
            m.put("ok", ok);
            m.put("seconds", Math.round(seconds * 1000) / 1000.0);
            m.put("answer", answer);
            return m;
        }
    }

    private final DnsClient client;
    private final Progress progress;
    private final RunScheduler scheduler;

    PropagationCheck(DnsClient client, Progress progress, RunScheduler scheduler) {
        this.client = client;
        this.progress = progress;
        this.scheduler = scheduler;
    }

    /**
     * Starts the wait: where each server stands once all have the RRset, or at the timeout (after a last round, and
     * the lag shown at least once). Cancelling the returned future ends the wait: no round starts after that.
     */
    CompletableFuture<List<Status>> start(List<ServerAddress> servers, Name name, int type, RecordSet wanted, Duration timeout) {
        Rounds rounds = new Rounds(servers, name, type, wanted, timeout);
        rounds.result.whenComplete((r, e) -> rounds.stop());
        scheduler.execute(RunScheduler.TIMER, rounds::next);
        return rounds.result;
    }

    /** One wait's rounds: one at a time, each started by the end of the one before (or its timer). */
    private final class Rounds {
        private final List<ServerAddress> servers;
        private final Name name;
        private final int type;
        private final RecordSet wanted;
        private final long start = System.nanoTime();
        private final long deadline;
        private final Map<ServerAddress, Status> status = new LinkedHashMap<>();
        private final CompletableFuture<List<Status>> result = new CompletableFuture<>();
        private Duration delay = FIRST_DELAY;
        private boolean shown;
        private volatile ScheduledFuture<?> pause;

        Rounds(List<ServerAddress> servers, Name name, int type, RecordSet wanted, Duration timeout) {
            this.servers = servers;
            this.name = name;
            this.type = type;
            this.wanted = wanted;
            this.deadline = start + timeout.toNanos();
            servers.forEach(s -> status.put(s, new Status(s, false, 0, "not asked yet")));
        }

        /** Asks every server still lagging, and goes on when all answered (or gave up). */
        void next() {
            if (result.isDone()) {
                return;
            }
            try {
                List<ServerAddress> asked = servers.stream().filter(s -> !status.get(s).ok()).toList();
                List<CompletableFuture<Status>> answers = asked.stream().map(this::probe).toList();
                CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                        .whenComplete((v, e) -> scheduler.execute(RunScheduler.TIMER, () -> ended(asked, answers)));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        }

        private void ended(List<ServerAddress> asked, List<CompletableFuture<Status>> answers) {
            if (result.isDone()) {
                return;
            }
            try {
                for (int i = 0; i < asked.size(); i++) {
                    Status s = answers.get(i).join();
                    status.put(asked.get(i), s);
                    if (s.ok()) {
                        progress.line(s.server().describe() + " has " + wanted.describe() + " after "
                                + String.format(Locale.ROOT, "%.2f s", s.seconds()));
                    }
                }
                List<Status> lagging = status.values().stream().filter(s -> !s.ok()).toList();
                long left = deadline - System.nanoTime();
                if (lagging.isEmpty() || left <= 0 && shown) {
                    result.complete(new ArrayList<>(status.values()));
                    return;
                }
                progress.update("waiting for " + lagging.size() + " of " + servers.size() + " servers: "
                        + lagging.stream().map(PropagationCheck::lag).collect(Collectors.joining("; ")));
                shown = true;
                if (left <= 0) {
                    // the first round took the whole timeout (a short one on a busy machine): the lag was still shown
                    result.complete(new ArrayList<>(status.values()));
                    return;
                }
                long wait = Math.max(1, Math.min(delay.toMillis(), left / 1_000_000));
                delay = delay.multipliedBy(2).compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay.multipliedBy(2);
                pause = scheduler.after(RunScheduler.TIMER, wait, this::next);
                if (result.isDone()) {
                    stop();  // cancelled meanwhile: its stop saw no pause yet
                }
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        }

        void stop() {
            ScheduledFuture<?> p = pause;
            if (p != null) {
                p.cancel(false);
            }
        }

        /** One server's answer, as where it stands; never completes exceptionally but for a bug. */
        private CompletableFuture<Status> probe(ServerAddress server) {
            long leftMs = Math.max(200, Math.min(QUERY_TIMEOUT.toMillis(), (deadline - System.nanoTime()) / 1_000_000));
            Duration timeout = Duration.ofMillis(leftMs);
            return client.askLater(server, name, type, timeout, scheduler).handle((answer, e) -> {
                double seconds = (System.nanoTime() - start) / 1e9;
                if (e == null) {
                    boolean ok = answer.usable() && answer.rrset().sameAs(wanted);
                    return new Status(server, ok, seconds, answer.describe());
                }
                Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                if (cause instanceof IOException io) {
                    return new Status(server, false, seconds, "no answer: " + client.whyUnreachable(io, timeout));
                }
                throw e instanceof CompletionException c ? c : new CompletionException(cause);
            });
        }
    }

    private static String lag(Status s) {
        return s.server().describe() + (s.answer().startsWith("no answer") ? " gives " : " still answers ") + s.answer();
    }

    /** The failure line for servers still lagging at the deadline. */
    static String timeoutMessage(List<Status> statuses, Name name, String type, RecordSet wanted, Duration timeout) {
        String lagging = statuses.stream().filter(s -> !s.ok())
                .map(PropagationCheck::lag).collect(Collectors.joining("; "));
        return "propagation of " + name + " " + type + " (" + wanted.describe() + ") not complete after "
                + DnsClient.seconds(timeout) + ": " + lagging + "; check that these servers get NOTIFY and may transfer"
                + " the zone from the primary, or raise propagation_timeout";
    }
}
