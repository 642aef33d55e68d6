package io.runbook.engine.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class GcmSealingTest {
    @Test
    void sealsToTheBytesTheJdksAesGcmWritesForEveryLengthAndKey() throws Exception {
        // the journal's format: nonce, then what AES/GCM/NoPadding (128-bit tag, no additional data) writes
        Random random = new Random(41);
        int[] lengths = new int[80];
        for (int i = 0; i < 70; i++) {
            lengths[i] = i;
        }
        int[] larger = {255, 256, 257, 1000, 4095, 4096, 4097, 40_000, 100_003, 1 << 17};
        System.arraycopy(larger, 0, lengths, 70, larger.length);
        for (int k = 0; k < 4; k++) {
            byte[] keyBytes = new byte[32];
            random.nextBytes(keyBytes);
            SecretKeySpec key = new SecretKeySpec(keyBytes, "AES");
            GcmSealing sealing = new GcmSealing(key);
            for (int length : lengths) {
                byte[] nonce = new byte[GcmSealing.NONCE];
                random.nextBytes(nonce);
                byte[] plain = new byte[length];
                random.nextBytes(plain);
                Cipher jdk = Cipher.getInstance("AES/GCM/NoPadding");
                jdk.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
                byte[] expected = jdk.doFinal(plain);
                byte[] sealed = sealing.seal(nonce, plain);
                assertArrayEquals(nonce, Arrays.copyOf(sealed, GcmSealing.NONCE), "length " + length);
                assertArrayEquals(expected, Arrays.copyOfRange(sealed, GcmSealing.NONCE, sealed.length), "length " + length);
                Cipher open = Cipher.getInstance("AES/GCM/NoPadding");
                open.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, sealed, 0, GcmSealing.NONCE));
                assertArrayEquals(plain, open.doFinal(sealed, GcmSealing.NONCE, sealed.length - GcmSealing.NONCE));
            }
        }
    }

    @Test
    void aSealedValueOpensWithTheJournalsKey(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        Sealer sealer = Sealer.create(dir);
        String text = "{\"token\": \"caf\u00e9 \u2014 \uD83D\uDE80\"}".repeat(50);
        String once = sealer.seal(text);
        assertEquals(text, Sealer.open(dir).open(once));
        // a nonce of its own for each value
        org.junit.jupiter.api.Assertions.assertNotEquals(once, sealer.seal(text));
    }
}
