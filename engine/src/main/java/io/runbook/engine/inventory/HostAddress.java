package io.runbook.engine.inventory;

import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * A host identifier with an optional port, read as Ansible's {@code parse_address} reads one: a host name (with
 * {@code [x:y]} ranges when they are allowed), an IPv4 address or an IPv6 address, the port an optional {@code :NN} after
 * a name or IPv4 address, or after any bracketed expression ({@code [fe80::1]:22}: the only way to give an IPv6 address a
 * port). Host patterns ({@code split_host_pattern}), inventory host entries, {@code -i} host lists and {@code add_host}
 * all read addresses through it, each deciding what to do with one it refuses (most keep the text as the name).
 *
 * <p>Ansible's patterns are followed to the letter, their quirks too: the IPv6 pattern checks the end of the text only in
 * its last alternative, so a text that starts like a compressed address ({@code fe80::x}, {@code db::web}) is one.
 *
 * @param host the host part, without brackets; never null
 * @param port the port ({@link Integer} when it fits, else a larger number), or null when none is given
 */
public record HostAddress(String host, Number port) {
    private static final int I = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    // the ranges each part of an address may be written as: numeric, hexadecimal, or a letter or number range
    private static final String NUMERIC_RANGE = "\\[(?:[0-9]+:[0-9]+)(?::[0-9]+)?\\]";
    private static final String HEX_RANGE = "\\[(?:[0-9a-f]+:[0-9a-f]+)(?::[0-9]+)?\\]";
    private static final String ALNUM_RANGE = "\\[(?:[a-z]:[a-z]|[0-9]+:[0-9]+)(?::[0-9]+)?\\]";
    private static final String IPV6_PART = "(?:[0-9a-f]{1,4}|" + HEX_RANGE + ")";
    private static final String IPV4_PART = "(?:[01]?[0-9]{1,2}|2[0-4][0-9]|25[0-5]|" + NUMERIC_RANGE + ")";
    /** A label of a host name: word characters, '-' or ranges, not starting with '-' nor ending with '-' or '_'. */
    private static final String LABEL = "(?:\\w|" + ALNUM_RANGE + ")(?:[\\w_-]|" + ALNUM_RANGE + ")*(?<![_-])";

    // Python's re.match and '$' (end, or before a last '\n'): lookingAt with UNIX_LINES
    private static final Pattern BRACKETED_HOSTPORT = Pattern.compile("^\\[(.+)\\]:([0-9]+)$", Pattern.UNIX_LINES);
    private static final Pattern HOSTPORT = Pattern.compile("^((?:[^:\\[\\]]|\\[[^\\]]*\\])*):([0-9]+)$", Pattern.UNIX_LINES);
    private static final Pattern IPV4 = Pattern.compile("^(?:" + IPV4_PART + "\\.){3}" + IPV4_PART + "$", Pattern.UNIX_LINES | I);
    private static final Pattern IPV6 = Pattern.compile(String.join("|",
            "^(?:P:){7}P",              // uncompressed: 1:2:3:4:5:6:7:8
            "(?:P:){1,6}:",             // compressed: a::b for the lengths of a and b
            "(?:P:)(?::P){1,6}",
            "(?:P:){2}(?::P){1,5}",
            "(?:P:){3}(?::P){1,4}",
            "(?:P:){4}(?::P){1,3}",
            "(?:P:){5}(?::P){1,2}",
            "(?:P:){6}(?::P)",
            ":(?::P){1,6}",             // ::ffff(:ffff...)
            "P?::",                     // ffff::, ::
            "(?:0:){6}(?:P\\.){3}P",    // IPv4 in IPv6
            "::(?:ffff:)?(?:P\\.){3}P",
            "(?:0:){5}ffff:(?:P\\.){3}P$").replace("P", IPV6_PART), Pattern.UNIX_LINES | I);
    private static final Pattern HOSTNAME = Pattern.compile("^" + LABEL + "(?:\\." + LABEL + ")*$",
            Pattern.UNIX_LINES | I | Pattern.UNICODE_CHARACTER_CLASS);

