package io.runbook.modules.core;

import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.Args;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.modules.connection.Execution;
import io.runbook.modules.connection.FileInfo;
import io.runbook.modules.connection.HostConnection;
import io.runbook.modules.connection.HostConnections;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code assemble}: one file made of a folder's fragments, as ansible-core 2.14's assemble: the folder on the host
 * (remote_src, the default: the assemble module's result) or on the controller (its action plugin, which sends the
 * file with the copy module, vault-encrypted fragments opened). Written only when the content differs; skipped in
 * check mode, as Ansible's action plugin is.
 */
public final class AssembleModule implements Module {
    private static final ArgSpec SPEC = ArgSpec.builder()
            .arg(Arg.str("src").required().description("the folder of fragments: on the host, or with remote_src: false on the controller "
                    + "(a relative one looked for as copy's src: the role's files/, the task file's folder, the playbook's folder)"))
            .arg(Arg.str("dest").required().description("the file to write on the host; its folder must exist"))
            .arg(Arg.str("delimiter").description("a line written between two fragments (escapes such as \\n read as Python's "
                    + "codecs.escape_decode; a newline added unless it ends with one)"))
            .arg(Arg.str("regexp").description("only the fragments whose name this Python regex is found in (re.search)"))
            .arg(Arg.bool("ignore_hidden").defaultValue(false).description("leave out fragments whose name starts with a dot"))
            .arg(Arg.bool("remote_src").defaultValue(true).description("false: src is a folder on the controller"))
            .arg(Arg.bool("decrypt").defaultValue(true).description("with remote_src: false, open vault-encrypted fragments "
                    + "(their content is never shown in a diff)"))
            .arg(Arg.bool("backup").defaultValue(false).description("keep the previous file as DEST.PID.<time>~ when it changes"))
            .arg(Arg.str("validate").description("a command that checks the new content before it replaces dest (%s: the path "
                    + "of a temporary file holding it), run without a shell, only when the content is to change; failing, it "
                    + "fails the task and dest stays as it was"))
            .arg(Arg.raw("mode").description("'0644' or 0644, or symbolic like u=rw,g=r,o=; unset keeps an existing file's mode (new files: 0644)"))
            .arg(Arg.str("owner").description("the owner of dest: a name (looked up on the host) or a uid"))
            .arg(Arg.str("group").description("the group of dest: a name (looked up on the host) or a gid"))
            .arg(Arg.bool("follow").defaultValue(false).description("with remote_src: false, a dest that is a symlink: yes writes "
                    + "the file it leads to; no replaces the link by a file"))
            .arg(UnsafeWrites.ARG)
            .build();

