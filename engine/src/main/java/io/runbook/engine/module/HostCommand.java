package io.runbook.engine.module;

import java.util.Map;

/**
 * Runs a command line on the host a task runs for over its connection, as Ansible's connection's {@code exec_command}
 * (an action plugin's {@code _low_level_execute_command}): in check mode too, with standard input, a non-zero exit is
 * no failure; and copies files to and from the host as its {@code put_file} and {@code fetch_file}. Found with {@link java.util.ServiceLoader} (list the class in
 * {@code META-INF/services/io.runbook.engine.module.HostCommand}).
 */
public interface HostCommand {
    /**
     * {@code argv}'s {@code rc}, {@code stdout} and {@code stderr} on {@code ctx}'s host, where its connection starts
     * (a local host: the playbook's folder), {@code stdin} its standard input (null: none), as the task's become user
     * when {@code sudoable}, else as the login user.
     */
    Map<String, Object> run(ModuleContext ctx, java.util.List<String> argv, String stdin, boolean sudoable)
            throws ModuleException, InterruptedException;

    /**
     * Copies the controller's file {@code local} to {@code remote} on {@code ctx}'s host as the login user, as Ansible's
     * connection's {@code put_file}: a new file's mode is the local file's over SSH (as sftp gives it), 0644 on a local
     * host (as a copy made under umask 022).
     */
    void put(ModuleContext ctx, java.nio.file.Path local, String remote) throws ModuleException, InterruptedException;

    /** Copies {@code remote} on {@code ctx}'s host to the controller's file {@code local}, as {@code fetch_file}. */
    void fetch(ModuleContext ctx, String remote, java.nio.file.Path local) throws ModuleException, InterruptedException;
}