    /** Why a text is no address, in Ansible's words. */
    public static final class NotAnAddress extends Exception {
        NotAnAddress(String message) {
            super(message);
        }
    }

    /**
     * Reads {@code address} as Ansible's {@code parse_address(address, allow_ranges)}.
     *
     * @throws NotAnAddress "Not a valid network hostname: …" when the text (its port taken off) is no host name or IP
     *                      address, "Detected range in host but was asked to ignore ranges" when it has a range and
     *                      {@code allowRanges} is false
     */
    public static HostAddress parse(String address, boolean allowRanges) throws NotAnAddress {
        Boolean plain = plainName(address);
        if (plain != null) {
            if (!plain) {
                throw new NotAnAddress("Not a valid network hostname: " + address);
            }
            return new HostAddress(address, null);
        }
        String rest = address;
        String port = null;
        // as Ansible's: both port patterns are tried in turn, the second on what the first left ('[h:22]:33' is h, 22)
        for (Pattern withPort : new Pattern[] {BRACKETED_HOSTPORT, HOSTPORT}) {
            java.util.regex.Matcher m = withPort.matcher(rest);
            if (m.lookingAt()) {
                rest = m.group(1);
                port = m.group(2);
            }
        }
        if (rest.isEmpty() || !(IPV4.matcher(rest).lookingAt() || IPV6.matcher(rest).lookingAt()
                || HOSTNAME.matcher(rest).lookingAt())) {
            throw new NotAnAddress("Not a valid network hostname: " + rest);
        }
        if (!allowRanges && rest.indexOf('[') >= 0) {
            throw new NotAnAddress("Detected range in host but was asked to ignore ranges");
        }
        return new HostAddress(rest, port == null ? null : number(port));
    }

    /**
     * What the patterns say of a text made only of ASCII letters, digits, '.', '_' and '-' (nearly every inventory's
     * host names), told without them: null for any other text. Such a text has no port (no ':') and no range (no
     * '['), cannot be IPv6 (no ':'), and is an IPv4 address only when it is also a host name; so it is one exactly
     * when each of its dot-separated labels is not empty, starts with a letter, digit or '_' and does not end with '_'
     * or '-' ({@link #HOSTNAME}). A thousand hosts' names through the three patterns cost the engine more CPU time
     * (the patterns run interpreted until compiled) than this loop.
     */
    private static Boolean plainName(String text) {
        if (text.isEmpty()) {
            return null;
        }
        boolean valid = true;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '.';
            boolean word = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
            if (c == '.') {
                char last = i > start ? text.charAt(i - 1) : '.';
                valid &= i > start && text.charAt(start) != '-' && last != '_' && last != '-';
                start = i + 1;
            } else if (!word && c != '-') {
                return null;
            }
        }
        return valid;
    }

    /** As {@link #parse}, and a text that is no address kept whole as the host, without a port (as Ansible's callers do). */
    public static HostAddress parseOrKeep(String address, boolean allowRanges) {
        try {
            return parse(address, allowRanges);
        } catch (NotAnAddress e) {
            return new HostAddress(address, null);
        }
    }

    /**
     * Whether {@code name} is an IP address (ranges allowed) as Ansible's Host tells one for
     * {@code inventory_hostname_short}, which is then the whole name rather than its first label.
     */
    public static boolean isIpAddress(String name) {
        return IPV4.matcher(name).lookingAt() || IPV6.matcher(name).lookingAt();
    }

    /** Whether a port is given and is not 0 (Ansible sets {@code ansible_port} only for such a port). */
    public boolean hasPort() {
        return port instanceof BigInteger big ? big.signum() != 0 : port != null && port.longValue() != 0;
    }

    private static Number number(String digits) {
        BigInteger n = new BigInteger(digits);
        return n.bitLength() < 32 ? (Number) n.intValue() : n.bitLength() < 64 ? (Number) n.longValue() : n;
    }
}
