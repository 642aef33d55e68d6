package io.runbook.lab.dns;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;

/**
 * The lab's DNS: a primary ({@code ns1}) and a secondary ({@code ns2}) authoritative for one zone on the same
 * port of two loopback addresses; the primary takes TSIG-signed UPDATEs, the secondary follows it after a
 * delay. Also what the rest of the lab needs: what a control plane resolves, scenario setup, failure
 * injection, and the zone as plain data to keep between runs.
 */
public final class LabDns implements Closeable {
    private final Name origin;
    private final String keyName;
    private final String keySecret;
    private final LabDnsServer primary;
    private final LabDnsServer secondary;
    private final SecondaryFeed feed;

    private LabDns(Name origin, String keyName, String keySecret, LabDnsServer primary, LabDnsServer secondary,
                   SecondaryFeed feed) {
        this.origin = origin;
        this.keyName = keyName;
        this.keySecret = keySecret;
        this.primary = primary;
        this.secondary = secondary;
        this.feed = feed;
    }

    /** Starts both servers with the zone the options describe; both serve serial 1 at once. */
    public static LabDns start(LabDnsOptions options) throws IOException {
        Name origin = ZoneDescription.child(options.zone(), Name.root);
        String secret = options.secretOrRandom();
        Name key = ZoneDescription.child(options.keyName(), Name.root);
        TsigKeyring keys = new TsigKeyring().add(key, TSIG.HMAC_SHA256, secret);
        InetAddress p = InetAddress.getByName(options.primaryAddress());
        InetAddress s = InetAddress.getByName(options.secondaryAddress());
        requireLoopback(p);
        requireLoopback(s);
        ZoneData zone = ZoneDescription.build(origin, p, s, options.records());
        LabDnsServer primary = new LabDnsServer(LabDnsServer.Role.PRIMARY, new InetSocketAddress(p, options.port()), keys);
        // the secondary knows no update key, like a BIND secondary that only has its transfer key
        LabDnsServer secondary = new LabDnsServer(LabDnsServer.Role.SECONDARY, new InetSocketAddress(s, 0), new TsigKeyring());
        primary.load(zone);
        secondary.load(zone);
        SharedPort.bind(primary, secondary, options.port());
        SecondaryFeed feed = new SecondaryFeed(primary, secondary, options.secondaryDelay());
        return new LabDns(origin, key.toString(true), secret, primary, secondary, feed);
    }

    private static void requireLoopback(InetAddress a) {
        if (!a.isLoopbackAddress()) {
            throw new IllegalArgumentException("the lab DNS binds loopback addresses only, not " + a.getHostAddress());
        }
    }

    public InetSocketAddress primaryAddress() {
        return primary.address();
    }

    public InetSocketAddress secondaryAddress() {
        return secondary.address();
    }

    public int port() {
        return primary.address().getPort();
    }

    /** The zone name without the trailing dot, e.g. {@code dr.example.test}. */
    public String zone() {
        return origin.toString(true);
    }

    public String keyName() {
        return keyName;
    }

    /** The TSIG secret, base64 (hmac-sha256). */
    public String keySecret() {
        return keySecret;
    }

    /** Writes the key as a BIND key clause, as {@code tsig-keygen} does; readable by the owner only where possible. */
    public Path writeKeyFile(Path file) throws IOException {
        String text = "key \"" + keyName + "\" {\n\talgorithm hmac-sha256;\n\tsecret \"" + keySecret + "\";\n};\n";
        return io.runbook.lab.PrivateFiles.write(file, text);
    }

    /**
     * What a control plane resolves for the name: the secondary's current answer (the primary's when the
     * secondary is stopped, as a resolver tries the other server). A/AAAA values after following CNAMEs
     * inside the zone; a CNAME leaving the zone gives its target name (with the trailing dot); none: empty.
     */
    public List<String> resolve(String fqdn) {
        LabDnsServer server = secondary.running() ? secondary : primary;
        ZoneData zone = server.zone(origin);
        Name name = absolute(fqdn);
        for (int step = 0; step < 8 && zone.contains(name); step++) {
            List<String> out = new ArrayList<>();
            zone.rrset(name, Type.A).forEach(r -> out.add(r.rdataToString()));
            zone.rrset(name, Type.AAAA).forEach(r -> out.add(r.rdataToString()));
            List<Record> cname = zone.rrset(name, Type.CNAME);
            if (!out.isEmpty() || cname.isEmpty()) {
                return out;
            }
            name = ((CNAMERecord) cname.get(0)).getTarget();
        }
        return zone.contains(name) ? List.of() : List.of(name.toString());
    }

