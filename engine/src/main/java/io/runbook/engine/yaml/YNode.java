package io.runbook.engine.yaml;

import io.runbook.engine.error.SourcePosition;

/**
 * A YAML value that remembers where it was written. The engine keeps these for everything it may have to
 * point at in an error; {@link #toPlain()} gives the plain Java value (Map, List, String, Integer, Long,
 * Double, Boolean or null) used as variable data.
 */
public sealed interface YNode permits YMap, YList, YScalar {
    SourcePosition position();

    /** The value as plain Java collections and scalars; maps keep their key order. */
    Object toPlain();

    /** A short name of the node's kind for error messages: "a mapping", "a list", "a string", ... */
    String describe();
}
