package io.runbook.engine.yaml;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The strings Ansible's YAML loader would have made {@code AnsibleUnicode}: text read from a playbook, a vars file, an
 * inventory or any other file Ansible reads as YAML. Python tells them apart by their class, which survives being passed
 * on unchanged ({@code "{{ s }}"}, {@code default}, {@code first}, {@code set_fact}) while anything that makes new text
 * makes a plain {@code str}; Java's String has no subclass, so the very instances are remembered (weakly, by
 * identity) and a copy of one is plain text. Only {@code type_debug} and {@code __class__} ask.
 */
public final class YamlText {
    private static final ConcurrentHashMap<Key, Boolean> MARKED = new ConcurrentHashMap<>();
    private static final ReferenceQueue<String> GONE = new ReferenceQueue<>();

    private YamlText() {
    }

    /** Remembers this instance as text read by Ansible's YAML loader. */
    static void mark(String text) {
        for (Object gone; (gone = GONE.poll()) != null; ) {
            MARKED.remove(gone);
        }
        MARKED.putIfAbsent(new Key(text, GONE), Boolean.TRUE);
    }

    /** Whether value is an instance {@link #mark} remembered (not merely equal text). */
    public static boolean is(Object value) {
        return value instanceof String s && !MARKED.isEmpty() && MARKED.containsKey(new Probe(s));
    }

    /** Plain text of the same characters: what Python's str methods give for an AnsibleUnicode. */
    public static Object plain(Object value) {
        return is(value) ? new String((String) value) : value;
    }

    /** A look-up key that holds its text strongly (no reference object made per look-up). */
    private record Probe(String text) {
        @Override
        public int hashCode() {
            return System.identityHashCode(text);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key k && k.get() == text;
        }
    }

    /** A weak reference equal to another for the same referent instance. */
    private static final class Key extends WeakReference<String> {
        private final int hash;

        Key(String text, ReferenceQueue<String> queue) {
            super(text, queue);
            hash = System.identityHashCode(text);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            if (this == other) {
                return true;
            }
            Object referent = get();
            return other instanceof Key k && referent != null && referent == k.get();
        }
    }
}
