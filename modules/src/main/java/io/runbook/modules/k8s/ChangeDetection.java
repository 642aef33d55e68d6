package io.runbook.modules.k8s;

import java.util.Map;
import java.util.Objects;

/**
 * Decides whether an apply changed an object by comparing what the server held before with what it
 * returned. Fields the server bumps on every write ({@code resourceVersion}, {@code generation},
 * {@code managedFields}) and {@code status} (written by controllers, never by an apply) are ignored, so a
 * second run of the same manifest reports {@code unchanged}.
 */
public final class ChangeDetection {
    /** What an apply or delete did to one object. */
    public enum Action {
        CREATED, CONFIGURED, UNCHANGED, DELETED;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private ChangeDetection() {
    }

    /** The action of an apply: {@code before} is null when the object did not exist. */
    public static Action ofApply(Map<String, Object> before, Map<String, Object> after) {
        if (before == null) {
            return Action.CREATED;
        }
        return Objects.equals(comparable(before), comparable(after)) ? Action.UNCHANGED : Action.CONFIGURED;
    }

    /** The object without the fields that say nothing about what the user declared. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> comparable(Map<String, Object> object) {
        Map<String, Object> copy = SecretMask.deepCopy(object);
        copy.remove("status");
        if (copy.get("metadata") instanceof Map<?, ?> metadata) {
            Map<String, Object> m = (Map<String, Object>) metadata;
            m.remove("resourceVersion");
            m.remove("generation");
            m.remove("managedFields");
            if (m.get("annotations") instanceof Map<?, ?> a && a.isEmpty()) {
                m.remove("annotations");
            }
            if (m.get("labels") instanceof Map<?, ?> l && l.isEmpty()) {
                m.remove("labels");
            }
        }
        return copy;
    }

    /**
     * kubernetes.core's diff_objects: whether {@code after} differs from {@code before} in anything but metadata's
     * generation and resourceVersion (and managedFields, which its results never show); an object that was not there
     * ({@code null}, an apply that created it) is its {@code {}}.
     */
    public static boolean differs(Map<String, Object> before, Map<String, Object> after) {
        return !stripped(before == null ? Map.of() : before).equals(stripped(after == null ? Map.of() : after));
    }

    /** kubernetes.core's warning when an update, replace or apply changed an object's version and nothing else. */
    static final String NO_MEANINGFUL_DIFF = "No meaningful diff was generated, but the API may not be idempotent"
            + " (only metadata.generation or metadata.resourceVersion were changed)";

    /**
     * Whether kubernetes.core warns {@link #NO_MEANINGFUL_DIFF} for a write that is no creation or deletion: {@code after}
     * differs from {@code before} only in metadata's generation or resourceVersion (the server wrote, nothing changed).
     */
    static boolean onlyVersionChanged(Map<String, Object> before, Map<String, Object> after) {
        if (before == null || after == null || differs(before, after)) {
            return false;
        }
        return !Objects.equals(FieldPath.read(before, "metadata.resourceVersion").orElse(null), FieldPath.read(after, "metadata.resourceVersion").orElse(null))
                || !Objects.equals(FieldPath.read(before, "metadata.generation").orElse(null), FieldPath.read(after, "metadata.generation").orElse(null));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stripped(Map<String, Object> object) {
        Map<String, Object> copy = SecretMask.deepCopy(object);
        if (copy.get("metadata") instanceof Map<?, ?> metadata) {
            Map<String, Object> m = (Map<String, Object>) metadata;
            m.remove("generation");
            m.remove("resourceVersion");
            m.remove("managedFields");
        }
        return copy;
    }

    /** The object as shown in results: without managedFields, Secret values masked. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> shown(Map<String, Object> object) {
        Map<String, Object> copy = SecretMask.mask(object);
        if (copy.get("metadata") instanceof Map<?, ?> metadata) {
            ((Map<String, Object>) metadata).remove("managedFields");
        }
        return copy;
    }
}
