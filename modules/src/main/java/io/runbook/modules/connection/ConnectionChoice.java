package io.runbook.modules.connection;

import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import java.util.Map;

/**
 * Which connection a host module uses for the host it runs on: the host's {@code ansible_connection} (a
 * play's {@code connection:} reaches modules as that variable, below the host's own), else {@code local}.
 * A connection this engine does not have is refused: a task never falls back to the controller.
 */
public final class ConnectionChoice {
    static final String LOCAL = "local";

    private ConnectionChoice() {
    }

    /** The connection type's name, checked. */
    public static String of(ModuleContext ctx) throws ModuleException {
        String type = declared(ctx.vars());
        if (type == null || type.equals(LOCAL)) {
            return LOCAL;
        }
        throw new ModuleException("host '" + ctx.host() + "' has ansible_connection: " + type
                + ", a connection this engine does not have, so nothing was run on it (connections: local)");
    }

    static String declared(Map<String, Object> vars) {
        Object value = vars.get("ansible_connection");
        if (value == null) {
            return null;
        }
        String text = String.valueOf(value).trim();
        return text.isEmpty() ? null : text;
    }
}
