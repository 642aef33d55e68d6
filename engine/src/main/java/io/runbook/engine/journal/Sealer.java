package io.runbook.engine.journal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
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
    private static final int NONCE = GcmSealing.NONCE;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    private final SecretKeySpec key;
    private final GcmSealing sealing;

    private Sealer(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
        try {
            this.sealing = new GcmSealing(this.key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES is not available: " + e.getMessage(), e);
        }
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

    /** {@code plain} sealed with a nonce of its own: the nonce, the cipher text and its tag, in Base64. */
    String seal(String plain) {
        byte[] nonce = new byte[NONCE];
        RANDOM.nextBytes(nonce);
        try {
            return Base64.getEncoder().encodeToString(sealing.seal(nonce, plain.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES is not available: " + e.getMessage(), e);
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
