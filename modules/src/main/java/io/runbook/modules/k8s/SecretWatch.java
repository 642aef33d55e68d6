package io.runbook.modules.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.dsl.internal.OperationSupport;
import io.fabric8.kubernetes.client.utils.ExponentialBackoffIntervalCalculator;
import io.fabric8.kubernetes.client.utils.Utils;
import java.net.HttpURLConnection;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The latest state of some Secrets of a namespace, kept by one watch (no list): what {@code secret_delete} waits on
 * for the re-issued tokens. Started before the deletes, without a resource version, so the API server first sends the
 * Secrets that exist (as {@code ADDED}) and then every change: each name's entry is its latest state, or absent after
 * its deletion. The uids to wait past come from the deletes' own answers, so the wait costs one request per cluster
 * (this watch) where an informer costs two (a list, then a watch from its resource version).
 * <p>The watch is a plain HTTP watch ({@link WatchStream}) on the client's pooled connections. As fabric8's watch did,
 * a stream the server ends or that breaks is resumed from the last resource version seen (after 1 s, doubling up to
 * 32 s while it fails); one the server will not resume (410 Gone, as an answer or as an ERROR event) ends the watch
 * for good, and {@link #reopenIfEnded} starts it again from what exists then.
 */
final class SecretWatch implements AutoCloseable, WatchStream.Reader {
    private static final ResourceDefinitionContext SECRETS = CoreKinds.find("v1", "Secret").orElseThrow();
    /** A stream that the server ends this soon, empty, from a resource version means the version is gone (as fabric8). */
    private static final long STALE_VERSION_CLOSE_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final ClusterConnection conn;
    private final String namespace;
    private final Set<String> names;
    private final ChangeSignal signal;
    /** Where the signal is bumped: not on the event loop that reads the watch (a wait's check runs on the bump). */
    private final Executor events;
    private final long answerLimitMillis;
    private final ExponentialBackoffIntervalCalculator backoff;
    private final Map<String, Secret> latest = new ConcurrentHashMap<>();
    private final Set<String> deletions = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private volatile boolean done;
    private volatile WatchStream stream;
    private volatile String resourceVersion;
    private CompletableFuture<Void> resume;

    private SecretWatch(ClusterConnection conn, String namespace, Collection<String> names, ChangeSignal signal) {
        this.conn = conn;
        this.namespace = namespace;
        this.names = Set.copyOf(names);
        this.signal = signal;
        this.events = conn.executor();
        // as long as any request of the connection may take to be answered (a watch's answer begins at once)
        long limit = conn.target().requestTimeout().toMillis();
        this.answerLimitMillis = limit + Math.min(limit, 5_000);
        Integer interval = conn.config().getWatchReconnectInterval();
        this.backoff = new ExponentialBackoffIntervalCalculator(interval == null ? 1_000 : interval,
                ExponentialBackoffIntervalCalculator.UNLIMITED_RETRIES);
    }

    /**
     * Starts watching {@code names} in {@code namespace}; returns once the API server has accepted the watch. A refused
     * watch (403, …) throws its answer as {@link KubernetesClientException}, a server that cannot be reached the cause.
     */
    static SecretWatch start(ClusterConnection conn, String namespace, Collection<String> names, ChangeSignal signal) {
        SecretWatch w = new SecretWatch(conn, namespace, names, signal);
        w.open();
        return w;
    }

    /** Watches from what exists now; returns once the server accepted the watch, else throws its answer. */
    private void open() {
        WatchStream s = request(null);
        try {
            s.answered().get(answerLimitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            s.cancel();
            Thread.currentThread().interrupt();
            throw KubernetesClientException.launderThrowable(e);
        } catch (ExecutionException e) {
            s.cancel();
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw cause instanceof KubernetesClientException k ? k.copyAsCause() : OperationSupport.requestException(s.request(), cause, null);
        } catch (TimeoutException e) {
            s.cancel();
            throw OperationSupport.requestException(s.request(), e, "no answer to the watch within " + answerLimitMillis + " ms");
        }
        backoff.resetReconnectAttempts();
        closed = false;
    }

    /** Sends a watch request from {@code version} (null: from what exists now); it becomes the watch's stream. */
    private synchronized WatchStream request(String version) {
        String query = "?allowWatchBookmarks=true&watch=true"
                + (version == null ? "" : "&resourceVersion=" + URLEncoder.encode(version, StandardCharsets.UTF_8));
        WatchStream previous = stream;
        if (previous != null) {
            previous.cancel();
        }
        WatchStream s = WatchStream.open(conn.http(), conn.serialization(),
                conn.requests().collectionUrl(SECRETS, namespace, query), this);
        stream = s;
        return s;
    }

    /**
     * Watches again when the watch ended for good (a dropped one is resumed by itself first; one the server refused to
     * resume, such as 410 Gone, ends): the new watch sends the Secrets that exist now. Throws as a watch's start does
     * when the server cannot be reached or refuses the watch.
     */
    void reopenIfEnded() {
        if (ended()) {
            latest.clear();
            open();
        }
    }

    /** Whether the watch ended before {@link #close}: {@link #reopenIfEnded} would start it again (a request). */
    boolean ended() {
        return closed && !done;
    }

    /** The Secret's latest state as watched, or null when it does not exist (or has not been seen). */
    Secret latest(String name) {
        return latest.get(name);
    }

    /** Whether the watch has seen the deletion of a Secret of that name. */
    boolean deletionSeen(String name) {
        return deletions.contains(name);
    }

    /**
     * Whether the watch's stream is up now: between a drop and its resumption it is not, which {@link ApiLiveness}
     * reads to ask the server within a second instead of at its next heartbeat.
     */
    boolean isOpen() {
        WatchStream s = stream;
        return !closed && s != null && s.reading();
    }

    @Override
    public void events(WatchStream from, List<WatchEvent> received) {
        boolean changed = false;
        for (WatchEvent event : received) {
            if (from != stream || done) {
                return;
            }
            Object object = event.getObject();
            if ("ERROR".equals(event.getType())) {
                Status status = object instanceof Status st ? st : null;
                if (status != null && status.getCode() != null && status.getCode() == HttpURLConnection.HTTP_GONE) {
                    endForGood(from);
                } else {
                    // as fabric8: another error ends this stream, which is resumed (after what the server asks, if it says)
                    from.cancel();
                    Integer retryAfter = status == null || status.getDetails() == null ? null : status.getDetails().getRetryAfterSeconds();
                    resumeLater(retryAfter == null ? 0 : retryAfter * 1000L);
                }
                return;
            }
            if (object instanceof HasMetadata h && h.getMetadata() != null && h.getMetadata().getResourceVersion() != null) {
                resourceVersion = h.getMetadata().getResourceVersion();
            }
            if ("BOOKMARK".equals(event.getType())) {
                continue;  // a resource version to resume from, no change (its object has no name)
            }
            if (object instanceof Secret secret) {
                changed |= seen(event.getType(), secret);
            } else {
                from.cancel();
                endForGood(from);
                return;
            }
        }
        if (changed) {
            events.execute(signal::bump);
        }
    }

    /** One event about a Secret; whether it was about a watched name. */
    private boolean seen(String type, Secret secret) {
        if (secret.getMetadata() == null || secret.getMetadata().getName() == null || !names.contains(secret.getMetadata().getName())) {
            return false;
        }
        String name = secret.getMetadata().getName();
        if ("DELETED".equals(type)) {
            deletions.add(name);
            // only the state it deleted: a late event must not remove a newer Secret of the same name
            latest.computeIfPresent(name, (n, known) -> sameUid(known, secret) ? null : known);
        } else if ("ADDED".equals(type) || "MODIFIED".equals(type)) {
            latest.put(name, secret);
        }
        return true;
    }

    private static boolean sameUid(Secret a, Secret b) {
        return a.getMetadata().getUid() != null && a.getMetadata().getUid().equals(b.getMetadata().getUid());
    }

    @Override
    public void ended(WatchStream from, Throwable failure) {
        if (from != stream || done) {
            return;
        }
        boolean unreadable = failure instanceof KubernetesClientException k && k.getCode() == 0 && k.getCause() == null;
        // a stream from a resource version that ends at once without an event: the version is gone (as fabric8 reads it)
        boolean stale = failure == null && resourceVersion != null && !from.received() && from.ageNanos() < STALE_VERSION_CLOSE_NANOS;
        if (unreadable || stale) {
            endForGood(from);
        } else {
            resumeLater(0);
        }
    }

    /** The watch cannot go on from where it was: {@link #ended} until {@link #reopenIfEnded}. */
    private void endForGood(WatchStream from) {
        synchronized (this) {
            if (from != stream) {
                return;
            }
            from.cancel();
            closed = true;
        }
        events.execute(signal::bump);
    }

    /** Resumes the watch from the last resource version seen, after the back-off (or {@code atLeastMillis}). */
    private synchronized void resumeLater(long atLeastMillis) {
        if (closed || done) {
            return;
        }
        long delay = Math.max(atLeastMillis, backoff.nextReconnectInterval());
        resume = Utils.schedule(events, this::resume, delay, TimeUnit.MILLISECONDS);
    }

    private synchronized void resume() {
        if (closed || done) {
            return;
        }
        WatchStream s = request(resourceVersion);
        s.answered().whenComplete((v, e) -> resumed(s, e));
    }

    private void resumed(WatchStream s, Throwable failure) {
        if (s != stream || done || s.answered().isCancelled()) {
            return;
        }
        if (failure == null) {
            backoff.resetReconnectAttempts();
        } else if (failure instanceof KubernetesClientException k && k.getCode() == HttpURLConnection.HTTP_GONE) {
            endForGood(s);
        } else {
            // refused or unreachable: tried again while the wait lasts; ApiLiveness tells a lost server from this
            resumeLater(0);
        }
    }

    @Override
    public void close() {
        WatchStream s;
        synchronized (this) {
            done = true;
            closed = true;
            if (resume != null) {
                resume.cancel(true);
            }
            s = stream;
        }
        if (s != null) {
            s.cancel();
        }
    }
}
