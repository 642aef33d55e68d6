package io.runbook.modules.connection;

import io.runbook.engine.module.HostCommand;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A command line over the connection the host's modules use (become applied when sudoable), as Ansible's
 * {@code exec_command}: a local host's starts where {@code raw}'s does (the playbook's folder); files copied to and from
 * the host as the login user, as its {@code put_file} and {@code fetch_file}.
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

    @Override
    public void put(ModuleContext ctx, Path local, String remote) throws ModuleException {
        HostConnection host = HostConnections.login(ctx);
        int mode = 0644;
        try (InputStream in = Files.newInputStream(local)) {
            if (!host.isLocal()) {
                mode = Files.getPosixFilePermissions(local).stream().mapToInt(p -> 1 << (8 - p.ordinal())).sum();
            }
            host.writeInPlace(remote, in, mode);
        } catch (IOException e) {
            throw new ModuleException(local + ": " + e.getMessage());
        }
    }

    @Override
    public void fetch(ModuleContext ctx, String remote, Path local) throws ModuleException {
        HostConnection host = HostConnections.login(ctx);
        try (OutputStream out = Files.newOutputStream(local)) {
            host.read(remote, out);
        } catch (IOException e) {
            throw new ModuleException(local + ": " + e.getMessage());
        }
    }
}
