package io.runbook.engine.vars;

import java.util.List;

/**
 * A chain of lookups found in an expression: {@code root} is a variable name, or null when the chain starts from
 * a computed value whose source text is {@code base} (e.g. {@code (x | first).name}). A segment's key is null when
 * it is computed ({@code clusters[i]}): its value is passed at evaluation time.
 */
record VariablePath(String root, String base, List<Segment> segments) {

    record Segment(String key) {
        boolean computed() {
            return key == null;
        }
    }

    String start() {
        return root != null ? root : base;
    }
}
