package io.runbook.modules.core;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The bytes a module wants in a file: given in memory (template, copy's content) or in a controller file
 * (copy's src, a download), read as a stream so big files are never held whole.
 */
record FileContent(byte[] bytes, Path file, long size, String sha1, boolean secret) {
    /** Text up to this size is shown in diffs; bigger (or binary) content is summarised. */
    static final int DIFF_LIMIT = 1 << 20;

    static FileContent of(byte[] bytes) {
        return new FileContent(bytes, null, bytes.length, Checksum.sha1(bytes), false);
    }

    static FileContent of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    static FileContent of(Path file) throws IOException {
        MessageDigest sha1 = digest();
        try (InputStream in = Files.newInputStream(file); OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), sha1)) {
            in.transferTo(out);
        }
        return new FileContent(null, file, Files.size(file), HexFormat.of().formatHex(sha1.digest()), false);
    }

    /** The same bytes, never shown in a diff (what a vault-encrypted file holds). */
    FileContent asSecret() {
        return new FileContent(bytes, file, size, sha1, true);
    }

    InputStream open() {
        try {
            return bytes != null ? new ByteArrayInputStream(bytes) : Files.newInputStream(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The content as text for a diff, or null when it is too big or not text. */
    String diffText() {
        if (size > DIFF_LIMIT || secret) {
            return null;
        }
        try {
            byte[] all = bytes != null ? bytes : Files.readAllBytes(file);
            return Text.isText(all) ? new String(all, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            return null;
        }
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }
}
