package io.runbook.engine.journal;

import java.security.GeneralSecurityException;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-GCM encryption as the JDK's {@code AES/GCM/NoPadding} does it with a 12-byte nonce, a 128-bit tag and no
 * additional data (the same bytes: {@link Sealer#open} reads them with the JDK's cipher), made cheaper for the
 * journal's sealing of a result per host and task. The engine runs with the quick compiler only, which has no
 * intrinsic for the JDK's GHASH: its bit-by-bit multiplication (128 steps per 16 bytes) was most of the sealing's
 * time in the 1 000-cluster rotation. Here GHASH multiplies by tables of the key's hash subkey made once (4 bits at a
 * time, 32 steps per 16 bytes), and the counter blocks go through one AES/ECB call, whose cipher is set up once
 * for the key rather than looked up and initialised for each value (counters as GCM's inc32: the low 32 bits).
 */
final class GcmSealing {
    static final int NONCE = 12;
    static final int TAG = 16;
    /** The reduction of the 4 bits shifted out, by their value (GCM's polynomial, x^128 + x^7 + x^2 + x + 1). */
    private static final long[] LAST4 = {0x0000, 0x1c20, 0x3840, 0x2460, 0x7080, 0x6ca0, 0x48c0, 0x54e0,
        0xe100, 0xfd20, 0xd940, 0xc560, 0x9180, 0x8da0, 0xa9c0, 0xb5e0};
    private final SecretKeySpec key;
    /** The products of the hash subkey H and each 4-bit value, high and low 64 bits. */
    private final long[] hh = new long[16];
    private final long[] hl = new long[16];
    /** AES/ECB ciphers initialised with the key, to reuse (taken out while in use). */
    private final ConcurrentLinkedQueue<Cipher> ciphers = new ConcurrentLinkedQueue<>();

    GcmSealing(SecretKeySpec key) throws GeneralSecurityException {
        this.key = key;
        byte[] h = cipher().doFinal(new byte[16]);
        long vh = longAt(h, 0);
        long vl = longAt(h, 8);
        hh[8] = vh;
        hl[8] = vl;
        for (int i = 4; i > 0; i >>= 1) {
            long t = (vl & 1) * 0xe1000000L;
            vl = (vh << 63) | (vl >>> 1);
            vh = (vh >>> 1) ^ (t << 32);
            hh[i] = vh;
            hl[i] = vl;
        }
        for (int i = 2; i <= 8; i *= 2) {
            for (int j = 1; j < i; j++) {
                hh[i + j] = hh[i] ^ hh[j];
                hl[i + j] = hl[i] ^ hl[j];
            }
        }
    }

    /** The nonce, then the cipher text of {@code plain}, then its tag: what the JDK's cipher writes after the nonce. */
    byte[] seal(byte[] nonce, byte[] plain) throws GeneralSecurityException {
        int blocks = (plain.length + 15) / 16;
        // J0 (the nonce, counter 1) for the tag, then the counters 2, 3, ... for the text: encrypted in one call
        byte[] counters = new byte[(blocks + 1) * 16];
        for (int b = 0; b <= blocks; b++) {
            System.arraycopy(nonce, 0, counters, b * 16, NONCE);
            int c = b + 1;
            counters[b * 16 + 12] = (byte) (c >>> 24);
            counters[b * 16 + 13] = (byte) (c >>> 16);
            counters[b * 16 + 14] = (byte) (c >>> 8);
            counters[b * 16 + 15] = (byte) c;
        }
        Cipher ecb = ciphers.poll();
        if (ecb == null) {
            ecb = cipher();
        }
        try {
            ecb.doFinal(counters, 0, counters.length, counters, 0);
        } finally {
            ciphers.offer(ecb);
        }
        byte[] out = new byte[NONCE + plain.length + TAG];
        System.arraycopy(nonce, 0, out, 0, NONCE);
        for (int i = 0; i < plain.length; i++) {
            out[NONCE + i] = (byte) (plain[i] ^ counters[16 + i]);
        }
        // GHASH of the cipher text (zero-padded to whole blocks), then of its length in bits (no additional data)
        long yh = 0;
        long yl = 0;
        long[] y = new long[2];
        for (int b = 0; b < blocks; b++) {
            int at = NONCE + b * 16;
            int n = Math.min(16, plain.length - b * 16);
            yh ^= n == 16 ? longAt(out, at) : partial(out, at, Math.min(n, 8));
            yl ^= n == 16 ? longAt(out, at + 8) : n > 8 ? partial(out, at + 8, n - 8) : 0;
            multiply(yh, yl, y);
            yh = y[0];
            yl = y[1];
        }
        multiply(yh, yl ^ ((long) plain.length * 8), y);
        int tag = NONCE + plain.length;
        putLong(out, tag, y[0] ^ longAt(counters, 0));
        putLong(out, tag + 8, y[1] ^ longAt(counters, 8));
        return out;
    }

    /** x times H in GF(2^128), GCM's bit order; the product in {@code z}. */
    private void multiply(long xh, long xl, long[] z) {
        int lo = (int) (xl & 0xf);
        long zh = hh[lo];
        long zl = hl[lo];
        for (int i = 15; i >= 0; i--) {
            int b = (int) ((i < 8 ? xh >>> (56 - 8 * i) : xl >>> (120 - 8 * i)) & 0xff);
            lo = b & 0xf;
            int hi = b >>> 4;
            if (i != 15) {
                int rem = (int) (zl & 0xf);
                zl = (zh << 60) | (zl >>> 4);
                zh = (zh >>> 4) ^ (LAST4[rem] << 48) ^ hh[lo];
                zl ^= hl[lo];
            }
            int rem = (int) (zl & 0xf);
            zl = (zh << 60) | (zl >>> 4);
            zh = (zh >>> 4) ^ (LAST4[rem] << 48) ^ hh[hi];
            zl ^= hl[hi];
        }
        z[0] = zh;
        z[1] = zl;
    }

    private Cipher cipher() throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/ECB/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, key);
        return c;
    }

    private static long longAt(byte[] b, int at) {
        return partial(b, at, 8);
    }

    /** The first {@code n} (≤ 8) bytes at {@code at} as the high bytes of a long, the rest zero. */
    private static long partial(byte[] b, int at, int n) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (i < n ? b[at + i] & 0xff : 0);
        }
        return v;
    }

    private static void putLong(byte[] b, int at, long v) {
        for (int i = 7; i >= 0; i--) {
            b[at + i] = (byte) v;
            v >>>= 8;
        }
    }
}
