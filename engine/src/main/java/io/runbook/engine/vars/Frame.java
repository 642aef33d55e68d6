package io.runbook.engine.vars;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The names a template sees: its own ({@code {% set %}}, loop variables, macro arguments) in nested frames,
 * then the run's variables, whose values are templates rendered when read (with self-reference detection).
 */
final class Frame {
    static final Object MISSING = PyValues.MISSING;

    private final Frame parent;
    private final Map<String, Object> locals = new HashMap<>(8);
    private final Map<String, Object> vars;
    private Set<Object> made;
    /** Whether the template read unsafe data (a registered result, a fact, a lookup's result, an !unsafe value). */
    private boolean unsafe;
    /** Whether Ansible would mark what the template gives as unsafe (see {@link #markedUnsafe}). */
    private boolean ansibleUnsafe;
    /** Whether that mark is wanted: only a condition's rendering asks (see {@link #noteIfUnsafe}). */
    private boolean tracksAnsibleUnsafe;
    final Jinja jinja;
    /** Where relative file names (lookups, includes) are found: the folder of the file being run, or null. */
    final java.nio.file.Path baseDir;
    /**
     * The folder of the template file the template module renders, or null: Ansible's template action adds it to
     * the search path, so a template imports or includes the files beside it.
     */
    final java.nio.file.Path templateDir;

    /** A root frame over the run's variables. */
    Frame(Jinja jinja, Map<String, Object> vars, java.nio.file.Path baseDir) {
        this(jinja, vars, baseDir, null);
    }

    /** A root frame for a template file in templateDir. */
    Frame(Jinja jinja, Map<String, Object> vars, java.nio.file.Path baseDir, java.nio.file.Path templateDir) {
        this.parent = null;
        this.vars = vars;
        this.jinja = jinja;
        this.baseDir = baseDir;
        this.templateDir = templateDir;
    }

    private Frame(Frame parent) {
        this.parent = parent;
        this.vars = null;
        this.jinja = parent.jinja;
        this.baseDir = parent.baseDir;
        this.templateDir = parent.templateDir;
    }

    Frame child() {
        return new Frame(this);
    }

    void set(String name, Object value) {
        locals.put(name, value);
    }

    /** The value of name, or {@link #MISSING}. */
    Object lookup(String name) {
        for (Frame f = this; f != null; f = f.parent) {
            if (f.locals.containsKey(name)) {
                return f.locals.get(name);
            }
            if (f.vars != null && f.vars.containsKey(name)) {
                Object raw = f.vars.get(name);
                return f.vars instanceof LazyVariables ? raw : LazyData.wrap(raw, name, jinja, f.vars);
            }
        }
        return MISSING;
    }

    /** Notes that the template read unsafe data: what it gives back keeps any {@code {{ }}} in it as text. */
    void readUnsafe() {
        root().unsafe = true;
    }

    boolean hasReadUnsafe() {
        return root().unsafe;
    }

    /**
     * Clears the note of {@link #readUnsafe} and gives what it was: with {@link #restoreReadUnsafe}, whether one
     * expression alone read unsafe data.
     */
    boolean takeReadUnsafe() {
        Frame root = root();
        boolean was = root.unsafe;
        root.unsafe = false;
        return was;
    }

    void restoreReadUnsafe(boolean was) {
        root().unsafe |= was;
    }

    /**
     * Notes that the template's result is unsafe as Ansible's Templar marks it (its AnsibleContext): a variable whose
     * value holds unsafe text, a lookup that gave something, or an output ({@code {{ }}}) that is unsafe text.
     */
    void markedUnsafe() {
        root().ansibleUnsafe = true;
    }

    /** Asks for Ansible's unsafe mark of what this (root) frame's template gives: a condition's rendering. */
    void trackAnsibleUnsafe() {
        root().tracksAnsibleUnsafe = true;
    }

    /**
     * Marks the template's result unsafe when value holds unsafe text ({@link UnsafeWalk#holds}, a walk of unsafe
     * data): only when the mark is tracked and not made yet, so that other templates never walk a registered result.
     */
    void noteIfUnsafe(Object value) {
        Frame root = root();
        if (root.tracksAnsibleUnsafe && !root.ansibleUnsafe && UnsafeWalk.holds(value)) {
            root.ansibleUnsafe = true;
        }
    }

    boolean isMarkedUnsafe() {
        return root().ansibleUnsafe;
    }

    /** Notes that the template itself made this list or dict, so its in-place methods may change it. */
    <T> T made(T container) {
        Frame root = root();
        if (root.made == null) {
            root.made = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        }
        root.made.add(container);
        return container;
    }

    boolean madeHere(Object container) {
        Frame root = root();
        return root.made != null && root.made.contains(container);
    }

    private Frame root() {
        Frame f = this;
        while (f.parent != null) {
            f = f.parent;
        }
        return f;
    }

    /** The run's variables (the root frame's). */
    Map<String, Object> vars() {
        Frame f = this;
        while (f.parent != null) {
            f = f.parent;
        }
        return f.vars;
    }

    /** Every visible name, for "did you mean". */
    Set<String> names() {
        Set<String> out = new LinkedHashSet<>();
        for (Frame f = this; f != null; f = f.parent) {
            out.addAll(f.locals.keySet());
            if (f.vars != null) {
                f.vars.keySet().forEach(k -> out.add(String.valueOf(k)));
            }
        }
        return out;
    }

    /** This frame's own names, for {@code {% import %}} of a template's top-level definitions. */
    Map<String, Object> locals() {
        return locals;
    }
}
