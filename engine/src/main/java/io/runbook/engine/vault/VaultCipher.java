package io.runbook.engine.vault;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The ansible-vault 1.1/1.2 AES256 format: PBKDF2-HMAC-SHA256 (10000 rounds, 80 bytes: AES key, HMAC key,
 * counter), PKCS#7-padded AES-256-CTR, HMAC-SHA256 over the ciphertext, double hex encoding, 80-column body.
 * Written from the format's description (ansible's parsing/vault), so files interoperate with ansible-vault.
 */
public final class VaultCipher {
    public static final String HEADER = "$ANSIBLE_VAULT";
    private static final int ITERATIONS = 10_000;
    private static final HexFormat HEX = HexFormat.of();

    /** Created when something is first encrypted: reading files (which asks isVaulted) never sets up the JDK's security providers. */
    private static final class Random {
        static final SecureRandom RANDOM = new SecureRandom();
    }

    private VaultCipher() {
    }

    /** The parts of an envelope: its vault id ({@code null} for format 1.1) and the hex payload. */
    public record Envelope(String version, String vaultId, String payload) {
    }

    /** Whether {@code text} is vault data (it starts with the header). */
    public static boolean isVaulted(String text) {
        return text != null && text.stripLeading().startsWith(HEADER + ";");
    }

    /** Splits an envelope; throws {@link IllegalArgumentException} with the reason when it is not one. */
    public static Envelope parse(String text) {
        String[] lines = text.strip().split("\\R");
        String[] fields = lines[0].split(";");
        for (int i = 0; i < fields.length; i++) {
            fields[i] = fields[i].strip();
        }
        if (fields.length < 3 || !fields[0].equals(HEADER)) {
            throw new IllegalArgumentException("not an ansible-vault envelope (the first line must be "
                    + "$ANSIBLE_VAULT;1.1;AES256 or $ANSIBLE_VAULT;1.2;AES256;<vault id>)");
        }
        if (!fields[1].equals("1.1") && !fields[1].equals("1.2")) {
            throw new IllegalArgumentException("vault format version " + fields[1] + " is not supported (1.1 and 1.2 are)");
        }
        if (!fields[2].equals("AES256")) {
            throw new IllegalArgumentException("vault cipher " + fields[2] + " is not supported (AES256 is)");
        }
        StringBuilder payload = new StringBuilder();
        for (int i = 1; i < lines.length; i++) {
            payload.append(lines[i].strip());
        }
        if (payload.length() == 0) {
            throw new IllegalArgumentException("the vault envelope has a header but no encrypted data");
        }
        return new Envelope(fields[1], fields[1].equals("1.2") && fields.length > 3 ? fields[3] : null, payload.toString());
    }

    /** Checks that the envelope's data has ansible-vault's shape (hex of salt, HMAC and ciphertext), without a password. */
    public static void checkPayload(Envelope envelope) {
        parts(envelope);
    }

    /** The salt, HMAC and ciphertext of an envelope; {@link IllegalArgumentException} with the reason when damaged. */
    private static byte[][] parts(Envelope envelope) {
        byte[] outer;
        try {
            outer = HEX.parseHex(envelope.payload());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the vault data is not hexadecimal");
        }
        String[] parts = new String(outer, StandardCharsets.US_ASCII).split("\n", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("the vault data is damaged (expected salt, HMAC and ciphertext)");
        }
        try {
            return new byte[][] {HEX.parseHex(parts[0].strip()), HEX.parseHex(parts[1].strip()), HEX.parseHex(parts[2].strip())};
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the vault data is damaged (a part is not hexadecimal)");
        }
    }

    /** The plaintext, or empty when {@code password} does not open it (the HMAC does not match). */
    public static java.util.Optional<byte[]> decrypt(Envelope envelope, byte[] password) {
        byte[][] parts = parts(envelope);
        byte[] salt = parts[0];
        byte[] expectedMac = parts[1];
        byte[] ciphertext = parts[2];
        Keys keys = Keys.derive(password, salt);
        if (!MessageDigest.isEqual(expectedMac, hmac(keys.macKey, ciphertext))) {
            return java.util.Optional.empty();
        }
        byte[] padded = ctr(Cipher.DECRYPT_MODE, keys, ciphertext);
        return java.util.Optional.of(unpad(padded));
    }

