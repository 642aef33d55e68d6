package io.runbook.modules.accounts;

import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.modules.connection.CommandLine;
import io.runbook.modules.connection.Execution;
import io.runbook.modules.connection.HostConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the host's account tools ({@code useradd}, {@code groupmod}, {@code chage}, …) as Ansible's modules find
 * them: on the PATH with the sbin folders added (a login user's PATH often lacks them), in the C locale so their
 * messages read as Ansible's tests expect. A tool the host does not have fails as Ansible's {@code get_bin_path}.
 */
final class AdminTools {
    private static final String RUN = "PATH=\"$PATH:/usr/local/sbin:/usr/sbin:/sbin\"; export PATH\n"
            + "command -v \"$1\" >/dev/null 2>&1 || { printf 'Failed to find required executable \"%s\" in paths: %s' \"$1\" \"$PATH\" >&2; exit 127; }\n"
            + "exec \"$@\"\n";

    private AdminTools() {
    }

    /** Runs {@code argv} on the host and returns how it ended (a non-zero rc is the caller's to report). */
    static Execution run(HostConnection host, List<String> argv) throws ModuleException, InterruptedException {
        List<String> all = new ArrayList<>(List.of("sh", "-c", RUN, "sh"));
        all.addAll(argv);
        return host.run(new CommandLine(all, null, null, Map.of("LC_ALL", "C", "LANG", "C")));
    }

    /** Adds {@code stdout}/{@code stderr} (and their lines) of a tool that printed something, as Ansible's result has. */
    static Result withOutput(Result result, Execution done) {
        Result r = result;
        if (done != null && !done.stdout().isEmpty()) {
            r = r.with("stdout", done.stdout()).with("stdout_lines", done.stdout().lines().toList());
        }
        if (done != null && !done.stderr().isEmpty()) {
            r = r.with("stderr", done.stderr()).with("stderr_lines", done.stderr().lines().toList());
        }
        return r;
    }
}
