package io.runbook.modules.core;

import io.runbook.engine.module.ModuleException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One known_hosts line as Ansible's known_hosts module compares lines: the optional marker ({@code @cert-authority},
 * {@code @revoked}), the host field (names, or a {@code |1|salt|hash} hashed name), the key type and the key data; a
 * trailing comment is not part of it. Two entries are the same key when all four are equal.
 */
record KnownHostsEntry(String marker, String host, String type, String key) {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Whether the host field is hashed ({@code |1|…}, as {@code ssh-keygen -H} and {@code hash_host} write it). */
    boolean hashed() {
        return host.startsWith("|1|");
    }

    KnownHostsEntry withHost(String other) {
        return new KnownHostsEntry(marker, other, type, key);
    }

    /** The fields of a line, split at white space. */
    static KnownHostsEntry parse(String line) throws ModuleException {
        String[] k = line.strip().split("\\s+");
        boolean marked = !k[0].isEmpty() && k[0].charAt(0) == '@';
        int first = marked ? 1 : 0;
        if (k.length < first + 3) {
            throw new ModuleException("cannot read the known_hosts line '" + line.strip()
                    + "': it needs " + (marked ? "a marker, " : "") + "a host, a key type and the key");
        }
        return new KnownHostsEntry(marked ? k[0] : null, k[first], k[first + 1], k[first + 2]);
    }

    /**
     * The key line with its host field replaced by {@code host} hashed as OpenSSH hashes names (HMAC-SHA1 under a random
     * 20-byte salt: {@code |1|base64(salt)|base64(hash)}); its fields joined with one space, the comment kept.
     */
    static String hashHost(String host, String line) {
        String[] parts = line.strip().split("\\s+");
        int at = parts[0].startsWith("@") ? 1 : 0;
        if (at >= parts.length) {
            return line;  // no host field: ssh-keygen finds no host in it, and the key is refused
        }
        byte[] salt = new byte[20];
        RANDOM.nextBytes(salt);
        byte[] hash;
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(salt, "HmacSHA1"));
            hash = mac.doFinal(host.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA1", e);
        }
        Base64.Encoder b64 = Base64.getEncoder();
        parts[at] = "|1|" + b64.encodeToString(salt) + "|" + b64.encodeToString(hash);
        return String.join(" ", parts);
    }
}
