package io.runbook.modules.core;

import io.runbook.modules.connection.ShellWords;
import io.runbook.engine.module.ModuleException;
import io.runbook.modules.connection.Execution;
import io.runbook.modules.connection.HostConnection;
import io.runbook.modules.connection.CommandLine;
import java.util.List;
import java.util.Map;

/**
 * A file's new content checked before it replaces the file, as Ansible's {@code validate}: the content is written to a
 * temporary file on the host, {@code %s} in the command is that file's path, the command runs there without a shell,
 * and a non-zero exit fails the task with the file left as it was.
 */
final class Validation {
    private Validation() {
    }

    /** Runs {@code validate} (null: nothing to check) on {@code content}; fails with Ansible's messages. */
    static void check(HostConnection host, String validate, byte[] content) throws ModuleException, InterruptedException {
        if (validate == null) {
            return;
        }
        if (!validate.contains("%s")) {
            throw new ModuleException("validate must contain %s: " + validate);
        }
        String folder = TempfileModule.temporaryFolder(host);
        String file = null;
        for (int attempt = 0; attempt < 100 && file == null; attempt++) {
            String candidate = folder + "/ansible.validate." + TempfileModule.randomPart();
            if (!host.stat(candidate, false).exists()) {
                file = candidate;
            }
        }
        if (file == null) {
            throw new ModuleException("no free name for the file to validate in " + folder);
        }
        host.write(file, content, 0600);
        try {
            List<String> argv = ShellWords.split(validate.replace("%s", file));
            Execution run = host.run(new CommandLine(argv, null, null, Map.of()));
            if (run.rc() != 0) {
                throw new ModuleException("failed to validate: rc:" + run.rc() + " error:" + run.stderr());
            }
        } finally {
            host.remove(file);
        }
    }
}
