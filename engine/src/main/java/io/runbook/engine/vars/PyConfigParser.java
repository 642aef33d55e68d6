package io.runbook.engine.vars;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * INI text read as Python's {@code configparser.ConfigParser} reads it with its defaults, which Ansible's
 * {@code ini} lookup uses: {@code [section]} headers, {@code key = value} or {@code key: value} (the first
 * {@code =} or {@code :}), full-line {@code #}/{@code ;} comments, indented continuation lines (blank lines inside
 * a value kept), keys lower-cased unless case-sensitive, a {@code [DEFAULT]} section seen through every other, strict
 * (a section or key twice in one text is an error), keys without a value only when allowed, and
 * {@code %(name)s}/{@code %%} interpolation when a value is read. Errors carry Python's class name and message.
 */
final class PyConfigParser {
    static final String DEFAULT = "DEFAULT";
    private static final Pattern SECTION = Pattern.compile("\\[(.+)\\]");
    private static final Pattern OPTION = Pattern.compile("(.*?)\\s*([=:])\\s*(.*)$");
    private static final Pattern KEY_REFERENCE = Pattern.compile("%\\(([^)]+)\\)s");
    private static final int MAX_DEPTH = 10;

    /** A configparser exception: its Python class name and message. */
    static final class Failure extends RuntimeException {
        final String type;

        Failure(String type, String message) {
            super(message);
            this.type = type;
        }
    }

    private final boolean allowNoValue;
    private final boolean caseSensitive;
    private final Map<String, List<String>> defaults = new LinkedHashMap<>();
    private final Map<String, Map<String, List<String>>> sections = new LinkedHashMap<>();

    PyConfigParser(boolean allowNoValue, boolean caseSensitive) {
        this.allowNoValue = allowNoValue;
        this.caseSensitive = caseSensitive;
    }

    String optionName(String name) {
        return caseSensitive ? name : name.toLowerCase(java.util.Locale.ROOT);
    }

    /** Adds what {@code text} holds, as {@code read_file}: a section seen before is added to. */
    void read(String text) {
        Set<Object> added = new HashSet<>();
        Map<String, List<String>> section = null;
        String sectionName = null;
        String option = null;
        int indent = 0;
        StringBuilder errors = new StringBuilder();
        String[] lines = text.split("\n", -1);
        int count = text.endsWith("\n") ? lines.length - 1 : lines.length;
        for (int i = 0; i < count; i++) {
            String line = lines[i];
            int number = i + 1;
            String stripped = line.strip();
            boolean comment = stripped.startsWith("#") || stripped.startsWith(";");
            String value = comment ? "" : stripped;
            if (value.isEmpty()) {
                if (!comment && section != null && option != null && section.get(option) != null) {
                    section.get(option).add("");
                }
                continue;
            }
            int level = firstNonSpace(line);
            if (section != null && option != null && level > indent) {
                section.get(option).add(value);
                continue;
            }
            indent = level;
            Matcher header = SECTION.matcher(value);
            if (header.lookingAt()) {
                sectionName = header.group(1);
                if (sections.containsKey(sectionName)) {
                    if (added.contains(sectionName)) {
                        throw new Failure("DuplicateSectionError", "While reading from '<???>' [line " + String.format("%2d", number)
                                + "]: section " + PyValues.repr(sectionName) + " already exists");
                    }
                    section = sections.get(sectionName);
                    added.add(sectionName);
                } else if (sectionName.equals(DEFAULT)) {
                    section = defaults;
                } else {
                    section = new LinkedHashMap<>();
                    sections.put(sectionName, section);
                    added.add(sectionName);
                }
                option = null;
            } else if (section == null) {
                throw new Failure("MissingSectionHeaderError", "File contains no section headers.\nfile: '<???>', line: " + number
                        + "\n" + PyValues.repr(line + "\n"));
            } else {
                Matcher m = OPTION.matcher(value);
                boolean withValue = m.matches();
                String name = withValue ? m.group(1) : allowNoValue ? value : null;
                if (name == null || name.isEmpty()) {
                    errors.append("\n\t[line ").append(String.format("%2d", number)).append("]: ").append(PyValues.repr(line + "\n"));
                    continue;
                }
                option = optionName(name.stripTrailing());
                if (!added.add(List.of(sectionName, option))) {
                    throw new Failure("DuplicateOptionError", "While reading from '<???>' [line " + String.format("%2d", number)
                            + "]: option " + PyValues.repr(option) + " in section " + PyValues.repr(sectionName) + " already exists");
                }
                List<String> parts = null;
                if (withValue) {
                    parts = new ArrayList<>();
                    parts.add(m.group(3).strip());
                }
                section.put(option, parts);
            }
        }
        if (errors.length() > 0) {
            throw new Failure("ParsingError", "Source contains parsing errors: '<???>'" + errors);
        }
    }

