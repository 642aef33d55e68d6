package io.runbook.engine.yaml;

import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Locale;
import java.util.regex.Matcher;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * The values of YAML 1.1 scalars, made as PyYAML's constructors make them: integers in bases 2, 8 (a leading 0),
 * 10, 16 and 60 ({@code 190:20:30}) with underscores ignored, floats (also base 60), booleans and null. A
 * timestamp becomes the text Ansible shows for it (Python's {@code str} of the date or datetime:
 * {@code 2026-12-03}, {@code 2026-12-03 10:00:00+00:00}), since values here have no date type.
 */
public final class Yaml11Scalars {
    private static final BigInteger SIXTY = BigInteger.valueOf(60);

    private Yaml11Scalars() {
    }

    /**
     * The value of a scalar of one of YAML 1.1's standard tags, or {@code text} for any other tag.
     *
     * @throws IllegalArgumentException with the reason when the text cannot be such a value (a number beyond 64
     *         bits, a date that does not exist)
     */
    public static Object value(Tag tag, String text) {
        if (Tag.NULL.equals(tag)) {
            return null;
        }
        if (Tag.BOOL.equals(tag)) {
            String t = text.toLowerCase(Locale.ROOT);
            return t.equals("yes") || t.equals("true") || t.equals("on");
        }
        if (Tag.INT.equals(tag)) {
            return integer(text);
        }
        if (Tag.FLOAT.equals(tag)) {
            return floating(text);
        }
        if (Yaml11Resolver.TIMESTAMP.equals(tag)) {
            return timestamp(text);
        }
        return text;
    }

    private static Object integer(String text) {
        String t = text.replace("_", "");
        boolean negative = t.startsWith("-");
        if (t.startsWith("-") || t.startsWith("+")) {
            t = t.substring(1);
        }
        BigInteger v;
        try {
            if (t.startsWith("0b")) {
                v = new BigInteger(t.substring(2), 2);
            } else if (t.startsWith("0x")) {
                v = new BigInteger(t.substring(2), 16);
            } else if (t.length() > 1 && t.startsWith("0")) {
                v = new BigInteger(t, 8);
            } else if (t.contains(":")) {
                v = BigInteger.ZERO;
                for (String digit : t.split(":")) {
                    v = v.multiply(SIXTY).add(new BigInteger(digit));
                }
            } else {
                v = new BigInteger(t);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not an integer");
        }
        return narrow(negative ? v.negate() : v, text);
    }

    /**
     * An Integer when it fits, else a Long (Ansible's values here are 64-bit at most).
     *
     * @throws IllegalArgumentException naming {@code text} when it needs more than 64 bits
     */
    static Object narrow(BigInteger v, String text) {
        if (v.bitLength() > 63) {
            throw new IllegalArgumentException("the number " + (text.length() > 40 ? text.substring(0, 40) + "…" : text)
                    + " is too large (the limit is " + Long.MAX_VALUE + ")");
        }
        long n = v.longValue();
        return n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE ? (Object) (int) n : (Object) n;
    }

    private static double floating(String text) {
        String t = text.replace("_", "").toLowerCase(Locale.ROOT);
        double sign = t.startsWith("-") ? -1 : 1;
        if (t.startsWith("-") || t.startsWith("+")) {
            t = t.substring(1);
        }
        if (t.equals(".inf")) {
            return sign * Double.POSITIVE_INFINITY;
        }
        if (t.equals(".nan")) {
            return Double.NaN;
        }
        try {
            if (t.contains(":")) {
                double v = 0;
                for (String digit : t.split(":")) {
                    v = v * 60 + Double.parseDouble(digit);
                }
                return sign * v;
            }
            return sign * Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a float");
        }
    }

    /** Python's str() of the date or datetime PyYAML makes. */
    private static String timestamp(String text) {
        Matcher m = Yaml11Resolver.TIMESTAMP_TEXT.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a timestamp");
        }
        try {
            LocalDate date = LocalDate.of(Integer.parseInt(m.group("year")), Integer.parseInt(m.group("month")),
                    Integer.parseInt(m.group("day")));
            if (m.group("hour") == null) {
                return date.toString();
            }
            LocalTime time = LocalTime.of(Integer.parseInt(m.group("hour")), Integer.parseInt(m.group("minute")),
                    Integer.parseInt(m.group("second")));
            return date + " " + clock(time, m.group("fraction")) + zone(m);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid date or time (" + e.getMessage() + ")");
        }
    }

    private static String clock(LocalTime time, String fraction) {
        String hms = String.format(Locale.ROOT, "%02d:%02d:%02d", time.getHour(), time.getMinute(), time.getSecond());
        if (fraction == null || fraction.isEmpty()) {
            return hms;
        }
        String micros = (fraction.length() > 6 ? fraction.substring(0, 6) : fraction + "000000".substring(fraction.length()));
        return Integer.parseInt(micros) == 0 ? hms : hms + "." + micros;
    }

    private static String zone(Matcher m) {
        if (m.group("tzSign") != null) {
            int hours = Integer.parseInt(m.group("tzHour"));
            int minutes = m.group("tzMinute") == null ? 0 : Integer.parseInt(m.group("tzMinute"));
            String sign = hours == 0 && minutes == 0 ? "+" : m.group("tzSign");
            return String.format(Locale.ROOT, "%s%02d:%02d", sign, hours, minutes);
        }
        return m.group("tz") != null ? "+00:00" : "";
    }
}
