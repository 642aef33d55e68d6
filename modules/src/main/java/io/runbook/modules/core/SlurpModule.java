package io.runbook.modules.core;

import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.modules.connection.FileInfo;
import io.runbook.modules.connection.HostConnection;
import io.runbook.modules.connection.HostConnections;
import java.util.Base64;

/** {@code slurp}: a file of the host, base64-encoded in the result ({@code content | b64decode} reads it). Read-only. */
public final class SlurpModule implements Module {
    private static final ArgSpec SPEC = ArgSpec.builder()
            .arg(Arg.str("src").required().aliases("path").description("the file on the host"))
            .build();

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
        FileInfo info = host.stat(src, true);
        if (!info.exists()) {
            throw new ModuleException("file not found: " + src);
        }
        if (info.isDirectory()) {
            throw new ModuleException("source is a directory and must be a file: " + src);
        }
        byte[] bytes = host.read(src);
        return Result.ok().with("content", Base64.getEncoder().encodeToString(bytes)).with("encoding", "base64").with("source", src);
    }
}
