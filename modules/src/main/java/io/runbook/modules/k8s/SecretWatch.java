package io.runbook.modules.k8s;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.internal.AbstractWatchManager;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest state of some Secrets of a namespace, kept by one watch (no list): what {@code secret_delete} waits on
 * for the re-issued tokens. Started before the deletes, without a resource version, so the API server first sends the
 * Secrets that exist (as {@code ADDED}) and then every change: each name's entry is its latest state, or absent after
 * its deletion. The uids to wait past come from the deletes' own answers, so the wait costs one request per cluster
 * (this watch) where an informer costs two (a list, then a watch from its resource version).
 */
final class SecretWatch implements Watcher<Secret>, AutoCloseable {
    private final ClusterConnection conn;
    private final String namespace;
    private final Set<String> names;
    private final ChangeSignal signal;
    private final Map<String, Secret> latest = new ConcurrentHashMap<>();
    private final Set<String> deletions = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private volatile boolean done;
    private volatile Watch watch;

    private SecretWatch(ClusterConnection conn, String namespace, Collection<String> names, ChangeSignal signal) {
        this.conn = conn;
        this.namespace = namespace;
        this.names = Set.copyOf(names);
        this.signal = signal;
    }

    /** Starts watching {@code names} in {@code namespace}; returns once the API server has accepted the watch. */
    static SecretWatch start(ClusterConnection conn, String namespace, Collection<String> names, ChangeSignal signal) {
        SecretWatch w = new SecretWatch(conn, namespace, names, signal);
        w.open();
        return w;
    }

    private void open() {
        watch = conn.client().secrets().inNamespace(namespace).watch(this);
    }

    /**
     * Watches again when the watch ended for good (fabric8 reconnects a dropped one by itself first; it ends one the
     * server refused to resume, such as 410 Gone): the new watch sends the Secrets that exist now. Throws as a watch's
     * start does when the server cannot be reached.
     */
    void reopenIfEnded() {
        if (ended()) {
            latest.clear();
            closed = false;
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
     * Whether the watch's connection is up now. fabric8 reconnects a dropped watch by itself without telling its
     * watcher, and keeps trying while the server is gone: its request state (as an informer's {@code isWatching}
     * reads it) is what shows the drop at once, so {@link ApiLiveness} asks the server within a second instead of at
     * its next heartbeat.
     */
    boolean isOpen() {
        return !closed && (!(watch instanceof AbstractWatchManager<?> manager) || manager.isWatching());
    }

    @Override
    public void eventReceived(Action action, Secret secret) {
        if (secret == null || secret.getMetadata() == null || !names.contains(secret.getMetadata().getName())) {
            return;
        }
        String name = secret.getMetadata().getName();
        if (action == Action.DELETED) {
            deletions.add(name);
            // only the state it deleted: a late event must not remove a newer Secret of the same name
            latest.computeIfPresent(name, (n, known) -> sameUid(known, secret) ? null : known);
        } else if (action == Action.ADDED || action == Action.MODIFIED) {
            latest.put(name, secret);
        }
        signal.bump();
    }

    private static boolean sameUid(Secret a, Secret b) {
        return a.getMetadata().getUid() != null && a.getMetadata().getUid().equals(b.getMetadata().getUid());
    }

    @Override
    public void onClose(WatcherException cause) {
        closed = true;
        signal.bump();
    }

    @Override
    public void onClose() {
        closed = true;
        signal.bump();
    }

    @Override
    public void close() {
        done = true;
        closed = true;
        if (watch != null) {
            watch.close();
        }
    }
}
