package io.runbook.engine.playbook;

import io.runbook.engine.error.UserError;
import io.runbook.engine.module.ArgValidator;
import io.runbook.engine.yaml.YNode;
import java.time.Duration;
import java.util.List;

/**
 * The values of the numeric and list keywords ({@code retries}, {@code delay}, {@code timeout}, {@code loop}): one
 * rule for each, checked when the playbook is read when the value is written literally, and again when a template
 * is rendered, with the same message.
 */
public final class KeywordValues {
    private KeywordValues() {
    }

    /** {@code retries}: a whole number of at least 0, or null when {@code value} is not one. */
    public static Integer retries(Object value) {
        if (value instanceof Integer i) {
            return i >= 0 ? i : null;
        }
        if (value instanceof Long l) {
            return l >= 0 && l <= Integer.MAX_VALUE ? (int) (long) l : null;
        }
        return value instanceof String s && s.strip().matches("\\d{1,9}") ? Integer.parseInt(s.strip()) : null;
    }

    /** {@code delay}: seconds (or a duration such as {@code 10s}) of at least 0, or null when {@code value} is not one. */
    public static Duration delay(Object value) {
        Duration d = value == null ? null : ArgValidator.parseDuration(value);
        return d == null || d.isNegative() ? null : d;
    }

    /** {@code timeout}: seconds or a duration such as {@code 90s}, at least 0 (0 is no limit), or null when not one. */
    public static Duration timeout(Object value) {
        return delay(value);
    }

    public static String retriesError(Object value) {
        return "retries must be a whole number of at least 0 (how often to try again), got " + shown(value);
    }

    public static String delayError(Object value) {
        return "delay must be a number of seconds of at least 0 (or a duration like 10s), got " + shown(value);
    }

    public static String timeoutError(Object value) {
        return "timeout must be a number of seconds or a duration like 90s or 10m (0 for none), got " + shown(value);
    }

    public static String loopError(Object value) {
        return "loop must be a list, or a template that gives one, got " + (value instanceof java.util.Map
                ? "a mapping (use a list of mappings, or dict2items)" : shown(value));
    }

    /** Checks a literal {@code retries}/{@code delay}/{@code timeout} where it is written; templates wait for the run. */
    static void checkLiteral(String keyword, YNode node) {
        Object v = node.toPlain();
        if (v == null || ArgValidator.isTemplate(v)) {
            return;
        }
        switch (keyword) {
            case "retries" -> {
                if (retries(v) == null) {
                    throw new UserError(node.position(), retriesError(v));
                }
            }
            case "delay" -> {
                if (delay(v) == null) {
                    throw new UserError(node.position(), delayError(v));
                }
            }
            case "timeout" -> {
                if (timeout(v) == null) {
                    throw new UserError(node.position(), timeoutError(v));
                }
            }
            default -> throw new IllegalArgumentException(keyword);
        }
    }

    /** {@code loop:} written literally must be a list (a template is checked when rendered). */
    static void checkLoop(String keyword, YNode node) {
        Object v = node.toPlain();
        boolean template = v instanceof String text && (text.contains("{{") || text.contains("{%"));
        if (keyword.equals("loop") && !(v instanceof List<?>) && !template) {
            throw new UserError(node.position(), loopError(v));
        }
    }

    private static String shown(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof java.util.Map || value instanceof List) {
            return value instanceof List ? "a list" : "a mapping";
        }
        return "'" + value + "'";
    }
}
