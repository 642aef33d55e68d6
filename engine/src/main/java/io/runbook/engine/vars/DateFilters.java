package io.runbook.engine.vars;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ansible's to_datetime and strftime, with Python's datetime and timedelta as template values: attributes
 * ({@code .year}, {@code .days}), {@code total_seconds()}, {@code strftime()}, and {@code -} between them.
 */
final class DateFilters {
    private static final Map<Character, String> PARSE = Map.ofEntries(Map.entry('Y', "(\\d{4})"), Map.entry('m', "(\\d{1,2})"),
            Map.entry('d', "(\\d{1,2})"), Map.entry('H', "(\\d{1,2})"), Map.entry('M', "(\\d{1,2})"), Map.entry('S', "(\\d{1,2})"),
            Map.entry('f', "(\\d{1,6})"), Map.entry('y', "(\\d{2})"), Map.entry('j', "(\\d{1,3})"), Map.entry('I', "(\\d{1,2})"),
            Map.entry('p', "(AM|PM|am|pm)"), Map.entry('b', "([A-Za-z]{3})"), Map.entry('B', "([A-Za-z]+)"),
            Map.entry('a', "([A-Za-z]{3})"), Map.entry('A', "([A-Za-z]+)"), Map.entry('z', "([+-]\\d{4}|Z)"));

    private DateFilters() {
    }

    static void register(CollectionFilters.Registry r) {
        r.add("to_datetime", 1, List.of("format"), (v, a) -> parse(ValueText.only(v, type -> "strptime() argument 1 must be str, not " + type),
                ValueText.of(a.get(0, "format", "%Y-%m-%d %H:%M:%S"))));
        r.add("strftime", 2, List.of("second", "utc"), DateFilters::strftime);
    }

    private static Object strftime(Object format, Arguments a) {
        Object second = a.get(0, "second", null);
        boolean utc = PyValues.truthy(a.get(1, "utc", false));
        double epoch;
        if (second == null) {
            epoch = System.currentTimeMillis() / 1000.0;
        } else {
            Object parsed = Numbers.toFloat(second, null);
            if (parsed == null) {
                throw new ExpressionFailure("Invalid value for epoch value (" + ValueText.of(second) + ")");
            }
            epoch = (Double) parsed;
        }
        ZoneId zone = utc ? ZoneOffset.UTC : ZoneId.systemDefault();
        Instant instant = Instant.ofEpochSecond((long) Math.floor(epoch));
        return format(ValueText.only(format, type -> "strftime() argument 1 must be str, not " + type), ZonedDateTime.ofInstant(instant, zone));
    }

    /** Python's datetime.strptime for the common directives. */
    static DateTime parse(String text, String format) {
        StringBuilder regex = new StringBuilder();
        List<Character> fields = new ArrayList<>();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c == '%' && i + 1 < format.length()) {
                char d = format.charAt(++i);
                if (d == '%') {
                    regex.append('%');
                } else if (PARSE.containsKey(d)) {
                    regex.append(PARSE.get(d));
                    fields.add(d);
                } else {
                    throw new ExpressionFailure("to_datetime: the directive %" + d + " is not supported");
                }
            } else if (Character.isWhitespace(c)) {
                regex.append("\\s+");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        Matcher m = Pattern.compile(regex.toString()).matcher(text);
        if (!m.matches()) {
            throw new ExpressionFailure("time data '" + text + "' does not match format '" + format + "'");
        }
        int[] v = {1900, 1, 1, 0, 0, 0, 0};
        boolean pm = false;
        for (int g = 0; g < fields.size(); g++) {
            String s = m.group(g + 1);
            switch (fields.get(g)) {
                case 'Y' -> v[0] = Integer.parseInt(s);
                case 'y' -> v[0] = Integer.parseInt(s) + (Integer.parseInt(s) < 69 ? 2000 : 1900);
                case 'm' -> v[1] = Integer.parseInt(s);
                case 'b', 'B' -> v[1] = month(s);
                case 'd' -> v[2] = Integer.parseInt(s);
                case 'H', 'I' -> v[3] = Integer.parseInt(s);
                case 'M' -> v[4] = Integer.parseInt(s);
                case 'S' -> v[5] = Integer.parseInt(s);
                case 'f' -> v[6] = Integer.parseInt((s + "00000").substring(0, 6));
                case 'p' -> pm = s.equalsIgnoreCase("PM");
                default -> { }
            }
        }
        if (fields.contains('p')) {
            v[3] = v[3] % 12 + (pm ? 12 : 0);
        }
        try {
            return new DateTime(LocalDateTime.of(v[0], v[1], v[2], v[3], v[4], v[5], v[6] * 1000));
        } catch (java.time.DateTimeException e) {
            throw new ExpressionFailure("to_datetime: " + e.getMessage());
        }
    }

    private static int month(String name) {
        for (java.time.Month month : java.time.Month.values()) {
            String full = month.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            if (full.equalsIgnoreCase(name) || full.substring(0, 3).equalsIgnoreCase(name)) {
                return month.getValue();
            }
        }
        throw new ExpressionFailure("to_datetime: unknown month '" + name + "'");
    }

