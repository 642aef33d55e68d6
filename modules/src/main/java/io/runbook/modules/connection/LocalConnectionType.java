package io.runbook.modules.connection;

import io.runbook.engine.module.ConnectionType;
import io.runbook.engine.module.ModuleContext;
import java.util.List;

/** {@code ansible_connection: local}: host modules act on the controller itself. */
public final class LocalConnectionType implements ConnectionType, HostConnectionFactory {

    @Override
    public List<String> names() {
        return List.of("local");
    }

    @Override
    public HostConnection open(ModuleContext ctx) {
        ctx.verboseOnce(3, "ESTABLISH LOCAL CONNECTION FOR USER: " + System.getProperty("user.name"));
        // a module Ansible runs locally expands ~ with its environment's HOME: the task's environment may give one
        String home = ctx.environment().get("HOME");
        return new LocalConnection(ctx.runEnvironment(), home);
    }
}
