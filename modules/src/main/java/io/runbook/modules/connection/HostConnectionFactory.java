package io.runbook.modules.connection;

import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;

/**
 * Opens (or finds, for the rest of the run) the connection of the host a module runs on. Implemented by the
 * {@link io.runbook.engine.module.ConnectionType}s of this jar, which {@link HostConnections} picks by name.
 */
public interface HostConnectionFactory {
    HostConnection open(ModuleContext ctx) throws ModuleException;
}
