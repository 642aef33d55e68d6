package io.runbook.engine.review;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One task instance run once on one host, as the journal tells it: when it started and ended, how it ended (the
 * result, redacted as the console showed it), its loop items, retries and waits. A task run again by a resumed
 * session has one attempt per session.
 */
public final class Attempt {
    final String host;
    final String id;
    final int session;
    final String play;
    final String task;
    final String action;
    final String position;
    final boolean handler;
    final Instant started;
    Instant ended;
    String status;
    boolean ignored;
    String delegate;
    Map<String, Object> result = Map.of();
    final List<String> items = new ArrayList<>();
    final List<Instant> retries = new ArrayList<>();
    final List<Wait> waits = new ArrayList<>();
    final List<String> included = new ArrayList<>();

    /** A progress status a long wait reported, and when. */
    record Wait(Instant time, String status) {
    }

    Attempt(String host, String id, int session, String play, String task, String action, String position, boolean handler,
            Instant started) {
        this.host = host;
        this.id = id;
        this.session = session;
        this.play = play;
        this.task = task;
        this.action = action;
        this.position = position;
        this.handler = handler;
        this.started = started;
    }

    public String host() {
        return host;
    }

    public String id() {
        return id;
    }

    public String task() {
        return task;
    }

    /** ok, changed, skipped, failed, unreachable, included, or interrupted (started, never ended). */
    public String status() {
        return status == null ? "interrupted" : status;
    }

    public boolean ignored() {
        return ignored;
    }

    public Map<String, Object> result() {
        return result;
    }

    public Duration duration() {
        return Duration.between(started, ended == null ? started : ended);
    }

    /** Whether this is a failure the run did not get past (not ignored). */
    public boolean failed() {
        return !ignored && ("failed".equals(status) || "unreachable".equals(status));
    }

    /** The failure's message, or null. */
    public String message() {
        Object msg = result.get("msg");
        return msg == null ? null : String.valueOf(msg);
    }
}
