package io.runbook.modules.dns;

import io.runbook.engine.module.Progress;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.xbill.DNS.Name;

/**
 * Waits until every authoritative server answers with authority (AA set, no recursion asked) with exactly
 * the wanted RRset, values and TTL (or, for state=absent, no RRset). Polls the servers still lagging with
 * a backoff from 50 ms to 1 s; each query waits at most 2 s. Reports progress per server.
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

    PropagationCheck(DnsClient client, Progress progress) {
        this.client = client;
        this.progress = progress;
    }

    List<Status> await(List<ServerAddress> servers, Name name, int type, RecordSet wanted, Duration timeout)
            throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        Map<ServerAddress, Status> status = new LinkedHashMap<>();
        servers.forEach(s -> status.put(s, new Status(s, false, 0, "not asked yet")));
        Duration delay = FIRST_DELAY;
        boolean shown = false;
        while (true) {
            for (ServerAddress server : servers) {
                if (!status.get(server).ok()) {
                    status.put(server, probe(server, name, type, wanted, start, deadline));
                }
            }
            List<Status> lagging = status.values().stream().filter(s -> !s.ok()).toList();
            long left = deadline - System.nanoTime();
            if (lagging.isEmpty() || left <= 0 && shown) {
                return new ArrayList<>(status.values());
            }
            progress.update("waiting for " + lagging.size() + " of " + servers.size() + " servers: "
                    + lagging.stream().map(PropagationCheck::lag).collect(Collectors.joining("; ")));
            shown = true;
            if (left <= 0) {
                // the first round took the whole timeout (a short one on a busy machine): the lag was still shown
                return new ArrayList<>(status.values());
            }
            Thread.sleep(Math.max(1, Math.min(delay.toMillis(), left / 1_000_000)));
            delay = delay.multipliedBy(2).compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay.multipliedBy(2);
        }
    }

    private Status probe(ServerAddress server, Name name, int type, RecordSet wanted, long start, long deadline) {
        long leftMs = Math.max(200, Math.min(QUERY_TIMEOUT.toMillis(), (deadline - System.nanoTime()) / 1_000_000));
        Duration timeout = Duration.ofMillis(leftMs);
        double seconds;
        try {
            DnsClient.Answer answer = client.ask(server, name, type, timeout);
            seconds = (System.nanoTime() - start) / 1e9;
            if (answer.usable() && answer.rrset().sameAs(wanted)) {
                progress.line(server.describe() + " has " + wanted.describe() + " after "
                        + String.format(Locale.ROOT, "%.2f s", seconds));
                return new Status(server, true, seconds, answer.describe());
            }
            return new Status(server, false, seconds, answer.describe());
        } catch (IOException e) {
            seconds = (System.nanoTime() - start) / 1e9;
            return new Status(server, false, seconds, "no answer: " + client.whyUnreachable(e, timeout));
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
