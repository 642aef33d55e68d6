package io.runbook.engine.yaml;

import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;

/**
 * Types unquoted scalars as Ansible does: PyYAML's YAML 1.1 implicit resolvers (the same rules in the same order),
 * so {@code 0644} is the octal 420, {@code 1e3} is text, {@code 0b101}, {@code 0x1F}, {@code 1_000} and
 * {@code 190:20:30} are integers, {@code yes/On/FALSE} booleans, {@code ~/Null/NULL} and nothing null and
 * {@code 2026-12-03} a timestamp. Quoted or explicitly tagged scalars are text. Immutable: threads share it.
 */
public final class Yaml11Resolver implements ScalarResolver {
    /** YAML 1.1's timestamp tag (a date, or a date and time). */
    public static final Tag TIMESTAMP = new Tag(Tag.PREFIX + "timestamp");

    static final Pattern BOOL = Pattern.compile("yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF");
    static final Pattern FLOAT = Pattern.compile("[-+]?[0-9][0-9_]*\\.[0-9_]*(?:[eE][-+][0-9]+)?"
            + "|\\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
            + "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*"
            + "|[-+]?\\.(?:inf|Inf|INF)"
            + "|\\.(?:nan|NaN|NAN)");
    static final Pattern INT = Pattern.compile("[-+]?0b[0-1_]+"
            + "|[-+]?0[0-7_]+"
            + "|[-+]?(?:0|[1-9][0-9_]*)"
            + "|[-+]?0x[0-9a-fA-F_]+"
            + "|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+");
    static final Pattern NULL = Pattern.compile("~|null|Null|NULL|");
    static final Pattern TIMESTAMP_TEXT = Pattern.compile("(?<year>[0-9]{4})-(?<month>[0-9]{1,2})-(?<day>[0-9]{1,2})"
            + "(?:(?:[Tt]|[ \\t]+)(?<hour>[0-9]{1,2}):(?<minute>[0-9]{2}):(?<second>[0-9]{2})(?:\\.(?<fraction>[0-9]*))?"
            + "(?:[ \\t]*(?<tz>Z|(?<tzSign>[-+])(?<tzHour>[0-9]{1,2})(?::(?<tzMinute>[0-9]{2}))?))?)?");
    /** PyYAML's timestamp resolver: a date alone has two-digit month and day; a date and time may have one. */
    private static final Pattern TIMESTAMP_RESOLVED = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}"
            + "|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \\t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\\.[0-9]*)?"
            + "(?:[ \\t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?");

    /** The characters a null, boolean, number or timestamp can start with (PyYAML's resolvers' first characters). */
    private static final String FIRST_CHARACTERS = "~nNyYtTfFoO-+.0123456789";

    @Override
    public Tag resolve(String value, Boolean implicit) {
        if (!implicit) {
            return Tag.STR;
        }
        if (!value.isEmpty() && FIRST_CHARACTERS.indexOf(value.charAt(0)) < 0) {
            // as PyYAML picks its resolvers by the first character: most scalars (names, text) try no pattern
            return Tag.STR;
        }
        if (NULL.matcher(value).matches()) {
            return Tag.NULL;
        }
        if (BOOL.matcher(value).matches()) {
            return Tag.BOOL;
        }
        if (FLOAT.matcher(value).matches()) {
            return Tag.FLOAT;
        }
        if (INT.matcher(value).matches()) {
            return Tag.INT;
        }
        if (TIMESTAMP_RESOLVED.matcher(value).matches()) {
            return TIMESTAMP;
        }
        return Tag.STR;
    }
}
