package io.runbook.modules.core;

import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.Args;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.engine.module.SourceFile;
import io.runbook.engine.module.WrittenArgs;
import io.runbook.modules.connection.HostConnection;
import io.runbook.modules.connection.HostConnections;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code template}: renders a template file of the controller with the host's variables and writes it to
 * {@code dest} on the host atomically, only when the content (or the mode) differs. Check mode predicts;
 * diff mode shows the text.
 */
public final class TemplateModule implements Module {
    private static final ArgSpec SPEC = ArgSpec.builder()
            .arg(Arg.path("src").required().lookIn("templates").description("the template, on the controller; relative: looked for in the role, the roles that led to it, the task file's folder, then the playbook's folder, each one's templates/ first"))
            .arg(Arg.str("dest").required().description("where to write the rendered text on the host; a folder gets src's file name"))
            .arg(Arg.raw("mode").description("'0644' or 0644 (a number is the mode, as in Ansible) "
                    + "or symbolic like u=rw,g=r,o=, or preserve (the template file's mode); unset keeps an existing file's mode (new files: 0644)"))
            .arg(Arg.bool("backup").defaultValue(false).description("keep the previous file as DEST.PID.<time>~ when it changes"))
            .arg(Arg.str("owner").description("the file's owner: a name (looked up on the host) or a uid"))
            .arg(Arg.str("group").description("the file's group: a name (looked up on the host) or a gid"))
            .arg(Arg.bool("trim_blocks").defaultValue(true).description("drop the first newline after a block tag ({% ... %}), as Ansible does by default"))
            .arg(Arg.bool("lstrip_blocks").defaultValue(false).description("drop the spaces and tabs from the start of a line to a block tag or comment"))
            .arg(Arg.str("newline_sequence").defaultValue("\\n").choices("\\n", "\\r", "\\r\\n", "\n", "\r", "\r\n")
                    .description("the newline each line of the template's own text ends with: '\\n', '\\r' or '\\r\\n' (what expressions give is kept)"))
            .arg(Arg.str("output_encoding").defaultValue("utf-8").description("the encoding of the written file (the template is read as UTF-8); empty is utf-8"))
            .arg(Arg.str("variable_start_string").description("the start of an expression instead of {{"))
            .arg(Arg.str("variable_end_string").description("the end of an expression instead of }}"))
            .arg(Arg.str("block_start_string").description("the start of a block tag instead of {%"))
            .arg(Arg.str("block_end_string").description("the end of a block tag instead of %}"))
            .arg(Arg.str("comment_start_string").description("the start of a comment instead of {#"))
            .arg(Arg.str("comment_end_string").description("the end of a comment instead of #}"))
            .arg(Arg.bool("follow").defaultValue(false).description("a dest that is a symlink: yes writes the file it leads to; "
                    + "no replaces the link by a file (changed even when the content is the same)"))
            .arg(Arg.str("validate").description(Validation.DESCRIPTION))
            .arg(Arg.str("checksum").description("the SHA-1 (lowercase hex) the rendered file must have, compared when dest is to "
                    + "change (not a documented option of Ansible's template, which passes it to its copy module)"))
            .arg(UnsafeWrites.ARG)
            .build();

    @Override
    public String name() {
        return "template";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    /** As Ansible's template action plugin: the copy module's or file module's arguments it gave ({@link CopyEcho}). */
    @Override
    public java.util.Map<String, Object> echoedArgs(Args args, java.util.Map<String, Object> result) {
        java.util.Map<String, Object> echoed = CopyEcho.of(args, result, args.path("src").getFileName().toString());
        return echoed != null ? echoed : echoedArgs(args);
    }

    @Override
    public String description() {
        return "Render a template to a file on the host (changed only when the content or mode differs)";
    }

    @Override
    public Result run(ModuleContext ctx) throws ModuleException, InterruptedException {
        Args args = ctx.args();
        Path src = args.path("src");
        HostConnection host = HostConnections.of(ctx);
        String dest = FilePlacement.destination(host, host.resolveForAction(args.string("dest"), ctx.workDir()), src.getFileName().toString(), "template");
        SourceFile source = read(ctx, src);
        String rendered = ctx.render(source.text(), src, dest, TemplateSettings.options(args));
        if (source.vaulted()) {
            // rendered from an encrypted template: the result is as secret as its source
            ctx.secret(rendered);
            SourceFile.secretLines(source.text(), ctx::secret);
            SourceFile.secretLines(rendered, ctx::secret);
        }
        FileContent content = FileContent.of(rendered.getBytes(TemplateSettings.encoding(args)));
        if (args.bool("follow")) {
            dest = FilePlacement.followed(host, dest);
        }
        FileWrite write = FileWrite.plan(ctx, host, dest, content, CopyModule.mode(FileMode.spec(args, "mode"), src), true);
        FileOwner owner = FileOwner.of(args, host);
        Result placed;
        try {
            placed = FilePlacement.placeChecked(ctx, host, write, dest, content, source.vaulted());
        } catch (Validation.Refused e) {
            // as Ansible's template (its copy action plugin) registers the copy module's failure
            return FilePlacement.withRegisteredDiff(e.result(content.sha1()), ctx, write, dest, src.toString());
        }
        placed = FilePlacement.owned(placed, ctx, host, dest, owner);
        return CopyActionResult.of(placed, ctx, write, dest, src.toString(), content);
    }

    private static SourceFile read(ModuleContext ctx, Path src) throws ModuleException {
        if (!Files.isRegularFile(src)) {
            throw new ModuleException("template source not found: " + src + " (relative paths resolve against the playbook's folder)");
        }
        return ctx.readFile(src);
    }

    /** A template named literally is opened when the playbook is read, so a missing vault password stops the run then. */
    @Override
    public void checkWritten(WrittenArgs args) {
        args.literalPath("src").filter(Files::isRegularFile).ifPresent(SourceFile::read);
    }
}
