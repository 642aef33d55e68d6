package io.runbook.modules.core;

import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.modules.connection.FileInfo;
import io.runbook.modules.connection.HostConnection;
import io.runbook.modules.connection.CommandLine;
import io.runbook.modules.connection.HostConnections;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** {@code slurp}: a file of the host, base64-encoded in the result ({@code content | b64decode} reads it). Read-only. */
public final class SlurpModule implements Module {
    private static final ArgSpec SPEC = ArgSpec.builder()
            .arg(Arg.str("src").required().aliases("path").description("the file on the host"))
            .build();
    /** Opens the file as the module's user and prints only the error, if any. */
    private static final String OPEN = "cat -- \"$1\" 2>&1 >/dev/null </dev/null | tail -n 1";

    @Override
    public String name() {
        return "slurp";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public String description() {
        return "Read a file of the host into the result (base64)";
    }

    @Override
    public Result run(ModuleContext ctx) throws ModuleException, InterruptedException {
        HostConnection host = HostConnections.of(ctx);
        String src = host.resolve(ctx.args().string("src"), ctx.workDir());
        byte[] bytes;
        try {
            FileInfo info = host.stat(src, true);
            if (!info.exists() || info.isDirectory()) {
                throw new ModuleException(info.exists() ? "source is a directory and must be a file: " + src : "file not found: " + src);
            }
            bytes = host.read(src);
        } catch (ModuleException e) {
            throw new ModuleException(whyUnreadable(host, src, e.getMessage()));
        }
        return Result.ok().with("content", Base64.getEncoder().encodeToString(bytes)).with("encoding", "base64").with("source", src);
    }

    /**
     * Ansible's message for a file that cannot be read, from the error of opening it as the (become) user: a stat
     * that finds nothing may be a folder on the way that user may not enter ({@code file is not readable}) or a file
     * on the way ({@code unable to slurp file: [Errno 20] Not a directory}). {@code fallback}: when the host cannot tell.
     */
    static String whyUnreadable(HostConnection host, String src, String fallback) throws InterruptedException {
        String error;
        try {
            // cat's error is the open(2) error of Ansible's module, in words (the C locale's strerror)
            error = host.run(new CommandLine(List.of("/bin/sh", "-c", OPEN, "sh", src), null, null, Map.of("LC_ALL", "C"))).stdout().strip();
        } catch (ModuleException e) {
            return fallback;
        }
        if (error.endsWith("No such file or directory")) {
            return "file not found: " + src;
        }
        if (error.endsWith("Permission denied")) {
            return "file is not readable: " + src;
        }
        if (error.endsWith("Is a directory")) {
            return "source is a directory and must be a file: " + src;
        }
        if (error.endsWith("Not a directory")) {
            return "unable to slurp file: [Errno 20] Not a directory: '" + src + "'";
        }
        return fallback;
    }
}