    @Override
    public String name() {
        return "assemble";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public String description() {
        return "Assemble a file on the host from a folder of fragments (on the host or the controller)";
    }

    /** As Ansible's assemble action plugin, which does not support check mode. */
    @Override
    public boolean supportsCheckMode() {
        return false;
    }

    @Override
    public String checkModeSkipMessage() {
        return "check mode is not supported for this task.";
    }

    @Override
    public Result run(ModuleContext ctx) throws ModuleException, InterruptedException {
        HostConnection host = HostConnections.of(ctx);
        return ctx.args().bool("remote_src") ? onHost(ctx, host) : fromController(ctx, host);
    }

    /** The assemble module on the host: its checks and messages, then the file written as it writes it. */
    private static Result onHost(ModuleContext ctx, HostConnection host) throws ModuleException, InterruptedException {
        Args args = ctx.args();
        String shownSrc = shown(host, args.string("src"), ctx);
        String src = host.resolve(CopyModule.expandVars(ctx, host, args.string("src")), ctx.workDir());
        FileInfo folder = host.stat(src, true);
        if (!folder.exists()) {
            return Result.failed("Source (" + shownSrc + ") does not exist");
        }
        if (!folder.isDirectory()) {
            return Result.failed("Source (" + shownSrc + ") is not a directory");
        }
        Pattern regexp;
        try {
            regexp = regexp(args);
        } catch (IllegalArgumentException e) {
            return Result.failed("Invalid Regexp (" + e.getMessage() + ") in \"" + args.string("regexp") + "\"");
        }
        String validate = args.has("validate") ? args.string("validate") : null;
        if (validate != null && !validate.contains("%s")) {
            return Result.failed("validate must contain %s: " + validate);
        }
        Fragments file = new Fragments(args.string("delimiter"));
        for (String path : host.list(src)) {
            String name = path.substring(path.lastIndexOf('/') + 1);
            if (Fragments.named(name, regexp, args.bool("ignore_hidden")) && host.stat(path, true).isFile()) {
                file.add(host.read(path));
            }
        }
        FileContent content = FileContent.of(file.bytes());
        String dest = destination(ctx, host, "Could not replace file: the assembled fragments to %s: [Errno 2] No such file or directory");
        FileWrite write = FileWrite.plan(ctx, host, dest, content, FileMode.spec(args, "mode"), false);
        Map<String, Object> validation = null;
        if (validate != null && write.contentChanges()) {
            try {
                Execution run = Validation.check(ctx, host, validate, content, 0600, FileOwner.NONE);
                validation = new LinkedHashMap<>();
                validation.put("rc", run.rc());
                validation.put("stdout", run.stdout());
                validation.put("stderr", run.stderr());
            } catch (Validation.Refused e) {
                return Result.failed(e.getMessage());
            }
        }
        Result placed = CopyModule.owned(ctx, host, FilePlacement.place(ctx, host, write, dest, content, args.bool("backup")), dest);
        // the module's result: no diff (Ansible's assemble module makes none)
        Result r = Result.changed(placed.isChanged()).withAll(placed.data()).with("src", shownSrc)
                .with("dest", shown(host, args.string("dest"), ctx)).with("md5sum", Checksum.md5(content)).withMsg("OK");
        return validation == null ? r : r.with("validation", validation);
    }

    /**
     * The action plugin with the folder on the controller: the fragments joined there (vault ones opened), then sent
     * with the copy module (which it always calls: its checksum of the fragments never matches dest's), so the result
     * is copy's and, with --diff, a diff is registered even when nothing changes.
     */
    private static Result fromController(ModuleContext ctx, HostConnection host) throws ModuleException, InterruptedException {
        Args args = ctx.args();
        Path folder = ctx.controllerFile("files", args.string("src"));
        if (!Files.isDirectory(folder)) {
            return Result.failed("Source (" + folder + ") is not a directory");
        }
        Pattern regexp;
        try {
            regexp = regexp(args);
        } catch (IllegalArgumentException e) {
            return Result.failed("Unexpected failure during module execution: " + e.getMessage());
        }
        FileContent content = controllerFragments(folder, regexp, args);
        String written = destination(ctx, host, "Destination directory %s does not exist");
        String dest = args.bool("follow") ? FilePlacement.followed(host, written) : written;
        FileWrite write = FileWrite.plan(ctx, host, dest, content, FileMode.spec(args, "mode"), true);
        String source = folder.toString();
        Result placed;
        try {
            placed = CopyModule.owned(ctx, host, FilePlacement.placeChecked(ctx, host, write, dest, content, content.secret()), dest)
                    .with("md5sum", Checksum.md5(content)).with("src", source);
        } catch (Validation.Refused e) {
            placed = e.result(null);
        }
        if (!ctx.diffMode()) {
            return placed;
        }
        // --diff shows the registered headers, as Ansible's callback does
        return placed.mapDiffs(d -> d.headed(write.exists() ? dest : null, source))
                .with("diff", FilePlacement.registeredText(ctx, write, dest, source));
    }

    /** The controller folder's fragments joined, as a secret when one of them was vault-encrypted. */
    private static FileContent controllerFragments(Path folder, Pattern regexp, Args args) throws ModuleException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> entries = Files.list(folder)) {
            entries.forEach(p -> names.add(p.getFileName().toString()));
        } catch (IOException e) {
            throw new ModuleException("cannot list " + folder + ": " + e.getMessage(), e);
        }
        Fragments file = new Fragments(args.string("delimiter"));
        boolean secret = false;
        for (String name : Fragments.sorted(names)) {
            Path fragment = folder.resolve(name);
            if (!Fragments.named(name, regexp, args.bool("ignore_hidden")) || !Files.isRegularFile(fragment)) {
                continue;
            }
            FileContent one = ControllerFiles.content(fragment, args.bool("decrypt"));
            secret |= one.secret();
            try (InputStream in = one.open()) {
                file.add(in.readAllBytes());
            } catch (IOException e) {
                throw new ModuleException("cannot read " + fragment + ": " + e.getMessage(), e);
            }
        }
        FileContent joined = FileContent.of(file.bytes());
        return secret ? joined.asSecret() : joined;
    }

    private static Pattern regexp(Args args) {
        if (!args.has("regexp")) {
            return null;
        }
        String problem = "regexp is not a valid regular expression: ";
        try {
            return PythonRegex.compile(args.string("regexp"), "regexp");
        } catch (IllegalArgumentException e) {
            String msg = e.getMessage();
            throw new IllegalArgumentException(msg.startsWith(problem) ? msg.substring(problem.length()) : msg, e);
        }
    }

    /** dest on the host; its folder must exist ({@code missing}: the message, %s the folder or dest). */
    private static String destination(ModuleContext ctx, HostConnection host, String missing) throws ModuleException {
        // Ansible's assemble action expands dest's ~ itself only for fragments of the controller (remote_src: false)
        String written = CopyModule.expandVars(ctx, host, ctx.args().string("dest"));
        String dest = ctx.args().bool("remote_src") ? host.resolve(written, ctx.workDir()) : host.resolveForAction(written, ctx.workDir());
        String parent = FilePlacement.parent(dest);
        if (!host.stat(parent, true).isDirectory()) {
            throw new ModuleException(String.format(missing, missing.startsWith("Destination") ? parent : dest));
        }
        return dest;
    }

    /** A path argument as Ansible's module registers it: {@code ~} (and {@code $VARIABLES}) expanded, else as written. */
    private static String shown(HostConnection host, String written, ModuleContext ctx) throws ModuleException {
        String expanded = CopyModule.expandVars(ctx, host, written);
        return expanded.startsWith("~") ? host.resolve(expanded, ctx.workDir()) : expanded;
    }
}
