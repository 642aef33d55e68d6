package io.runbook.modules.core;

import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.Args;
import io.runbook.engine.module.Diff;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.modules.connection.FileInfo;
import io.runbook.modules.connection.HostConnection;
import io.runbook.modules.connection.HostConnections;

/**
 * {@code file}: a folder that exists (like {@code mkdir -p}), a path that is gone, a file that is touched, or
 * a mode that is set, on the host, as Ansible's {@code file}. Check mode predicts from what is there.
 */
public final class FileModule implements Module {
    private static final ArgSpec SPEC = ArgSpec.builder()
            .arg(Arg.str("path").required().aliases("dest", "name").description("the path on the host"))
            .arg(Arg.str("state").choices("file", "directory", "absent", "touch")
                    .description("directory (created with its parents), absent (removed, folders with their contents), "
                            + "touch (created empty or its times set to now), file (must exist; mode is set). Default: what is there, else file"))
            .arg(Arg.raw("mode").description("'0644' or 0644 (a number is the mode, as in Ansible) "
                    + "or symbolic like u=rwX,g=rX,o=; for directory, also given to the folders created"))
            .arg(Arg.bool("recurse").defaultValue(false).description("with state directory: set mode on everything inside too"))
            .build();

    @Override
    public String name() {
        return "file";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public String description() {
        return "Make a folder exist, a path absent, touch a file, or set a mode, on the host";
    }

    @Override
    public Result run(ModuleContext ctx) throws ModuleException, InterruptedException {
        Args args = ctx.args();
        HostConnection host = HostConnections.of(ctx);
        String path = host.resolve(args.string("path"), ctx.baseDir());
        FileInfo before = host.stat(path, false);
        String state = args.has("state") ? args.string("state") : before.exists() && before.isDirectory() ? "directory" : "file";
        if (args.bool("recurse") && !state.equals("directory")) {
            throw new ModuleException("recurse works with state: directory only");
        }
        FileChanges change = new FileChanges(ctx, host, path, before, FileMode.spec(args, "mode"));
        return switch (state) {
            case "absent" -> change.absent();
            case "directory" -> change.directory(args.bool("recurse"));
            case "touch" -> change.touch();
            default -> change.file();
        };
    }

    /** The before/after of a path as Ansible's file diff shows it. */
    static Diff diff(String path, String beforeState, String beforeMode, String afterState, String afterMode) {
        return new Diff(path, describe(path, beforeState, beforeMode), describe(path, afterState, afterMode));
    }

    private static String describe(String path, String state, String mode) {
        return "path: " + path + "\nstate: " + state + "\n" + (mode == null ? "" : "mode: '" + mode + "'\n");
    }
}
