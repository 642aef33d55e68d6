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
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * {@code blockinfile}: makes a block of lines between two marker lines present (replaced in place, or inserted where
 * asked) or absent in a text file on the host, with the rules, messages and results of Ansible's module.
 */
public final class BlockInFileModule implements Module {
    private static final ArgSpec SPEC = ArgSpec.builder()
            .arg(Arg.str("path").required().aliases("dest", "destfile", "name").description("the file on the host"))
            .arg(Arg.str("state").defaultValue("present").choices("present", "absent")
                    .description("present: the block between its markers; absent: the markers and what is between them removed"))
            .arg(Arg.str("marker").defaultValue("# {mark} ANSIBLE MANAGED BLOCK")
                    .description("the marker lines' text, {mark} being marker_begin or marker_end; a file with several blocks needs a marker per block"))
            .arg(Arg.str("block").defaultValue("").aliases("content")
                    .description("the lines between the markers; empty removes the block, as state: absent"))
            .arg(Arg.str("insertafter").description("where a block not in the file yet goes: EOF (the default), or after "
                    + "the last line a Python regex matches (the end of the file when none does); with (?m), the regex "
                    + "searches the whole text"))
            .arg(Arg.str("insertbefore").description("BOF, or before the last line a Python regex matches (the end of the file when none does)"))
            .arg(Arg.bool("create").defaultValue(false).description("create the file (and its missing folders) when it is missing (otherwise that fails)"))
            .arg(Arg.bool("backup").defaultValue(false).description("keep the previous file as PATH.PID.<time>~ when it changes"))
            .arg(Arg.str("validate").description("a command that checks the new content before it replaces the file "
                    + "(%s: the path of a temporary file holding it), run without a shell; failing, it fails the task "
                    + "and the file stays as it was"))
            .arg(Arg.str("marker_begin").defaultValue("BEGIN").description("what {mark} is in the first marker line"))
            .arg(Arg.str("marker_end").defaultValue("END").description("what {mark} is in the last marker line"))
            .arg(Arg.raw("mode").description("'0644' or 0644 (a number is the mode, as in Ansible) or symbolic; new files get 0644"))
            .arg(Arg.str("owner").description("the file's owner: a name (looked up on the host) or a uid"))
            .arg(Arg.str("group").description("the file's group: a name (looked up on the host) or a gid"))
            .mutuallyExclusive("insertafter", "insertbefore")
            .arg(UnsafeWrites.ARG)
            .build();

    @Override
    public String name() {
        return "blockinfile";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public String description() {
        return "Make a marked block of lines of a text file on the host present (replaced or inserted) or absent";
    }

    @Override
    public Result run(ModuleContext ctx) throws ModuleException, InterruptedException {
        Args args = ctx.args();
        HostConnection host = HostConnections.of(ctx);
        String path = host.resolve(args.string("path"), ctx.workDir());
        FileInfo info = host.stat(path, true);
        if (info.isDirectory()) {
            return Result.failed("Path " + path + " is a directory !").with("rc", 256);
        }
        if (!info.exists() && !args.bool("create")) {
            return Result.failed("Path " + path + " does not exist !").with("rc", 257);
        }
        boolean present = args.string("state").equals("present");
        if (!present && !info.exists()) {
            return Result.ok().withMsg("File " + path + " not present");
        }
        String original = info.exists() ? new String(host.read(path), StandardCharsets.UTF_8) : null;
        BlockEdit.Outcome edit = edit(args, original, present);
        Map<String, Object> content = TextFileChange.contentDiff(ctx, path, original, edit.text());
        Diff shown = new Diff(path + " (content)", original == null ? "" : original, edit.text());
        TextFileChange change = TextFileChange.plan(ctx, host, path, edit.text().getBytes(StandardCharsets.UTF_8), edit.changed());
        String backup = change.writeContent(args.bool("backup"));
        if (ctx.checkMode() && original == null) {
            // as Ansible: a file still to be created has no attributes to compare in check mode
            Result r = Result.changed(edit.changed()).withMsg(edit.msg()).with("diff", content);
            return ctx.diffMode() && edit.changed() ? r.withDiff(shown) : r;
        }
        boolean attributes = change.setAttributes();
        Result result = Result.changed(edit.changed() || attributes).withMsg(TextFileChange.message(edit.msg(), attributes))
                .with("diff", List.of(content, change.attributeDiff(path)));
        if (backup != null) {
            result = result.with("backup_file", backup);
        }
        if (ctx.diffMode() && edit.changed()) {
            result = result.withDiff(shown);
        }
        // as Ansible's module: the attributes' diff whatever the task's diff says (--diff shows it under diff: false)
        Diff attributeDiff = change.shownAttributes(path);
        return attributeDiff != null ? result.withDiff(attributeDiff) : result;
    }

    private static BlockEdit.Outcome edit(Args args, String original, boolean present) throws ModuleException {
        String marker = args.string("marker");
        try {
            return BlockEdit.edit(original, args.string("block"), marker.replace("{mark}", args.string("marker_begin")),
                    marker.replace("{mark}", args.string("marker_end")), args.string("insertafter"), args.string("insertbefore"), present);
        } catch (IllegalArgumentException e) {
            throw new ModuleException(e.getMessage());
        }
    }
}