    /** Python's strftime for the common directives. */
    static String format(String format, ZonedDateTime t) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%' || i + 1 >= format.length()) {
                out.append(c);
                continue;
            }
            char d = format.charAt(++i);
            out.append(switch (d) {
                case 'Y' -> String.valueOf(t.getYear());
                case 'y' -> String.format("%02d", t.getYear() % 100);
                case 'm' -> String.format("%02d", t.getMonthValue());
                case 'd' -> String.format("%02d", t.getDayOfMonth());
                case 'e' -> String.format("%2d", t.getDayOfMonth());
                case 'H' -> String.format("%02d", t.getHour());
                case 'I' -> String.format("%02d", (t.getHour() + 11) % 12 + 1);
                case 'M' -> String.format("%02d", t.getMinute());
                case 'S' -> String.format("%02d", t.getSecond());
                case 'f' -> String.format("%06d", t.getNano() / 1000);
                case 'p' -> t.getHour() < 12 ? "AM" : "PM";
                case 'j' -> String.format("%03d", t.getDayOfYear());
                case 'a' -> t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
                case 'A' -> t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
                case 'b', 'h' -> t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
                case 'B' -> t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
                case 'w' -> String.valueOf(t.getDayOfWeek().getValue() % 7);
                case 'u' -> String.valueOf(t.getDayOfWeek().getValue());
                case 'z' -> t.getOffset().getTotalSeconds() == 0 ? "+0000" : t.getOffset().getId().replace(":", "");
                case 'Z' -> t.getZone().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
                case 's' -> String.valueOf(t.toEpochSecond());
                case 'F' -> format("%Y-%m-%d", t);
                case 'T' -> format("%H:%M:%S", t);
                case 'D' -> format("%m/%d/%y", t);
                case 'c' -> format("%a %b %e %H:%M:%S %Y", t);
                case 'x' -> format("%m/%d/%y", t);
                case 'X' -> format("%H:%M:%S", t);
                case '%' -> "%";
                default -> "%" + d;
            });
        }
        return out.toString();
    }

    /** Python's datetime (naive): attributes, strftime(), isoformat(), timestamp(); minus gives a timedelta. */
    record DateTime(LocalDateTime time) implements Access.Attributes, Comparable<DateTime> {
        @Override
        public Object attribute(String name) {
            return switch (name) {
                case "year" -> time.getYear();
                case "month" -> time.getMonthValue();
                case "day" -> time.getDayOfMonth();
                case "hour" -> time.getHour();
                case "minute" -> time.getMinute();
                case "second" -> time.getSecond();
                case "microsecond" -> time.getNano() / 1000;
                case "tzinfo" -> null;
                case "strftime" -> (Evaluator.Callable) (args, kwargs, frame) ->
                        format(ValueText.of(IsTests.one(new Arguments(args, kwargs), "strftime")), time.atZone(ZoneId.systemDefault()));
                case "isoformat" -> (Evaluator.Callable) (args, kwargs, frame) -> time.toString().length() == 16 ? time + ":00" : time.toString();
                case "timestamp" -> (Evaluator.Callable) (args, kwargs, frame) ->
                        time.atZone(ZoneId.systemDefault()).toInstant().toEpochMilli() / 1000.0;
                case "weekday" -> (Evaluator.Callable) (args, kwargs, frame) -> time.getDayOfWeek().getValue() - 1;
                case "isoweekday" -> (Evaluator.Callable) (args, kwargs, frame) -> time.getDayOfWeek().getValue();
                default -> PyValues.MISSING;
            };
        }

        @Override
        public int compareTo(DateTime other) {
            return time.compareTo(other.time);
        }

        @Override
        public String toString() {
            String date = format("%Y-%m-%d %H:%M:%S", time.atZone(ZoneOffset.UTC));
            return time.getNano() == 0 ? date : date + String.format(".%06d", time.getNano() / 1000);
        }
    }

    /** Python's timedelta: days, seconds, microseconds, total_seconds(). */
    record TimeDelta(Duration duration) implements Access.Attributes, Comparable<TimeDelta> {
        static TimeDelta between(DateTime a, DateTime b) {
            return new TimeDelta(Duration.between(b.time(), a.time()));
        }

        @Override
        public Object attribute(String name) {
            long micros = duration.toNanos() / 1000;
            long days = Math.floorDiv(micros, 86_400_000_000L);
            long rest = micros - days * 86_400_000_000L;
            return switch (name) {
                case "days" -> PyNumbers.integer(days);
                case "seconds" -> PyNumbers.integer(rest / 1_000_000);
                case "microseconds" -> PyNumbers.integer(rest % 1_000_000);
                case "total_seconds" -> (Evaluator.Callable) (args, kwargs, frame) -> micros / 1_000_000.0;
                default -> PyValues.MISSING;
            };
        }

        @Override
        public int compareTo(TimeDelta other) {
            return duration.compareTo(other.duration);
        }

        @Override
        public String toString() {
            long seconds = duration.getSeconds();
            long days = Math.floorDiv(seconds, 86_400);
            long rest = seconds - days * 86_400;
            String clock = String.format("%d:%02d:%02d", rest / 3600, rest % 3600 / 60, rest % 60);
            int micros = duration.getNano() / 1000;
            clock += micros == 0 ? "" : String.format(".%06d", micros);
            return days == 0 ? clock : days + " day" + (Math.abs(days) == 1 ? "" : "s") + ", " + clock;
        }
    }

    static Object plus(DateTime t, TimeDelta d, boolean add) {
        return new DateTime(add ? t.time().plus(d.duration()) : t.time().minus(d.duration()));
    }
}
