package io.runbook.modules.core;

import io.runbook.engine.module.ModuleException;
import io.runbook.modules.connection.CommandLine;
import io.runbook.modules.connection.Execution;
import io.runbook.modules.connection.HostConnection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code stat}'s {@code mimetype} and {@code charset}, as Ansible's stat gets them: from the host's {@code file}
 * command ({@code file --mime-type --mime-encoding}, not following links), {@code unknown} when it cannot tell.
 */
final class MimeType {
    private MimeType() {
    }

    static Map<String, Object> of(HostConnection host, String path) throws ModuleException, InterruptedException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mimetype", "unknown");
        out.put("charset", "unknown");
        try {
            Execution done = host.run(new CommandLine(List.of("file", "--mime-type", "--mime-encoding", "--", path), null, null, Map.of()));
            String line = done.stdout().strip();
            int colon = line.lastIndexOf(':');
            int semi = line.indexOf(';', colon + 1);
            int eq = line.indexOf('=', semi + 1);
            if (done.rc() == 0 && colon >= 0 && semi > colon && eq > semi) {
                out.put("mimetype", line.substring(colon + 1, semi).strip());
                out.put("charset", line.substring(eq + 1).strip());
            }
        } catch (ModuleException e) {
            if (e.isUnreachable()) {
                throw e;
            }
            // no 'file' program on the host: Ansible says unknown too
        }
        return out;
    }
}
