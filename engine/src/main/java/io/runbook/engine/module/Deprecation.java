package io.runbook.engine.module;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A deprecation, as an Ansible module's {@code deprecate()} records it and a result carries it under
 * {@code deprecations}: the message, the version or the date of the removal (neither: "a future release"), and the
 * collection that removes it (null for none; {@code ansible.builtin} is named ansible-core when shown).
 */
public record Deprecation(String msg, String version, String date, String collectionName) {

    /** Removed in {@code version} (or null) of {@code collectionName} (or null). */
    public static Deprecation inVersion(String msg, String version, String collectionName) {
        return new Deprecation(msg, version, null, collectionName);
    }

    /**
     * The entry of a result's {@code deprecations} list as AnsibleModule writes it: {@code msg}, {@code date} when it
     * has one, else {@code version} (null or not), and {@code collection_name}.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("msg", msg);
        if (date != null) {
            m.put("date", date);
        } else {
            m.put("version", version);
        }
        m.put("collection_name", collectionName);
        return m;
    }

    /**
     * The deprecations of a result's {@code deprecations} value (a list of such maps; a plain string is a message
     * without version); anything else is none.
     */
    public static List<Deprecation> listOf(Object value) {
        List<Deprecation> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object entry : list) {
                if (entry instanceof Map<?, ?> m && m.get("msg") != null) {
                    out.add(new Deprecation(String.valueOf(m.get("msg")), text(m.get("version")), text(m.get("date")),
                            text(m.get("collection_name"))));
                } else if (entry instanceof CharSequence s) {
                    out.add(new Deprecation(s.toString(), null, null, null));
                }
            }
        }
        return out;
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    /**
     * The text ansible-core 2.14's display shows, unwrapped (its {@code get_deprecation_message}): {@code [DEPRECATION
     * WARNING]: msg.} (a full stop added unless it ends with one, '!' or '?'), when it is removed, and how to silence it.
     */
    public String message() {
        String m = msg.strip();
        if (!m.isEmpty() && ".!?".indexOf(m.charAt(m.length() - 1)) < 0) {
            m += ".";
        }
        String collection = "ansible.builtin".equals(collectionName) ? "ansible-core" : collectionName;
        String when = date != null ? "in a release after " + date + "." : version != null ? "in version " + version + "."
                : "in a future release.";
        return "[DEPRECATION WARNING]: " + m + " This feature will be removed "
                + (collection == null || collection.isEmpty() ? "" : "from " + collection + " ") + when
                + " Deprecation warnings can be disabled by setting deprecation_warnings=False in ansible.cfg.";
    }
}
