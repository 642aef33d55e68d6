package io.runbook.engine.vars;

import java.util.function.Supplier;

/**
 * How the output of a macro, of a {@code {% call %}} block's {@code caller()} and of a {@code {% set %}} block becomes
 * its value: with the concat function of the render it is in, as Jinja's code calls the environment's concat for them.
 * A task's template in a jinja2_native run: {@link #NATIVE} ({@code m(1)} is the int 1, an empty macro None); in the
 * default mode {@link #EVAL} ({@code [1]} becomes a list, {@code 1} stays text); the template module's file and the
 * template lookup with {@code convert_data=False} outside jinja2_native: {@link #TEXT}.
 */
enum Concat {
    /** Ansible's ansible_concat: the text. */
    TEXT,
    /** Ansible's ansible_eval_concat: the text, read as data when it spells a list, a dict or a boolean. */
    EVAL,
    /** Ansible's ansible_native_concat: one value itself, else the text read as a Python literal; nothing is None. */
    NATIVE;

    private static final ThreadLocal<Concat> CURRENT = new ThreadLocal<>();

    /** The concat of the render this thread is in: that of a task's template unless a render said otherwise. */
    static Concat current(Jinja jinja) {
        Concat set = CURRENT.get();
        return set != null ? set : jinja.jinja2Native() ? NATIVE : EVAL;
    }

    /** {@code body}'s result, its macros' and blocks' output made into values by {@code concat}. */
    static <T> T with(Concat concat, Supplier<T> body) {
        Concat before = CURRENT.get();
        CURRENT.set(concat);
        try {
            return body.get();
        } finally {
            CURRENT.set(before);
        }
    }

    /** A task's template: its macros as {@link #current} of a task's. */
    static <T> T task(Supplier<T> body) {
        Concat before = CURRENT.get();
        CURRENT.remove();
        try {
            return body.get();
        } finally {
            CURRENT.set(before);
        }
    }

    /**
     * The template lookup's: its templar is native only for its own {@code jinja2_native=True} in a native run, and
     * outside jinja2_native {@code convert_data=False} keeps the text.
     */
    static Concat ofTemplateLookup(boolean convert, boolean nativeRun, boolean lookupNative) {
        return !convert && !nativeRun ? TEXT : nativeRun && lookupNative ? NATIVE : EVAL;
    }
}