    /** An envelope of {@code plaintext}: format 1.1, or 1.2 naming {@code vaultId} when it is not null/"default". */
    public static String encrypt(byte[] plaintext, byte[] password, String vaultId) {
        return encrypt(plaintext, password, vaultId, null);
    }

    /** As {@link #encrypt(byte[], byte[], String)} with these salt bytes (null: 32 random ones), as ansible-vault's salt. */
    public static String encrypt(byte[] plaintext, byte[] password, String vaultId, byte[] givenSalt) {
        byte[] salt = givenSalt;
        if (salt == null) {
            salt = new byte[32];
            Random.RANDOM.nextBytes(salt);
        }
        Keys keys = Keys.derive(password, salt);
        byte[] ciphertext = ctr(Cipher.ENCRYPT_MODE, keys, pad(plaintext));
        String inner = HEX.formatHex(salt) + "\n" + HEX.formatHex(hmac(keys.macKey, ciphertext)) + "\n"
                + HEX.formatHex(ciphertext);
        String payload = HEX.formatHex(inner.getBytes(StandardCharsets.US_ASCII));
        boolean labelled = vaultId != null && !vaultId.isEmpty() && !vaultId.equals("default");
        StringBuilder out = new StringBuilder(labelled ? HEADER + ";1.2;AES256;" + vaultId : HEADER + ";1.1;AES256");
        for (int i = 0; i < payload.length(); i += 80) {
            out.append('\n').append(payload, i, Math.min(payload.length(), i + 80));
        }
        return out.append('\n').toString();
    }

    private record Keys(byte[] cipherKey, byte[] macKey, byte[] counter) {
        static Keys derive(byte[] password, byte[] salt) {
            byte[] dk = pbkdf2(password, salt, 80);
            return new Keys(Arrays.copyOfRange(dk, 0, 32), Arrays.copyOfRange(dk, 32, 64), Arrays.copyOfRange(dk, 64, 80));
        }
    }

    /** PBKDF2 with HMAC-SHA256 over raw password bytes (the JDK's factory takes chars). */
    private static byte[] pbkdf2(byte[] password, byte[] salt, int length) {
        if (password.length == 0) {
            throw new IllegalArgumentException("the vault password is empty");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(password, "HmacSHA256"));
            byte[] out = new byte[length];
            int blocks = (length + 31) / 32;
            for (int block = 1; block <= blocks; block++) {
                mac.update(salt);
                mac.update(new byte[] {(byte) (block >>> 24), (byte) (block >>> 16), (byte) (block >>> 8), (byte) block});
                byte[] u = mac.doFinal();
                byte[] t = u.clone();
                for (int i = 1; i < ITERATIONS; i++) {
                    u = mac.doFinal(u);
                    for (int j = 0; j < t.length; j++) {
                        t[j] ^= u[j];
                    }
                }
                int offset = (block - 1) * 32;
                System.arraycopy(t, 0, out, offset, Math.min(32, length - offset));
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
        }
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
        }
    }

    private static byte[] ctr(int mode, Keys keys, byte[] data) {
        try {
            Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
            cipher.init(mode, new SecretKeySpec(keys.cipherKey, "AES"), new IvParameterSpec(keys.counter));
            return cipher.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-CTR is not available in this JVM", e);
        }
    }

    private static byte[] pad(byte[] plaintext) {
        int n = 16 - plaintext.length % 16;
        byte[] out = Arrays.copyOf(plaintext, plaintext.length + n);
        Arrays.fill(out, plaintext.length, out.length, (byte) n);
        return out;
    }

    private static byte[] unpad(byte[] padded) {
        int n = padded.length == 0 ? 0 : padded[padded.length - 1] & 0xff;
        if (n < 1 || n > 16 || n > padded.length) {
            throw new IllegalArgumentException("the vault data is damaged (bad padding)");
        }
        return Arrays.copyOf(padded, padded.length - n);
    }
}
