package io.runbook.modules.connection;

import java.util.List;
import java.util.Map;

/**
 * A program to run on a host: its argv (never split again), the folder to run in (absolute, or null for
 * the default), standard input (null: none) and extra environment variables.
 */
public record CommandLine(List<String> argv, String chdir, String stdin, Map<String, String> environment) {
    public CommandLine {
        argv = List.copyOf(argv);
        environment = Map.copyOf(environment);
    }
}
