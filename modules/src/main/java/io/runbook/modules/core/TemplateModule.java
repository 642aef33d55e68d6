package io.runbook.modules.core;

import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.Args;
import io.runbook.engine.module.Diff;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * {@code template}: renders a mustache file with the host's variables and writes it to {@code dest}
 * atomically, only when the content (or the mode) differs. Check mode predicts; diff mode shows the text.
 */
public final class TemplateModule implements Module {
    private static final ArgSpec SPEC = ArgSpec.builder()
            .arg(Arg.path("src").required().lookIn("templates").description("the template; relative: the role's templates/ first, then next to the task's file"))
            .arg(Arg.path("dest").required().description("where to write the rendered text; a folder gets src's file name"))
            .arg(Arg.str("mode").description("octal permissions in quotes, like '0644'; unset keeps an existing file's mode (new files: 0644)"))
            .arg(Arg.bool("backup").defaultValue(false).description("keep the previous file as DEST.<time>~ when it changes"))
            .build();

    @Override
    public String name() {
        return "template";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public String description() {
        return "Render a mustache template to a file (changed only when the content or mode differs)";
    }

    @Override
    public Result run(ModuleContext ctx) throws ModuleException {
        Args args = ctx.args();
        Path src = args.path("src");
        Path dest = destination(args.path("dest"), src);
        Set<PosixFilePermission> mode = mode(args.string("mode"));
        String rendered = ctx.render(read(src));
        byte[] content = rendered.getBytes(StandardCharsets.UTF_8);
        try {
            FileUpdate update = FileUpdate.plan(dest, content, mode);
            Result result = Result.changed(update.changes())
                    .with("dest", dest.toString()).with("src", src.toString())
                    .with("checksum", Checksum.sha1(content)).with("size", content.length);
            if (update.finalMode() != null) {
                result = result.with("mode", FileMode.format(update.finalMode()));
            }
            if (ctx.diffMode() && update.contentChanges()) {
                String old = update.exists() ? new String(update.before(), StandardCharsets.UTF_8) : "";
                result = result.withDiff(new Diff(dest.toString(), old, rendered));
            }
            if (ctx.checkMode() || !update.changes()) {
                return result;
            }
            Path backup = update.apply(args.bool("backup"));
            return backup == null ? result : result.with("backup_file", backup.toString());
        } catch (AccessDeniedException e) {
            throw new ModuleException("cannot write " + dest + ": permission denied", e);
        } catch (IOException e) {
            throw new ModuleException("cannot write " + dest + ": " + e.getMessage(), e);
        }
    }

    private static Path destination(Path dest, Path src) throws ModuleException {
        Path target = Files.isDirectory(dest) ? dest.resolve(src.getFileName()) : dest;
        Path parent = target.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new ModuleException("destination folder " + parent + " does not exist; create it first (template does not create folders)");
        }
        return target;
    }

    private static String read(Path src) throws ModuleException {
        if (!Files.isRegularFile(src)) {
            throw new ModuleException("template source not found: " + src + " (relative paths resolve against the playbook's folder)");
        }
        try {
            return Files.readString(src, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ModuleException("cannot read template " + src + ": " + e.getMessage(), e);
        }
    }

    private static Set<PosixFilePermission> mode(String text) throws ModuleException {
        try {
            return text == null ? null : FileMode.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ModuleException(e.getMessage());
        }
    }
}
