package io.runbook.modules.core;

import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.Args;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.modules.connection.HostConnection;
import io.runbook.modules.connection.HostConnections;
import java.security.SecureRandom;

/**
 * {@code tempfile}: a new, empty file (mode 0600) or folder (mode 0700) with a name nobody else has, as Ansible's
 * {@code tempfile} (Python's {@code mkstemp}/{@code mkdtemp}): {@code PREFIX} + 8 random characters + {@code SUFFIX}
 * in {@code path} or the host's temporary folder; the result describes it as Ansible's does (state, mode, owner, size:
 * {@link PathFacts}). Always {@code changed}; as in Ansible, it has no check mode (skipped
 * there) and removing what it made is the playbook's job.
 */
public final class TempfileModule implements Module {
    private static final String NAME_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789_";
    private static final int ATTEMPTS = 100;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ArgSpec SPEC = ArgSpec.builder()
            .arg(Arg.str("state").choices("file", "directory").defaultValue("file").description("make a file or a folder"))
            .arg(Arg.str("path").description("the folder to make it in (must exist); default: the host's temporary folder "
                    + "($TMPDIR on the controller, else /tmp)"))
            .arg(Arg.str("prefix").defaultValue("ansible.").description("the start of its name"))
            .arg(Arg.str("suffix").defaultValue("").description("the end of its name"))
            .build();

    @Override
    public String name() {
        return "tempfile";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public String description() {
        return "Make a new temporary file or folder on the host";
    }

    @Override
    public boolean supportsCheckMode() {
        return false;
    }

    @Override
    public Result run(ModuleContext ctx) throws ModuleException, InterruptedException {
        Args args = ctx.args();
        HostConnection host = HostConnections.of(ctx);
        String folder = args.has("path") ? host.resolve(args.string("path"), ctx.workDir()) : temporaryFolder(ctx, host);
        boolean directory = args.string("state").equals("directory");
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            String path = folder.replaceAll("/+$", "") + "/" + args.string("prefix") + randomPart() + args.string("suffix");
            if (host.stat(path, false).exists()) {
                continue;
            }
            if (directory) {
                host.mkdir(path, 0700);
            } else {
                host.write(path, new byte[0], 0600);
            }
            return PathFacts.add(Result.changed().with("path", path), host, path);
        }
        throw new ModuleException("no free name in " + folder + " after " + ATTEMPTS + " attempts");
    }

    /** Python's tempfile.gettempdir(): on the controller the run's {@code TMPDIR}, else {@code /tmp}. */
    static String temporaryFolder(ModuleContext ctx, HostConnection host) {
        String tmpdir = host.isLocal() ? ctx.runEnvironment().get("TMPDIR") : null;
        return tmpdir == null || tmpdir.isBlank() ? "/tmp" : tmpdir;
    }

    static String randomPart() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            out.append(NAME_CHARACTERS.charAt(RANDOM.nextInt(NAME_CHARACTERS.length())));
        }
        return out.toString();
    }
}
