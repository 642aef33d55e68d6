package io.runbook.engine.module;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.Suggestions;
import io.runbook.engine.error.UserError;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a module's arguments against its {@link ArgSpec}. {@link #checkWritten} runs before anything is
 * executed and looks at what can be known statically (names, required, literal types and choices);
 * {@link #coerce} runs per host after templating and produces {@link Args}.
 */
public final class ArgValidator {
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");

    private ArgValidator() {
    }

    /** Static checks on the written arguments; values that are templates are checked when they are rendered. */
    public static void checkWritten(String module, ArgSpec spec, Map<String, Object> written,
                                    Map<String, SourcePosition> positions, SourcePosition taskPosition) {
        Map<String, String> canonical = canonicalNames(module, spec, written, positions, taskPosition);
        for (Map.Entry<String, String> e : canonical.entrySet()) {
            Object value = written.get(e.getKey());
            if (value != null && !isTemplate(value) && spec.find(e.getValue()).isPresent()) {
                // the value is only checked, not kept: no folder, and ~ as any home
                coerceOne(module, spec.find(e.getValue()).orElseThrow(), value, pos(positions, e.getKey(), taskPosition),
                        new PathBase(null, "/"));
            }
        }
        checkRequired(module, spec, new HashSet<>(canonical.values()), taskPosition);
    }

    /**
     * Validates and coerces rendered arguments; {@code baseDir} resolves relative paths, {@code home} is the {@code ~}
     * of path arguments (the controller's, from the run's environment).
     */
    public static Args coerce(String module, ArgSpec spec, Map<String, Object> rendered,
                              Map<String, SourcePosition> positions, SourcePosition taskPosition, Path baseDir, String home) {
        PathBase base = new PathBase(baseDir, home);
        Map<String, String> canonical = canonicalNames(module, spec, rendered, positions, taskPosition);
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, SourcePosition> canonicalPositions = new HashMap<>();
        Set<String> given = new HashSet<>();
        Map<String, Object> others = new LinkedHashMap<>();
        Map<String, String> written = new HashMap<>();
        for (Arg arg : spec.args()) {
            values.put(arg.name(), arg.defaultValue() == null ? null : coerceOne(module, arg, arg.defaultValue(), taskPosition, base));
        }
        for (Map.Entry<String, String> e : canonical.entrySet()) {
            SourcePosition where = pos(positions, e.getKey(), taskPosition);
            if (spec.find(e.getValue()).isEmpty()) {
                if (!e.getKey().equals("_raw_params")) {
                    others.put(e.getKey(), rendered.get(e.getKey()));
                    continue;
                }
                // free-form text of a module that does not declare _raw_params itself
                values.put(e.getKey(), String.valueOf(rendered.get(e.getKey())));
                canonicalPositions.put(e.getKey(), where);
                given.add(e.getKey());
                continue;
            }
            Arg arg = spec.find(e.getValue()).orElseThrow();
            canonicalPositions.put(arg.name(), where);
            Object raw = rendered.get(e.getKey());
            if (raw != null) {
                values.put(arg.name(), coerceOne(module, arg, raw, where, base));
                given.add(arg.name());
                written.put(arg.name(), e.getKey());
            }
        }
        checkRequired(module, spec, given, taskPosition);
        return new Args(values, given, canonicalPositions, taskPosition, others, written);
    }

    /** Whether a written value still contains a template to render. */
    public static boolean isTemplate(Object value) {
        if (value instanceof String s) {
            return s.contains("{{") || s.contains("{%");
        }
        if (value instanceof Map<?, ?> m) {
            return m.values().stream().anyMatch(ArgValidator::isTemplate) || m.keySet().stream().anyMatch(ArgValidator::isTemplate);
        }
        if (value instanceof List<?> l) {
            return l.stream().anyMatch(ArgValidator::isTemplate);
        }
        return false;
    }

    /** Ansible's {@code boolean(value, strict=False)}: true for its true spellings, false for anything else. */
    public static boolean isTrue(Object value) {
        return Boolean.TRUE.equals(parseBool(value));
    }

    /** Ansible's boolean spellings, or null when the text is not one. */
    public static Boolean parseBool(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n && (n.intValue() == 0 || n.intValue() == 1) && n.doubleValue() == n.intValue()) {
            return n.intValue() == 1;
        }
        if (value instanceof String s) {
            switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "yes", "true", "on", "y", "1", "t":
                    return true;
                case "no", "false", "off", "n", "0", "f":
                    return false;
                default:
                    return null;
            }
        }
        return null;
    }

    /** Parses a duration: seconds as a number, or text like {@code 90s}, {@code 10m}, {@code 1h30m}, {@code 500ms}. */
    public static Duration parseDuration(Object value) {
        if (value instanceof Number n) {
            return Duration.ofMillis(Math.round(n.doubleValue() * 1000));
        }
        String s = String.valueOf(value).trim().toLowerCase(Locale.ROOT);
        if (s.matches("\\d+(\\.\\d+)?")) {
            return Duration.ofMillis(Math.round(Double.parseDouble(s) * 1000));
        }
        Matcher m = DURATION_PART.matcher(s);
        long millis = 0;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                return null;
            }
            double n = Double.parseDouble(m.group(1));
            millis += Math.round(n * switch (m.group(2)) {
                case "ms" -> 1;
                case "s" -> 1000;
                case "m" -> 60_000;
                case "h" -> 3_600_000;
                default -> 86_400_000;
            });
            end = m.end();
        }
        return end == s.length() && end > 0 ? Duration.ofMillis(millis) : null;
    }

    private static Map<String, String> canonicalNames(String module, ArgSpec spec, Map<String, Object> written,
                                                      Map<String, SourcePosition> positions, SourcePosition taskPosition) {
        Map<String, String> canonical = new LinkedHashMap<>();
        Map<String, String> seen = new HashMap<>();
        for (String key : written.keySet()) {
            if (key.equals("_raw_params") && spec.freeForm()
                    || spec.otherKeys() != null && spec.find(key).isEmpty()) {
                canonical.put(key, key);
                continue;
            }
            Arg arg = spec.find(key).orElseThrow(() -> new UserError(pos(positions, key, taskPosition),
                    "unknown argument '" + key + "' for module '" + module + "'",
                    Suggestions.didYouMean(key, spec.acceptedNames())));
            String previous = seen.put(arg.name(), key);
            if (previous != null) {
                throw new UserError(pos(positions, key, taskPosition),
                        "argument '" + key + "' of module '" + module + "' is given twice (also as '" + previous + "')");
            }
            canonical.put(key, arg.name());
        }
        for (List<String> group : spec.mutuallyExclusive()) {
            List<String> present = group.stream().filter(seen::containsKey).toList();
            if (present.size() > 1) {
                throw new UserError(pos(positions, seen.get(present.get(1)), taskPosition),
                        "module '" + module + "': arguments " + String.join(" and ", present) + " are mutually exclusive");
            }
        }
        return canonical;
    }

    private static void checkRequired(String module, ArgSpec spec, Set<String> given, SourcePosition taskPosition) {
        if (spec.freeForm() && given.contains("_raw_params")) {
            return;
        }
        for (Arg arg : spec.args()) {
            if (arg.isRequired() && arg.defaultValue() == null && !given.contains(arg.name())) {
                throw new UserError(taskPosition, "module '" + module + "' is missing required argument '" + arg.name() + "'");
            }
        }
        for (List<String> group : spec.requiredOneOf()) {
            if (group.stream().noneMatch(given::contains)) {
                throw new UserError(taskPosition, "module '" + module + "' needs one of: " + String.join(", ", group));
            }
        }
    }

    private static SourcePosition pos(Map<String, SourcePosition> positions, String key, SourcePosition fallback) {
        return positions.getOrDefault(key, fallback);
    }

    static Object coerceOne(String module, Arg arg, Object value, SourcePosition where, PathBase base) {
        Object out = switch (arg.type()) {
            case STR -> value instanceof Map || value instanceof List ? fail(module, arg, value, where) : String.valueOf(value);
            case INT -> toInt(value);
            case FLOAT -> toFloat(value);
            case BOOL -> parseBool(value);
            case LIST -> toList(module, arg, value, where, base);
            case DICT -> value instanceof Map ? value : null;
            case PATH -> value instanceof Map || value instanceof List ? null : toPath(String.valueOf(value), base.dir(), base.home());
            case DURATION -> parseDuration(value);
            case RAW -> value;
        };
        if (out == null) {
            return fail(module, arg, value, where);
        }
        if (!arg.choices().isEmpty() && !arg.choices().contains(String.valueOf(out))) {
            throw new UserError(where, "argument '" + arg.name() + "' of module '" + module + "' must be one of "
                    + String.join(", ", arg.choices()) + ", got '" + out + "'",
                    Suggestions.didYouMean(String.valueOf(out), arg.choices()));
        }
        return out;
    }

    private static Object fail(String module, Arg arg, Object value, SourcePosition where) {
        String shown = arg.isSecret() ? "a secret value" : describe(value);
        throw new UserError(where, "argument '" + arg.name() + "' of module '" + module + "' must be "
                + expected(arg.type()) + ", got " + shown);
    }

    private static String describe(Object value) {
        if (value instanceof Map) {
            return "a mapping";
        }
        if (value instanceof List) {
            return "a list";
        }
        String s = String.valueOf(value);
        return "'" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "'";
    }

    private static String expected(ArgType type) {
        return switch (type) {
            case STR -> "a string";
            case INT -> "an integer";
            case FLOAT -> "a number";
            case BOOL -> "a boolean (yes/no, true/false, on/off)";
            case LIST -> "a list";
            case DICT -> "a mapping";
            case PATH -> "a path";
            case DURATION -> "a duration (seconds, or like 90s, 10m, 1h)";
            case RAW -> "a value";
        };
    }

    private static Integer toInt(Object value) {
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.intValue();
        }
        if (value instanceof String s && s.trim().matches("[+-]?\\d+")) {
            return Integer.parseInt(s.trim());
        }
        return null;
    }

    private static Double toFloat(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return value instanceof String s ? Double.parseDouble(s.trim()) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static List<Object> toList(String module, Arg arg, Object value, SourcePosition where, PathBase base) {
        List<Object> items = new ArrayList<>();
        if (value instanceof List<?> l) {
            items.addAll(l);
        } else if (value instanceof String s && arg.elements() != ArgType.DICT) {
            for (String part : s.split(",")) {
                if (!part.isBlank()) {
                    items.add(part.trim());
                }
            }
        } else if (value instanceof Map) {
            return null;
        } else {
            items.add(value);
        }
        if (arg.elements() == null) {
            return items;
        }
        Arg element = Arg.of(arg.name(), arg.elements());
        List<Object> out = new ArrayList<>(items.size());
        for (Object item : items) {
            out.add(coerceOne(module, element, item, where, base));
        }
        return out;
    }

    /** Where path arguments start: the folder relative ones resolve against, the home {@code ~} is. */
    record PathBase(Path dir, String home) {
    }

    /** Expands {@code ~} to {@code home} and resolves a relative path against {@code baseDir} (when given). */
    public static Path toPath(String text, Path baseDir, String home) {
        String t = text.trim();
        Path p = Path.of(io.runbook.engine.vars.HomeDir.expand(t, home));
        return p.isAbsolute() || baseDir == null ? p : baseDir.resolve(p).normalize();
    }
}
