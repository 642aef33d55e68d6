package io.runbook.engine.journal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals what a journal must keep but never show (registered results, facts, extra vars, the secrets the run
 * learnt): AES-256-GCM with a random nonce per value, under a key kept beside the journal in {@code key}
 * (mode 0600, made with the journal). Without the key the journal reads as the review record it is, with every
 * sealed value opaque; with it, a run can be resumed.
 */
final class Sealer {
    static final String KEY_FILE = "key";
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * AES-GCM ciphers to reuse, each initialised again for each value (with its own nonce): looking the algorithm up
     * in the security providers for every value cost more than sealing it, with a journal entry per host and task. A
     * pool rather than one per thread: two hundred workers seal a few at a time, and each lookup costs.
     */
    private static final java.util.concurrent.ConcurrentLinkedQueue<Cipher> SEALING = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final SecretKeySpec key;

    private Sealer(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /** A new key for a new journal in {@code dir}, written 0600. */
    static Sealer create(Path dir) throws IOException {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        PrivateFiles.writeNew(dir.resolve(KEY_FILE), Base64.getEncoder().encodeToString(key) + "\n");
        return new Sealer(key);
    }

    /** The key of the journal in {@code dir}. */
    static Sealer open(Path dir) throws IOException {
        Path file = dir.resolve(KEY_FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException("the journal's key " + file + " is missing: without it the registered variables and"
                    + " facts of the run cannot be restored");
        }
        try {
            byte[] key = Base64.getDecoder().decode(Files.readString(file).trim());
            if (key.length != 32) {
                throw new IllegalArgumentException("length " + key.length);
            }
            return new Sealer(key);
        } catch (IllegalArgumentException e) {
            throw new IOException("the journal's key " + file + " is damaged (" + e.getMessage() + ")");
        }
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available: " + e.getMessage(), e);
        }
    }

    String seal(String plain) {
        try {
            byte[] nonce = new byte[NONCE];
            RANDOM.nextBytes(nonce);
            Cipher c = SEALING.poll();
            if (c == null) {
                c = newCipher();
            }
            byte[] out;
            try {
                c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
                byte[] in = plain.getBytes(StandardCharsets.UTF_8);
                // the nonce, then the cipher text and its tag written right after it (no copy of the cipher text)
                out = Arrays.copyOf(nonce, NONCE + c.getOutputSize(in.length));
                int n = c.doFinal(in, 0, in.length, out, NONCE);
                if (NONCE + n != out.length) {
                    out = Arrays.copyOf(out, NONCE + n);
                }
            } finally {
                // a cipher that failed half-way is initialised again before its next use, like any other
                SEALING.offer(c);
            }
            return Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available: " + e.getMessage(), e);
        }
    }

    /** The plain text of a sealed value; an {@link IOException} when it was not sealed with this key. */
    String open(String sealed) throws IOException {
        try {
            byte[] in = Base64.getDecoder().decode(sealed);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE));
            return new String(c.doFinal(in, NONCE, in.length - NONCE), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IOException("a sealed value of the journal does not open with its key (was the key replaced?)");
        }
    }
}
