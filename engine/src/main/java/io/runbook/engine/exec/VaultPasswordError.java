package io.runbook.engine.exec;

import io.runbook.engine.error.UserError;
import java.util.List;

/**
 * The {@code !vault} values a run would use that the passwords given do not open ({@link VaultedValueCheck}): one
 * line each, {@code file:line:col: cause (hint)}, the first where the command line prints its error.
 */
public final class VaultPasswordError extends UserError {
    private final List<UserError> values;

    VaultPasswordError(List<UserError> values) {
        super(values.get(0).position(), values.get(0).getMessage(), values.get(0).hint());
        this.values = List.copyOf(values);
    }

    @Override
    public String format() {
        return String.join("\n", values.stream().map(UserError::format).toList());
    }
}
