package io.runbook.lab.dns;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;

/**
 * One authoritative DNS server of the lab, over UDP and TCP on one loopback address and port: a primary
 * (accepts TSIG-signed RFC 2136 UPDATEs) or a secondary (answers from the copy it was last given and
 * refuses UPDATEs, like a BIND secondary without update forwarding). It can be stopped and started again
 * on the same address and port; its zones survive that.
 */
public final class LabDnsServer implements Closeable {
    /** What the server is for its zones. */
    public enum Role { PRIMARY, SECONDARY }

    private final Role role;
    private final InetSocketAddress requested;
    private final TsigKeyring keys;
    private final Map<Name, ZoneData> zones = new ConcurrentHashMap<>();
    private final List<Consumer<ZoneData>> listeners = new CopyOnWriteArrayList<>();
    private final Object updateLock = new Object();
    private volatile DnsTransport transport;
    private volatile int port;

    LabDnsServer(Role role, InetSocketAddress at, TsigKeyring keys) {
        this.role = role;
        this.requested = at;
        this.keys = keys;
        this.port = at.getPort();
    }

    /** Starts listening (again); the first start with port 0 picks the port, later starts reuse it. */
    public synchronized void start() throws IOException {
        if (transport != null) {
            return;
        }
        MessageHandler handler = new MessageHandler(this, keys);
        transport = new DnsTransport(new InetSocketAddress(requested.getAddress(), port), handler::handle);
        port = transport.port();
    }

    /** Starts on the given port (used to share the primary's port). */
    synchronized void startOn(int chosen) throws IOException {
        port = chosen;
        start();
    }

    /** After a failed shared bind: the next start asks for this port again (0 = any). */
    synchronized void forgetPort(int requestedPort) {
        port = requestedPort;
    }

    /** Stops listening; queries then get no answer (UDP: port unreachable; TCP: connection refused). */
    public synchronized void stop() {
        if (transport != null) {
            transport.close();
            transport = null;
        }
    }

    public boolean running() {
        return transport != null;
    }

    public Role role() {
        return role;
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(requested.getAddress(), port);
    }

    /** Replaces (or adds) a zone's contents, as a zone load or a transfer does. */
    void load(ZoneData zone) {
        zones.put(zone.origin(), zone);
    }

    ZoneData zone(Name origin) {
        return zones.get(origin);
    }

    boolean serves(Name origin) {
        return zones.containsKey(origin);
    }

    boolean acceptsUpdates() {
        return role == Role.PRIMARY;
    }

    /** The served zone that holds the name (the closest enclosing one), or null. */
    ZoneData zoneFor(Name name) {
        ZoneData best = null;
        for (ZoneData z : zones.values()) {
            if (z.contains(name) && (best == null || z.origin().labels() > best.origin().labels())) {
                best = z;
            }
        }
        return best;
    }

    /** Called with each new version of a zone that an UPDATE or {@link #change} made. */
    void onChange(Consumer<ZoneData> listener) {
        listeners.add(listener);
    }

    /** Applies an UPDATE already checked for zone, role and signature; returns its rcode. */
    int update(Name origin, Message request) {
        synchronized (updateLock) {
            ZoneData before = zones.get(origin);
            UpdateProcessor.Outcome outcome = UpdateProcessor.apply(before, request);
            if (outcome.rcode() == Rcode.NOERROR && outcome.changed(before)) {
                commit(outcome.zone());
            }
            return outcome.rcode();
        }
    }

    /** Changes a zone in process (scenario setup): the edit runs on a working copy; the serial goes up. */
    void change(Name origin, Consumer<ZoneEdit> edit) {
        synchronized (updateLock) {
            ZoneEdit copy = zones.get(origin).edit();
            edit.accept(copy);
            if (copy.changed()) {
                commit(copy.build(true));
            }
        }
    }

    private void commit(ZoneData next) {
        zones.put(next.origin(), next);
        listeners.forEach(l -> l.accept(next));
    }

    @Override
    public void close() {
        stop();
    }
}
