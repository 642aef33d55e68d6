package io.runbook.engine.inventory;

import io.runbook.engine.report.PythonRepr;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ansible's {@code TRANSFORM_INVALID_GROUP_CHARS} ({@code ANSIBLE_TRANSFORM_INVALID_GROUP_CHARS}, ansible.cfg's
 * {@code [defaults] force_valid_group_names}): what a group name of an inventory source that is no valid variable name
 * (a character other than a letter, digit or {@code _}, or a leading digit) becomes. {@code never} (the default) keeps
 * it and warns, {@code always} replaces each such character by {@code _} and warns, {@code ignore} keeps it and
 * {@code silently} replaces it, without a warning. As ansible-core 2.14's {@code to_safe_group_name}.
 */
public enum GroupNameChars {
    NEVER, ALWAYS, IGNORE, SILENTLY;

    /** Ansible's INVALID_VARIABLE_NAMES, with Python 3's Unicode {@code \w} and {@code \d}. */
    private static final Pattern INVALID = Pattern.compile("^[\\d\\W]|\\W", Pattern.UNICODE_CHARACTER_CLASS);
    static final String KEPT = "Invalid characters were found in group names but not replaced, use -vvvv to see details";
    static final String REPLACED = "Invalid characters were found in group names and automatically replaced, use -vvvv "
            + "to see details";

    /** The setting as written, or a message naming the valid values (Ansible's wording). */
    public static GroupNameChars of(String value) {
        for (GroupNameChars c : values()) {
            if (c.word().equals(value)) {
                return c;
            }
        }
        throw new IllegalArgumentException("Invalid value \"" + value + "\" for configuration option \"setting: "
                + "TRANSFORM_INVALID_GROUP_CHARS \", valid values are: always, never, ignore, silently");
    }

    /** The word the setting is written with. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The valid words, for a "did you mean". */
    public static List<String> words() {
        return List.of("always", "never", "ignore", "silently");
    }

    /**
     * The name a new group gets (from an inventory source, {@code group_by}, {@code add_host}): {@code name}, or with
     * its invalid characters replaced. The {@code -vvvv} line about it goes to {@code notes}' details, the warning to
     * its warnings.
     */
    public String safe(String name, Notes notes) {
        Matcher m = INVALID.matcher(name);
        Set<String> found = new LinkedHashSet<>();
        while (m.find()) {
            found.add(m.group());
        }
        if (found.isEmpty() || this == IGNORE) {
            return name;
        }
        // Python's str() of a set: {'-', '.'} (in the order first found; Python's own order depends on the hash seed)
        String detail = "invalid character(s) \"{" + String.join(", ", found.stream().map(PythonRepr::repr).toList())
                + "}\" in group name (" + name + ")";
        if (this == NEVER) {
            notes.detail("Not replacing " + detail);
            notes.warning(KEPT);
            return name;
        }
        if (this == ALWAYS) {
            notes.detail("Replacing " + detail);
            notes.warning(REPLACED);
        }
        return INVALID.matcher(name).replaceAll("_");
    }

    /** Where {@link #safe} puts what it says. */
    public interface Notes {
        /** A line shown from {@code -vvvv} on. */
        void detail(String line);

        /** A warning, shown once however often it is given. */
        void warning(String text);
    }
}
