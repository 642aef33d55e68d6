package io.runbook.engine.inventory;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import java.util.ArrayList;
import java.util.List;

/**
 * Expands inventory host ranges as Ansible does: {@code cp-[1:3]}, {@code cp-[01:03]} (zero padding kept,
 * begin and end of equal length), {@code [a:c]} letters, {@code [1:10:2]} with a stride, and several ranges
 * in one name. A name without a range (no '[') expands to itself; a '[' that begins no range is an error, as in Ansible.
 */
final class HostRange {
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    /** The most hosts one name may expand to: far beyond any estate, far below what exhausts memory. */
    static final int MAX_HOSTS = 10_000;

    private HostRange() {
    }

    /** Whether {@code name} is to be expanded: as Ansible's {@code detect_range}, whether it has a '['. */
    static boolean hasRange(String name) {
        return name.indexOf('[') >= 0;
    }

    static List<String> expand(String name, SourcePosition where) {
        long count = count(name, where);
        if (count > MAX_HOSTS) {
            throw rangeError(name, where, "it names " + (count == Long.MAX_VALUE ? "too many" : String.valueOf(count))
                    + " hosts; one name may expand to at most " + MAX_HOSTS);
        }
        return expandAll(name, where);
    }

    /** How many names {@code name} expands to, counted without expanding (capped, never overflowing). */
    private static long count(String name, SourcePosition where) {
        if (!hasRange(name)) {
            return 1;
        }
        int open = name.indexOf('[');
        int close = name.indexOf(']', open);
        if (close < 0) {
            return 1;  // expandAll reports the mistake
        }
        String[] bounds = name.substring(open + 1, close).split(":", -1);
        if (bounds.length < 2 || bounds.length > 3 || bounds[1].isEmpty()) {
            return 1;  // expandAll reports the mistake
        }
        String begin = bounds[0].isEmpty() ? "0" : bounds[0];
        long step = bounds.length == 3 ? Math.max(1, number(bounds[2], name, where)) : 1;
        long from;
        long to;
        if (begin.length() == 1 && bounds[1].length() == 1 && LETTERS.indexOf(begin) >= 0 && LETTERS.indexOf(bounds[1]) >= 0) {
            from = LETTERS.indexOf(begin);
            to = LETTERS.indexOf(bounds[1]);
        } else {
            from = number(begin, name, where);
            to = number(bounds[1], name, where);
        }
        long here = to < from ? 1 : (to - from) / step + 1;
        long rest = count(name.substring(close + 1), where);
        return here > Long.MAX_VALUE / Math.max(1, rest) ? Long.MAX_VALUE : here * rest;
    }

    private static List<String> expandAll(String name, SourcePosition where) {
        List<String> out = new ArrayList<>();
        if (!hasRange(name)) {
            out.add(name);
            return out;
        }
        int open = name.indexOf('[');
        int close = name.indexOf(']', open);
        if (close < 0) {
            // Ansible's expand_hostname_range splits the name at '[' and ']': Python's error when there is no ']'
            throw new UserError(where, "not enough values to unpack (expected 3, got 2)", "'" + name + "' has a '[' without"
                    + " its ']': a section is [group], a host range [begin:end] or [begin:end:step]");
        }
        String head = name.substring(0, open);
        String tail = name.substring(close + 1);
        String[] bounds = name.substring(open + 1, close).split(":", -1);
        if (bounds.length != 2 && bounds.length != 3) {
            throw rangeError(name, where, "a host range is [begin:end] or [begin:end:step]");
        }
        String begin = bounds[0].isEmpty() ? "0" : bounds[0];
        String end = bounds[1];
        if (end.isEmpty()) {
            throw rangeError(name, where, "a host range needs an end value, e.g. [1:3]");
        }
        int step = bounds.length == 3 ? number(bounds[2], name, where) : 1;
        if (step <= 0) {
            throw rangeError(name, where, "the step of a host range must be a positive number");
        }
        for (String item : sequence(begin, end, step, name, where)) {
            out.addAll(expandAll(head + item + tail, where));
        }
        return out;
    }

    private static List<String> sequence(String begin, String end, int step, String name, SourcePosition where) {
        List<String> seq = new ArrayList<>();
        int letterBegin = begin.length() == 1 ? LETTERS.indexOf(begin) : -1;
        int letterEnd = end.length() == 1 ? LETTERS.indexOf(end) : -1;
        if (letterBegin >= 0 && letterEnd >= 0) {
            if (letterBegin > letterEnd) {
                throw rangeError(name, where, "the begin of a host range must not be after its end");
            }
            for (int i = letterBegin; i <= letterEnd; i += step) {
                seq.add(String.valueOf(LETTERS.charAt(i)));
            }
            return seq;
        }
        int from = number(begin, name, where);
        int to = number(end, name, where);
        boolean padded = begin.length() > 1 && begin.charAt(0) == '0';
        if (padded && begin.length() != end.length()) {
            throw rangeError(name, where, "a zero-padded host range needs begin and end of equal length, e.g. [01:10]");
        }
        if (from > to) {
            throw rangeError(name, where, "the begin of a host range must not be after its end");
        }
        for (long i = from; i <= to; i += step) {
            seq.add(padded ? String.format("%0" + begin.length() + "d", i) : String.valueOf(i));
        }
        return seq;
    }

    private static int number(String text, String name, SourcePosition where) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw rangeError(name, where, "'" + text + "' is neither a number nor a single letter");
        }
    }

    private static UserError rangeError(String name, SourcePosition where, String cause) {
        return new UserError(where, "bad host range in '" + name + "': " + cause);
    }
}
