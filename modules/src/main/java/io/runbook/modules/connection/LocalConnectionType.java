package io.runbook.modules.connection;

import io.runbook.engine.module.ConnectionType;
import java.util.List;

/** {@code ansible_connection: local}: host modules act on the controller itself. */
public final class LocalConnectionType implements ConnectionType {
    @Override
    public List<String> names() {
        return List.of("local");
    }
}
