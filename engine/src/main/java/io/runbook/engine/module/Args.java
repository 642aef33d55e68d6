package io.runbook.engine.module;

import io.runbook.engine.error.SourcePosition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A module's arguments after templating, validation and coercion: every declared argument is present
 * under its canonical name (aliases resolved), holding the coerced value or its default (possibly null).
 */
public final class Args {
    private final Map<String, Object> values;
    private final Set<String> given;
    private final Map<String, SourcePosition> positions;
    private final SourcePosition taskPosition;
    private final Map<String, Object> others;
    private final Map<String, String> written;
    private final Set<String> unsafe;

    public Args(Map<String, Object> values, Set<String> given, Map<String, SourcePosition> positions,
                SourcePosition taskPosition) {
        this(values, given, positions, taskPosition, Map.of(), Map.of(), Set.of());
    }

    /**
     * {@code others}: the keys besides the declared arguments (for a spec with {@link ArgSpec#otherKeys()});
     * {@code written}: for each given argument, the key it was written as (its name or an alias).
     */
    public Args(Map<String, Object> values, Set<String> given, Map<String, SourcePosition> positions,
                SourcePosition taskPosition, Map<String, Object> others, Map<String, String> written) {
        this(values, given, positions, taskPosition, others, written, Set.of());
    }

    private Args(Map<String, Object> values, Set<String> given, Map<String, SourcePosition> positions,
                 SourcePosition taskPosition, Map<String, Object> others, Map<String, String> written, Set<String> unsafe) {
        this.values = Collections.unmodifiableMap(values);
        this.given = Set.copyOf(given);
        this.positions = Map.copyOf(positions);
        this.taskPosition = taskPosition;
        this.others = Collections.unmodifiableMap(new LinkedHashMap<>(others));
        this.written = Map.copyOf(written);
        this.unsafe = Set.copyOf(unsafe);
    }

    /** These arguments, knowing which ones were given as unsafe text (Ansible's unsafe: never templated). */
    public Args withUnsafe(Set<String> names) {
        return new Args(values, given, positions, taskPosition, others, written, names);
    }

    /** Whether the argument's value was unsafe text as a whole (a {@code !unsafe} value, a command's output). */
    public boolean isUnsafe(String name) {
        return unsafe.contains(name);
    }

    /** Whether the user wrote this argument (as opposed to its default applying). */
    public boolean has(String name) {
        return given.contains(name);
    }

    /** Whether the task wrote this argument, even when its value came out null (then it is not {@link #has given}). */
    public boolean isWritten(String name) {
        return given.contains(name) || positions.containsKey(name);
    }

    public Object raw(String name) {
        return values.get(name);
    }

    public String string(String name) {
        return (String) values.get(name);
    }

    public Integer integer(String name) {
        Object v = values.get(name);
        return v == null ? null : ((Number) v).intValue();
    }

    public Double number(String name) {
        Object v = values.get(name);
        return v == null ? null : ((Number) v).doubleValue();
    }

    /** A boolean argument; false when absent with no default. */
    public boolean bool(String name) {
        return Boolean.TRUE.equals(values.get(name));
    }

    @SuppressWarnings("unchecked")
    public List<Object> list(String name) {
        Object v = values.get(name);
        return v == null ? List.of() : (List<Object>) v;
    }

    /** A list argument as strings. */
    public List<String> strings(String name) {
        return list(name).stream().map(o -> o == null ? null : String.valueOf(o)).toList();
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> map(String name) {
        Object v = values.get(name);
        return v == null ? null : (Map<String, Object>) v;
    }

    public Path path(String name) {
        return (Path) values.get(name);
    }

    public Duration duration(String name) {
        return (Duration) values.get(name);
    }

    /** Where the argument was written; the task's position when it was not written. */
    public SourcePosition position(String name) {
        return positions.getOrDefault(name, taskPosition);
    }

    /** The keys given besides the declared arguments, as rendered, in written order (see {@link ArgSpec#otherKeys()}). */
    public Map<String, Object> others() {
        return others;
    }

    /** The key a given argument was written as (its name or one of its aliases); null when it was not written. */
    public String writtenAs(String name) {
        return written.get(name);
    }

    /** All values by canonical name. */
    public Map<String, Object> asMap() {
        return values;
    }
}
