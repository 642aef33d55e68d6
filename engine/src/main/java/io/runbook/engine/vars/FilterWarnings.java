package io.runbook.engine.vars;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Where warnings that filters give while a template renders go ({@code [WARNING]:} lines of ansible.utils' ipaddr for
 * an empty value): to the sink of the task's run on one host that the executor opened on this thread, else to the
 * run's own (see {@link Templar#warnings}), else nowhere. Ansible's filters warn through the display of the process
 * that renders, so a task's run on a host has its own.
 */
public final class FilterWarnings {
    private static final ThreadLocal<Consumer<String>> SINK = new ThreadLocal<>();

    private FilterWarnings() {
    }

    /** Runs {@code work} with this thread's filter warnings going to {@code sink}, then restores the one before. */
    public static <T> T to(Consumer<String> sink, Supplier<T> work) {
        Consumer<String> before = SINK.get();
        SINK.set(sink);
        try {
            return work.get();
        } finally {
            if (before == null) {
                SINK.remove();
            } else {
                SINK.set(before);
            }
        }
    }

    /** Whether a sink is open on this thread. */
    static boolean open() {
        return SINK.get() != null;
    }

    /** Shows a warning where this thread's filter warnings go. */
    static void warn(String message) {
        Consumer<String> sink = SINK.get();
        if (sink != null) {
            sink.accept(message);
        }
    }
}