    /**
     * Sets an RRset on the primary (scenario setup): the values replace the RRset, an empty list deletes it.
     * The serial goes up and the secondary follows after its delay, as for an UPDATE.
     */
    public void set(String name, String type, List<String> values, int ttl) {
        Name owner = absolute(name);
        int t = Type.value(type);
        if (t < 0 || !owner.subdomain(origin)) {
            throw new IllegalArgumentException(t < 0 ? "unknown record type " + type : name + " is outside zone " + zone());
        }
        List<Record> records = new ArrayList<>();
        for (String v : values) {
            try {
                records.add(Record.fromString(owner, t, DClass.IN, ttl, v, origin));
            } catch (IOException e) {
                throw new IllegalArgumentException("'" + v + "' is not a valid " + type + " value: " + e.getMessage(), e);
            }
        }
        primary.change(origin, edit -> {
            edit.deleteRRset(owner, t);
            records.forEach(edit::add);
        });
    }

    /**
     * Moves the name's A record from one address to another, keeping its TTL and other values (what an operator
     * does when a load balancer's address changed); false, and nothing changed, when it does not hold {@code from}.
     */
    public boolean moveAddress(String name, String from, String to) {
        Name owner = absolute(name);
        List<Record> current = primary.zone(origin).rrset(owner, Type.A);
        if (current.stream().noneMatch(r -> r.rdataToString().equals(from))) {
            return false;
        }
        long ttl = current.get(0).getTTL();
        List<String> values = new ArrayList<>();
        current.forEach(r -> values.add(r.rdataToString().equals(from) ? to : r.rdataToString()));
        set(name, "A", values.stream().distinct().toList(), (int) ttl);
        return true;
    }

    public void setSecondaryDelay(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative: " + delay);
        }
        feed.delay(delay);
    }

    public Duration secondaryDelay() {
        return feed.delay();
    }

    /** Schedules the primary's current zone for the secondary after the delay, as its next SOA check would. */
    void refreshSecondary() {
        feed.refresh(origin);
    }

    /** How many zone versions have reached their time for the secondary (tests wait on this, not on the clock). */
    long secondaryFeedAttempts() {
        return feed.attempts();
    }

    /**
     * Whether what a control plane resolves is what the primary holds: the secondary serves the primary's serial (or
     * is stopped, and {@link #resolve} answers from the primary). The lab waits for this before a run sees it.
     */
    public boolean secondaryInSync() {
        return !secondary.running() || secondary.zone(origin).serial() == primary.zone(origin).serial();
    }

    /** Failure injection: the secondary stops answering (and misses changes until it starts again). */
    public void stopSecondary() {
        secondary.stop();
    }

    /** Starts the secondary again on its address and port; it catches up with the primary after the delay. */
    public void startSecondary() {
        try {
            secondary.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restart the lab DNS secondary on " + secondary.address(), e);
        }
        feed.refresh(origin);
    }

    /** The primary's zone as plain data. */
    public LabDnsSnapshot snapshot() {
        return LabDnsSnapshot.of(primary.zone(origin));
    }

    /** Loads a snapshot into both servers at once (state kept between runs: both were in sync when saved). */
    public void restore(LabDnsSnapshot snapshot) {
        ZoneData zone = snapshot.toZone();
        if (!zone.origin().equals(origin)) {
            throw new IllegalArgumentException("snapshot of zone " + snapshot.zone() + " cannot restore zone " + zone());
        }
        feed.dropPending();
        primary.load(zone);
        secondary.load(zone);
    }

    private Name absolute(String name) {
        if (name.endsWith(".")) {
            return ZoneDescription.child(name, Name.root);
        }
        Name parsed = ZoneDescription.child(name + ".", Name.root);
        return parsed.subdomain(origin) ? parsed : ZoneDescription.child(name, origin);
    }

    @Override
    public void close() {
        feed.close();
        secondary.close();
        primary.close();
    }
}
