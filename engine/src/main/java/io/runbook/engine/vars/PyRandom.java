package io.runbook.engine.vars;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * Python's {@code random.Random(seed)}: the Mersenne Twister (MT19937) seeded as CPython 3 seeds it (a string: its UTF-8
 * bytes followed by their SHA-512, read as one big-endian number; an int: its absolute value), and the methods
 * Ansible's filters call ({@code randrange}, {@code choice}, {@code shuffle}), so that {@code random(seed=...)} and
 * {@code shuffle(seed=...)} give the numbers and orders ansible-playbook gives (a cron minute per host stays the same).
 */
final class PyRandom {
    private static final int N = 624;
    private static final int M = 397;
    private final int[] mt = new int[N];
    private int index = N;

    /** A generator seeded with {@code seed}: an int (or bool) as itself, anything else as its text. */
    PyRandom(Object seed) {
        BigInteger key;
        if (seed instanceof Boolean b) {
            key = b ? BigInteger.ONE : BigInteger.ZERO;
        } else if (PyNumbers.isInt(seed)) {
            key = PyNumbers.big(seed).abs();
        } else {
            byte[] bytes = ValueText.of(seed).getBytes(StandardCharsets.UTF_8);
            byte[] all = new byte[bytes.length + 64];
            System.arraycopy(bytes, 0, all, 0, bytes.length);
            System.arraycopy(sha512(bytes), 0, all, bytes.length, 64);
            key = new BigInteger(1, all);
        }
        seedByArray(words(key));
    }

    /** randrange(start, stop, step), as CPython 3.11's. */
    BigInteger randrange(BigInteger start, BigInteger stop, BigInteger step) {
        BigInteger width = stop.subtract(start);
        if (step.equals(BigInteger.ONE)) {
            if (width.signum() > 0) {
                return start.add(below(width));
            }
            throw new ExpressionFailure("empty range for randrange() (" + start + ", " + stop + ", " + width + ")");
        }
        BigInteger n;
        if (step.signum() > 0) {
            n = floorDiv(width.add(step).subtract(BigInteger.ONE), step);
        } else if (step.signum() < 0) {
            n = floorDiv(width.add(step).add(BigInteger.ONE), step);
        } else {
            throw new ExpressionFailure("zero step for randrange()");
        }
        if (n.signum() <= 0) {
            throw new ExpressionFailure("empty range for randrange()");
        }
        return start.add(step.multiply(below(n)));
    }

    /** choice(items). */
    Object choice(List<?> items) {
        if (items.isEmpty()) {
            throw new ExpressionFailure("Cannot choose from an empty sequence");
        }
        return items.get(below(BigInteger.valueOf(items.size())).intValue());
    }

    /** shuffle(items), in place. */
    void shuffle(List<Object> items) {
        for (int i = items.size() - 1; i >= 1; i--) {
            int j = below(BigInteger.valueOf(i + 1L)).intValue();
            Object t = items.get(i);
            items.set(i, items.get(j));
            items.set(j, t);
        }
    }

    /** _randbelow_with_getrandbits(n). */
    private BigInteger below(BigInteger n) {
        int k = n.bitLength();
        BigInteger r = bits(k);
        while (r.compareTo(n) >= 0) {
            r = bits(k);
        }
        return r;
    }

    /** getrandbits(k): 32-bit words from the least significant, the last one cut to what is left. */
    private BigInteger bits(int k) {
        if (k <= 0) {
            return BigInteger.ZERO;
        }
        if (k <= 32) {
            return BigInteger.valueOf(Integer.toUnsignedLong(next()) >>> (32 - k));
        }
        BigInteger out = BigInteger.ZERO;
        for (int shift = 0; k > 0; shift += 32, k -= 32) {
            long word = Integer.toUnsignedLong(next());
            if (k < 32) {
                word >>>= 32 - k;
            }
            out = out.or(BigInteger.valueOf(word).shiftLeft(shift));
        }
        return out;
    }

    private static BigInteger floorDiv(BigInteger a, BigInteger b) {
        BigInteger[] qr = a.divideAndRemainder(b);
        return qr[1].signum() != 0 && qr[1].signum() != b.signum() ? qr[0].subtract(BigInteger.ONE) : qr[0];
    }

    /** The absolute value as 32-bit words, least significant first ([0] for zero), as CPython's random_seed. */
    private static int[] words(BigInteger key) {
        int count = Math.max(1, (key.bitLength() + 31) / 32);
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = key.shiftRight(32 * i).intValue();
        }
        return out;
    }

    private void seedGenrand(int s) {
        mt[0] = s;
        for (int i = 1; i < N; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
        index = N;
    }

    private void seedByArray(int[] key) {
        seedGenrand(19650218);
        int i = 1;
        int j = 0;
        for (int k = Math.max(N, key.length); k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1664525)) + key[j] + j;
            i++;
            j++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if (j >= key.length) {
                j = 0;
            }
        }
        for (int k = N - 1; k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1566083941)) - i;
            i++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x80000000;
    }

    private int next() {
        if (index >= N) {
            for (int kk = 0; kk < N; kk++) {
                int y = (mt[kk] & 0x80000000) | (mt[(kk + 1) % N] & 0x7fffffff);
                mt[kk] = mt[(kk + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908b0df : 0);
            }
            index = 0;
        }
        int y = mt[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y;
    }

    private static byte[] sha512(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-512").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
