package io.runbook.modules.connection;

import io.runbook.engine.module.HostCommand;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A command line over the connection the host's modules use (become applied when sudoable), as Ansible's
 * {@code exec_command}: a local host's starts where {@code raw}'s does (the playbook's folder).
 */
public final class ConnectionCommand implements HostCommand {
    @Override
    public Map<String, Object> run(ModuleContext ctx, List<String> argv, String stdin, boolean sudoable)
            throws ModuleException, InterruptedException {
        HostConnection host = sudoable ? HostConnections.of(ctx) : HostConnections.login(ctx);
        String workIn = host.isLocal() && ctx.workDir() != null ? ctx.workDir().toString() : null;
        Map<String, Object> out = new LinkedHashMap<>();
        try {
            Execution ran = host.run(CommandLine.in(argv, null, workIn, stdin, Map.of()));
            out.put("rc", ran.rc());
            out.put("stdout", ran.stdout());
            out.put("stderr", ran.stderr());
        } catch (CommandFailure e) {
            out.put("rc", e.rc());
            out.put("stdout", "");
            out.put("stderr", e.getMessage());
        }
        return out;
    }
}