    private static int firstNonSpace(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (!Character.isWhitespace(line.charAt(i))) {
                return i;
            }
        }
        return 0;
    }

    private static String joined(List<String> parts) {
        return parts == null ? null : String.join("\n", parts).stripTrailing();
    }

    /** The section's keys over the defaults' (raw values), or a NoSectionError. */
    private Map<String, String> view(String section) {
        Map<String, List<String>> own = sections.get(section);
        if (own == null && !section.equals(DEFAULT)) {
            throw new Failure("NoSectionError", "No section: " + PyValues.repr(section));
        }
        Map<String, String> all = new LinkedHashMap<>();
        defaults.forEach((k, v) -> all.put(k, joined(v)));
        if (own != null) {
            own.forEach((k, v) -> all.put(k, joined(v)));
        }
        return all;
    }

    /** {@code get(section, option)}: the interpolated value, null for a key without one; {@code missing} when there is no such key. */
    Object get(String section, String option, Object missing) {
        Map<String, String> all = view(section);
        String key = optionName(option);
        if (!all.containsKey(key)) {
            return missing;
        }
        String raw = all.get(key);
        return raw == null ? null : interpolate(key, section, raw, all, 1);
    }

    /** {@code items(section)}: the keys (defaults first) and interpolated values. */
    Map<String, String> items(String section) {
        Map<String, String> all = view(section);
        Map<String, String> out = new LinkedHashMap<>();
        all.forEach((k, v) -> out.put(k, v == null ? "" : interpolate(k, section, v, all, 1)));
        return out;
    }

    private String interpolate(String option, String section, String rest, Map<String, String> all, int depth) {
        if (depth > MAX_DEPTH) {
            throw new Failure("InterpolationDepthError", "Recursion limit exceeded in value substitution: option "
                    + PyValues.repr(option) + " in section " + PyValues.repr(section) + " contains an interpolation key which cannot be substituted in "
                    + MAX_DEPTH + " steps. Raw value: " + PyValues.repr(rest));
        }
        StringBuilder out = new StringBuilder();
        while (!rest.isEmpty()) {
            int p = rest.indexOf('%');
            if (p < 0) {
                out.append(rest);
                break;
            }
            out.append(rest, 0, p);
            rest = rest.substring(p);
            String next = rest.length() > 1 ? rest.substring(1, 2) : "";
            if (next.equals("%")) {
                out.append('%');
                rest = rest.substring(2);
            } else if (next.equals("(")) {
                Matcher m = KEY_REFERENCE.matcher(rest);
                if (!m.lookingAt()) {
                    throw new Failure("InterpolationSyntaxError", "bad interpolation variable reference " + PyValues.repr(rest));
                }
                String name = optionName(m.group(1));
                rest = rest.substring(m.end());
                if (!all.containsKey(name) || all.get(name) == null) {
                    throw new Failure("InterpolationMissingOptionError", "Bad value substitution: option " + PyValues.repr(option)
                            + " in section " + PyValues.repr(section) + " contains an interpolation key " + PyValues.repr(name)
                            + " which is not a valid option name.");
                }
                String v = all.get(name);
                out.append(v.contains("%") ? interpolate(option, section, v, all, depth + 1) : v);
            } else {
                throw new Failure("InterpolationSyntaxError", "'%' must be followed by '%' or '(', found: " + PyValues.repr(rest));
            }
        }
        return out.toString();
    }
}
