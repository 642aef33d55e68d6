package io.runbook.lab.dns;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * How to start the lab DNS pair. {@code records} are zone-file lines relative to the zone (e.g.
 * {@code "tsb 60 A 127.0.1.200"}); the SOA, the NS records {@code ns1}/{@code ns2} and their glue (the
 * primary's and the secondary's addresses) are added from the other fields. Port 0 picks a free port that
 * both addresses then share.
 *
 * @param zone             the zone's name, e.g. {@code dr.example.test}
 * @param port             UDP and TCP port of both servers; 0 = any free one
 * @param primaryAddress   loopback address of the primary ({@code ns1})
 * @param secondaryAddress loopback address of the secondary ({@code ns2})
 * @param keyName          TSIG key allowed to update the zone (hmac-sha256)
 * @param keySecret        its secret, base64; null = a random 256-bit secret
 * @param secondaryDelay   how long after a change on the primary the secondary serves it
 * @param records          further records, as zone-file lines relative to the zone
 */
public record LabDnsOptions(String zone, int port, String primaryAddress, String secondaryAddress,
                            String keyName, String keySecret, Duration secondaryDelay, List<String> records) {
    public static final String DEFAULT_ZONE = "dr.example.test";
    public static final String DEFAULT_KEY_NAME = "tsb-update-key";
    public static final Duration DEFAULT_SECONDARY_DELAY = Duration.ofSeconds(2);

    public LabDnsOptions {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(primaryAddress, "primaryAddress");
        Objects.requireNonNull(secondaryAddress, "secondaryAddress");
        Objects.requireNonNull(keyName, "keyName");
        Objects.requireNonNull(secondaryDelay, "secondaryDelay");
        records = records == null ? List.of() : List.copyOf(records);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not between 0 and 65535");
        }
        if (secondaryDelay.isNegative()) {
            throw new IllegalArgumentException("secondaryDelay must not be negative: " + secondaryDelay);
        }
    }

    /** Zone {@code dr.example.test}, any free port, 127.0.0.1 and 127.0.0.2, key {@code tsb-update-key}, 2 s lag. */
    public static LabDnsOptions defaults() {
        return new LabDnsOptions(DEFAULT_ZONE, 0, "127.0.0.1", "127.0.0.2", DEFAULT_KEY_NAME, null,
                DEFAULT_SECONDARY_DELAY, List.of());
    }

    public LabDnsOptions withZone(String z) {
        return new LabDnsOptions(z, port, primaryAddress, secondaryAddress, keyName, keySecret, secondaryDelay, records);
    }

    public LabDnsOptions withPort(int p) {
        return new LabDnsOptions(zone, p, primaryAddress, secondaryAddress, keyName, keySecret, secondaryDelay, records);
    }

    public LabDnsOptions withAddresses(String primary, String secondary) {
        return new LabDnsOptions(zone, port, primary, secondary, keyName, keySecret, secondaryDelay, records);
    }

    public LabDnsOptions withKey(String name, String base64Secret) {
        return new LabDnsOptions(zone, port, primaryAddress, secondaryAddress, name, base64Secret, secondaryDelay, records);
    }

    public LabDnsOptions withSecondaryDelay(Duration d) {
        return new LabDnsOptions(zone, port, primaryAddress, secondaryAddress, keyName, keySecret, d, records);
    }

    public LabDnsOptions withRecords(List<String> r) {
        return new LabDnsOptions(zone, port, primaryAddress, secondaryAddress, keyName, keySecret, secondaryDelay, r);
    }

    /** The secret to use: the given one, or a fresh random one (as {@code tsig-keygen} makes). */
    String secretOrRandom() {
        if (keySecret != null) {
            return keySecret;
        }
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
