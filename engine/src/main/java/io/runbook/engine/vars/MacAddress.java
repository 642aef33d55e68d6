package io.runbook.engine.vars;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A hardware (MAC) address read as python-netaddr's {@code EUI(text)} reads it: one of the EUI-48 notations (six
 * groups of one or two hex digits, three of up to four, two of five or six, or eleven or twelve bare digits), else a
 * decimal number (Python's int()) up to 48 bits; else an EUI-64 (eight groups of two, four of four, sixteen digits, or
 * a number up to 64 bits), which has no MAC dialect. Written in netaddr's dialects.
 */
record MacAddress(BigInteger value, int bits) {
    /** Python's {@code $}: the end, or before a newline that ends the text. */
    private static final String END = "(?=\\n?\\z)";
    private static final List<Pattern> EUI48 = List.of(groups(":", "{1,2}", 6), groups("-", "{1,2}", 6),
            groups(":", "{1,4}", 3), groups("-", "{1,4}", 3), groups("\\.", "{1,4}", 3), groups("-", "{5,6}", 2),
            groups(":", "{5,6}", 2), groups("", "{12}", 1), groups("", "{11}", 1));
    private static final List<Pattern> EUI64 = List.of(groups(":", "{1,2}", 8), groups("-", "{1,2}", 8),
            groups(":", "{1,4}", 4), groups("-", "{1,4}", 4), groups("\\.", "{1,4}", 4), groups("", "{16}", 1));
    private static final Pattern PY_INT = Pattern.compile("\\s*[+-]?\\d+(_\\d+)*\\s*");
    /** The test {@code mac} of ansible.utils: colon/dash pairs, Cisco's dotted quads or twelve bare digits. */
    private static final Pattern LOOKS_LIKE_MAC = Pattern.compile("^([0-9a-f]{2}[:-]){5}[0-9a-f]{2}" + END
            + "|^([0-9a-f]{4}\\.[0-9a-f]{4}\\.[0-9a-f]{4})" + END + "|^[0-9a-f]{12}" + END, Pattern.CASE_INSENSITIVE);
    private static final BigInteger MAX48 = BigInteger.ONE.shiftLeft(48).subtract(BigInteger.ONE);
    private static final BigInteger MAX64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private static Pattern groups(String separator, String digits, int count) {
        String group = "([0-9A-F]" + digits + ")";
        return Pattern.compile("^" + String.join(separator, java.util.Collections.nCopies(count, group)) + END,
                Pattern.CASE_INSENSITIVE);
    }

    /** The address the text names, as netaddr tries: EUI-48 notations, a 48-bit number, EUI-64 notations, a number. */
    static MacAddress parse(String text) {
        MacAddress mac = notation(text, EUI48, 48);
        if (mac == null) {
            mac = number(text, MAX48, 48);
        }
        if (mac == null) {
            mac = notation(text, EUI64, 64);
        }
        return mac == null ? number(text, MAX64, 64) : mac;
    }

    private static MacAddress notation(String text, List<Pattern> notations, int bits) {
        for (Pattern p : notations) {
            Matcher m = p.matcher(text);
            if (m.find()) {
                int width = bits / m.groupCount();
                BigInteger value = BigInteger.ZERO;
                for (int g = 1; g <= m.groupCount(); g++) {
                    value = value.shiftLeft(width).or(new BigInteger(m.group(g), 16));
                }
                return new MacAddress(value, bits);
            }
        }
        return null;
    }

    /** Text Python's int() reads, when it is a number from 0 to max. */
    private static MacAddress number(String text, BigInteger max, int bits) {
        if (PY_INT.matcher(text).matches()) {
            BigInteger n = new BigInteger(text.strip().replace("_", "").replace("+", ""));
            if (n.signum() >= 0 && n.compareTo(max) <= 0) {
                return new MacAddress(n, bits);
            }
        }
        return null;
    }

    /** ansible.utils' test {@code mac}: text only (other values fail as Python's re.match does). */
    static boolean looksLike(Object value) {
        if (!(value instanceof CharSequence text)) {
            throw new ExpressionFailure("expected string or bytes-like object, got '" + PyValues.typeName(value) + "'");
        }
        return LOOKS_LIKE_MAC.matcher(text).find();
    }

    /**
     * The address in a netaddr dialect: {@code wordBits} bits a word in {@code format} ({@code %x}, {@code %.2X} ...),
     * joined by {@code separator}. An EUI-64 has no MAC dialect: netaddr fails as here.
     */
    String format(int wordBits, String format, String separator) {
        if (bits != 48) {
            throw new ExpressionFailure("integer out of bounds: '0x" + value.toString(16) + "'!");
        }
        StringBuilder out = new StringBuilder();
        BigInteger mask = BigInteger.ONE.shiftLeft(wordBits).subtract(BigInteger.ONE);
        for (int shift = 48 - wordBits; shift >= 0; shift -= wordBits) {
            out.append(shift < 48 - wordBits ? separator : "")
                    .append(String.format(Locale.ROOT, format, value.shiftRight(shift).and(mask)));
        }
        return out.toString();
    }

    /** The modified EUI-64 (RFC 4291) that SLAAC puts in an IPv6 address's last 64 bits. */
    BigInteger modifiedEui64() {
        BigInteger eui64 = bits == 64 ? value
                : value.shiftRight(24).shiftLeft(40).or(BigInteger.valueOf(0xfffeL).shiftLeft(24))
                        .or(value.and(BigInteger.valueOf(0xffffffL)));
        return eui64.flipBit(57);
    }
}
