package io.runbook.engine.module;

/**
 * Runs a short shell script on a remote host as its login user (never through become), as Ansible's
 * {@code _low_level_execute_command(..., sudoable=False)} does: what interpreter discovery asks the host. Found with
 * {@link java.util.ServiceLoader} (list the class in {@code META-INF/services/io.runbook.engine.module.LoginShell});
 * the engine answers for local hosts itself.
 */
public interface LoginShell {
    /** Whether this shell reaches the host {@code ctx} runs for (a host reached over SSH that says how). */
    boolean handles(ModuleContext ctx);

    /** The script's standard output ({@code /bin/sh -c script}, over the connection the host's modules use). */
    String run(ModuleContext ctx, String script) throws ModuleException, InterruptedException;
}
