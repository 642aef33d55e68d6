package io.runbook.modules.connection;

import java.util.List;
import java.util.Map;

/**
 * A program to run on a host: its argv (never split again), the folder to run in (absolute, or null for
 * the default), standard input (null: none) and extra environment variables. {@code defaultFolder}: the folder is
 * the engine's choice (a local command runs in the playbook's folder, as under Ansible's local connection), not the
 * task's {@code chdir}: a become user who may not enter it runs in its home, then /tmp, as Ansible's modules do,
 * where a task's own {@code chdir} it may not enter fails the command.
 */
public record CommandLine(List<String> argv, String chdir, String stdin, Map<String, String> environment,
                          boolean defaultFolder) {
    public CommandLine {
        argv = List.copyOf(argv);
        environment = Map.copyOf(environment);
    }

    /** A command run in {@code chdir}, the task's own folder (or null: the connection's default). */
    public CommandLine(List<String> argv, String chdir, String stdin, Map<String, String> environment) {
        this(argv, chdir, stdin, environment, false);
    }

    /** {@code chdir} when the task names one, else {@code engineDefault} (null: the connection's) as the engine's choice. */
    public static CommandLine in(List<String> argv, String chdir, String engineDefault, String stdin, Map<String, String> environment) {
        return chdir != null ? new CommandLine(argv, chdir, stdin, environment, false)
                : new CommandLine(argv, engineDefault, stdin, environment, engineDefault != null);
    }
}
