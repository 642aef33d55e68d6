package io.runbook.modules.connection;

import io.runbook.engine.module.ModuleException;
import java.util.Map;

/**
 * The command line an SSH server's login shell runs for a {@link CommandLine}: every word in single quotes
 * (so nothing in it is expanded), the folder changed to first, extra environment as assignments before the
 * program: {@code cd '/srv' && A='1' 'prog' 'arg'}.
 */
public final class ShellQuote {
    private ShellQuote() {
    }

    public static String line(CommandLine command) throws ModuleException {
        StringBuilder out = new StringBuilder();
        if (command.chdir() != null) {
            out.append("cd ").append(quote(command.chdir())).append(" && ");
        }
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(command.environment()).entrySet()) {
            if (!e.getKey().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new ModuleException("environment variable name '" + e.getKey() + "' cannot be set for a remote command");
            }
            out.append(e.getKey()).append('=').append(quote(e.getValue())).append(' ');
        }
        for (int i = 0; i < command.argv().size(); i++) {
            out.append(i == 0 ? "" : " ").append(quote(command.argv().get(i)));
        }
        return out.toString();
    }

    /** {@code 'it'\''s'}: POSIX single quotes, with each quote inside closed, escaped and reopened. */
    public static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
