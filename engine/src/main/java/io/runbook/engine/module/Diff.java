package io.runbook.engine.module;

/**
 * What a task would change or changed: a label (such as {@code Secret tsb/iam-signing-key}) and the text
 * before and after, typically YAML. Secret values must already be masked by the module. The headers are what
 * {@code --diff} prints after {@code --- before} and {@code +++ after} (the label unless a module says otherwise;
 * null: nothing, as Ansible's callback prints a side without a header). A {@link #prepared} diff is text a module
 * made itself (Ansible's {@code diff.prepared}, such as unarchive's itemized lines), printed as it is.
 */
public record Diff(String label, String before, String after, String beforeHeader, String afterHeader, String prepared) {
    public Diff(String label, String before, String after) {
        this(label, before, after, label, label);
    }

    public Diff(String label, String before, String after, String beforeHeader, String afterHeader) {
        this(label, before, after, beforeHeader, afterHeader, null);
    }

    /** Text shown by --diff as it is, with no before and after (Ansible's {@code prepared}). */
    public static Diff prepared(String text) {
        return new Diff("prepared", null, null, null, null, text);
    }

    /** The same change with other headers ({@code copy}'s: the destination when it exists, and the source). */
    public Diff headed(String beforeHeader, String afterHeader) {
        return new Diff(label, before, after, beforeHeader, afterHeader, prepared);
    }

    /** The diff as a module's result holds it: {@code {prepared}}, or {@code {before, after}} with the headers it has. */
    public java.util.Map<String, Object> toMap() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        if (prepared != null) {
            m.put("prepared", prepared);
            return m;
        }
        m.put("before", before);
        m.put("after", after);
        if (beforeHeader != null) {
            m.put("before_header", beforeHeader);
        }
        if (afterHeader != null) {
            m.put("after_header", afterHeader);
        }
        return m;
    }
}
