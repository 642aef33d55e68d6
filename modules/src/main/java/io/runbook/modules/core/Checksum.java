package io.runbook.modules.core;

import io.runbook.engine.module.ModuleException;
import io.runbook.modules.connection.HostConnection;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The SHA-1 hex digest Ansible reports as {@code checksum} for files, and {@code get_url}'s
 * {@code checksum: ALGORITHM:HEX} that a download must match.
 */
record Checksum(String algorithm, String hex) {
    static String sha1(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    /**
     * The MD5 hex digest copy and template register as {@code md5sum} when they write new content (Ansible's copy
     * module reports it beside the SHA-1 checksum).
     */
    static String md5(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }

    /** The MD5 hex digest of some content, read as a stream (a controller file is never held whole). */
    static String md5(FileContent content) throws io.runbook.engine.module.ModuleException {
        try (InputStream in = content.open()) {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                md5.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(md5.digest());
        } catch (IOException e) {
            throw new ModuleException("cannot read what to copy: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }

    /** {@code sha256:abc…}; null for null. */
    static Checksum parse(String text) throws ModuleException {
        if (text == null || text.isBlank()) {
            return null;
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new ModuleException("checksum must be ALGORITHM:HEX, like sha256:9f86d0…, got '" + text + "'");
        }
        String algorithm = text.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String hex = text.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
        if (!algorithm.matches("md5|sha1|sha224|sha256|sha384|sha512")) {
            throw new ModuleException("checksum algorithm '" + algorithm + "' is not one of md5, sha1, sha224, sha256, sha384, sha512");
        }
        if (!hex.matches("[0-9a-f]+")) {
            throw new ModuleException("checksum '" + text + "' has no hex digest after the algorithm (a URL of checksums is not supported)");
        }
        return new Checksum(algorithm, hex);
    }

    boolean matches(HostConnection host, String path) throws ModuleException {
        return hex.equals(StatModule.checksum(host, path, algorithm));
    }

    void verify(Path file, URI url) throws ModuleException, IOException {
        MessageDigest digest = digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        String got = HexFormat.of().formatHex(digest.digest());
        if (!got.equals(hex)) {
            throw new ModuleException("The checksum for " + url + " did not match " + hex + "; it was " + got + " (" + algorithm + ")");
        }
    }

    private MessageDigest digest() throws ModuleException {
        try {
            return MessageDigest.getInstance(switch (algorithm) {
                case "md5" -> "MD5";
                case "sha1" -> "SHA-1";
                default -> "SHA-" + algorithm.substring(3);
            });
        } catch (NoSuchAlgorithmException e) {
            throw new ModuleException("checksum algorithm " + algorithm + " is not available in this JVM");
        }
    }
}
