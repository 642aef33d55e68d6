package io.runbook.engine.playbook;

import io.runbook.engine.error.SourcePosition;

/** A condition or expression as written (for when, failed_when, changed_when, until), with its place. */
public record Expr(String text, SourcePosition position) {
}
