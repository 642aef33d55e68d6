package io.runbook.modules.ssh;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Host keys as people see them: the type, OpenSSH's {@code SHA256:…} fingerprint, the known_hosts line. */
final class HostKeyText {
    private HostKeyText() {
    }

    /** The key's algorithm name, the first string of its wire form ({@code ssh-ed25519}). */
    static String type(byte[] blob) {
        if (blob.length < 4) {
            return "unknown";
        }
        int length = ByteBuffer.wrap(blob, 0, 4).getInt();
        return length > 0 && length <= blob.length - 4 ? new String(blob, 4, length, StandardCharsets.US_ASCII) : "unknown";
    }

    /** {@code SHA256:base64} without padding, as {@code ssh-keygen -l} prints it. */
    static String fingerprint(byte[] blob) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The 1-based line of {@code file} that holds a {@code type} key for {@code host} (plain or hashed), or 0. */
    static int lineOf(Path file, String host, String type) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            return 0;
        }
        for (int i = 0; i < lines.size(); i++) {
            String[] f = lines.get(i).trim().split("\\s+");
            int at = f.length > 0 && f[0].startsWith("@") ? 1 : 0;
            if (f.length >= at + 2 && f[at + 1].equals(type) && names(f[at], host)) {
                return i + 1;
            }
        }
        return 0;
    }

    private static boolean names(String field, String host) {
        if (field.startsWith("|1|")) {
            String[] parts = field.split("\\|");
            return parts.length == 4 && hashed(parts[2], parts[3], host);
        }
        for (String name : field.split(",")) {
            if (name.equals(host)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hashed(String salt, String hash, String host) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(salt), "HmacSHA1"));
            byte[] got = mac.doFinal(host.getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(got, Base64.getDecoder().decode(hash));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
