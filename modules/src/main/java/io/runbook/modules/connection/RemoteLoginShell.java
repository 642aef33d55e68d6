package io.runbook.modules.connection;

import io.runbook.engine.module.LoginShell;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import java.util.List;
import java.util.Map;

/**
 * The login shell of a host reached over a remote connection (SSH) that says how it is reached
 * ({@link HostConnections#saysHowReached}): one command over the connection its modules use, without become.
 */
public final class RemoteLoginShell implements LoginShell {
    @Override
    public boolean handles(ModuleContext ctx) {
        return HostConnections.saysHowReached(ctx);
    }

    @Override
    public String run(ModuleContext ctx, String script) throws ModuleException, InterruptedException {
        return HostConnections.login(ctx).run(new CommandLine(List.of("/bin/sh", "-c", script), null, null, Map.of())).stdout();
    }
}
