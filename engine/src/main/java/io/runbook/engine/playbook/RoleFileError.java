package io.runbook.engine.playbook;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;

/**
 * A role's file named by {@code tasks_from}, {@code vars_from}, {@code defaults_from} or {@code handlers_from} that is
 * not there, or lies outside the role's folder. As ansible-playbook's parser error for it, it stops the whole run even
 * when an {@code include_role} meets it at run time (where a role that does not exist only fails the host).
 */
public final class RoleFileError extends UserError {
    RoleFileError(SourcePosition position, String message) {
        super(position, message);
    }
}
