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
import java.util.regex.Pattern;

/**
 * {@code lineinfile}: makes one line of a text file on the host present (replacing the line a regexp or
 * string finds, or inserting it where asked) or absent, with Ansible's rules and messages.
 */
public final class LineInFileModule implements Module {
    private static final ArgSpec SPEC = ArgSpec.builder()
            .arg(Arg.str("path").required().aliases("dest", "destfile", "name").description("the file on the host"))
            .arg(Arg.str("regexp").aliases("regex").description("Python-style regex: the last matching line is replaced (present) or every matching line removed (absent)"))
            .arg(Arg.str("search_string").description("a literal string instead of regexp"))
            .arg(Arg.str("line").aliases("value").description("the line (required for present); with backrefs, \\1 and \\g<name> refer to regexp's groups"))
            .arg(Arg.str("state").defaultValue("present").choices("present", "absent").description("present or absent"))
            .arg(Arg.bool("backrefs").defaultValue(false).description("expand regexp's groups in line; a regexp that matches nothing changes nothing"))
            .arg(Arg.str("insertafter").description("EOF (default), BOF, or a regex: insert after the last line it matches"))
            .arg(Arg.str("insertbefore").description("BOF or a regex: insert before the last line it matches"))
            .arg(Arg.bool("firstmatch").defaultValue(false).description("use the first line insertafter/insertbefore (or regexp) matches, not the last"))
            .arg(Arg.bool("create").defaultValue(false).description("create the file (and its missing folders) when it is missing (otherwise that fails)"))
            .arg(Arg.bool("backup").defaultValue(false).description("keep the previous file as PATH.PID.<time>~ when it changes"))
            .arg(Arg.raw("mode").description("'0644' or 0644 (a number is the mode, as in Ansible) "
                    + "or symbolic; new files get 0644"))
            .arg(Arg.str("validate").description("a command that checks the new content before it replaces the file "
                    + "(%s: the path of a temporary file holding it), run without a shell; failing, it fails the task "
                    + "and the file stays as it was"))
            .mutuallyExclusive("insertafter", "insertbefore")
            .mutuallyExclusive("regexp", "search_string")
            .mutuallyExclusive("backrefs", "search_string")
            .arg(UnsafeWrites.ARG)
            .build();

    @Override
    public String name() {
        return "lineinfile";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public String description() {
        return "Make one line of a text file on the host present (replaced or inserted) or absent";
    }

    @Override
    public Result run(ModuleContext ctx) throws ModuleException, InterruptedException {
        Args args = ctx.args();
        HostConnection host = HostConnections.of(ctx);
        String path = host.resolve(args.string("path"), ctx.workDir());
        boolean present = args.string("state").equals("present");
        Pattern regexp = regexp(args);
        warnAboutEmptyPatterns(ctx);
        // Ansible's checks, in its order and words: a directory first, then the arguments the state needs
        FileInfo info = host.stat(path, true);
        if (info.isDirectory()) {
            return Result.failed("Path " + path + " is a directory !").with("rc", 256);
        }
        if (info.exists() && !info.isFile()) {
            throw new ModuleException("path " + path + " is a " + info.state() + ", not a file");
        }
        if (present && args.bool("backrefs") && regexp == null) {
            throw new ModuleException("regexp is required with backrefs=true");
        }
        if (present && !args.has("line")) {
            throw new ModuleException("line is required with state=present");
        }
        if (!present && !args.has("regexp") && !args.has("search_string") && !args.has("line")) {
            throw new ModuleException("one of line, search_string, or regexp is required with state=absent");
        }
        if (!info.exists()) {
            if (!present) {
                return Result.ok().withMsg("file not present");  // Ansible's keys: no backup, found or diff here
            }
            if (!args.bool("create")) {
                return Result.failed("Destination " + path + " does not exist !").with("rc", 257);
            }
        }
        String before = info.exists() ? new String(host.read(path), StandardCharsets.UTF_8) : "";
        LineEdit.Outcome edit = edit(args, LineEdit.lines(before), regexp, present);
        return write(ctx, host, path, before, String.join("", edit.lines()), edit, present, info.exists());
    }

    private static LineEdit.Outcome edit(Args args, List<String> lines, Pattern regexp, boolean present) throws ModuleException {
        try {
            return present
                    ? LineEdit.present(lines, regexp, args.string("search_string"), args.string("line"), args.string("insertafter"),
                            args.string("insertbefore"), args.bool("backrefs"), args.bool("firstmatch"))
                    : LineEdit.absent(lines, regexp, args.string("search_string"), args.string("line"));
        } catch (IllegalArgumentException e) {
            throw new ModuleException(e.getMessage());
        }
    }

    /**
     * Writes as Ansible's lineinfile: the content, then the mode (a new file compared as created, rw-r--r--). Its
     * results: {@code backup} (the path or ""), {@code found} for absent, and {@code diff} always: the content (the
     * text only in diff mode, else empty) and the file attributes, each with its header; only the content in check
     * mode for a file still to be created.
     */
    private static Result write(ModuleContext ctx, HostConnection host, String path, String before, String after,
                                LineEdit.Outcome edit, boolean present, boolean exists) throws ModuleException, InterruptedException {
        boolean contentChanges = edit.changed() || !exists;
        TextFileChange change = TextFileChange.plan(ctx, host, path, after.getBytes(StandardCharsets.UTF_8), contentChanges);
        String backup = change.writeContent(ctx.args().bool("backup"));
        Map<String, Object> content = TextFileChange.contentDiff(ctx, path, before, after);
        Diff shown = new Diff(path + " (content)", before, after);
        if (ctx.checkMode() && !exists) {
            Result predicted = Result.changed(true).withMsg(edit.msg()).with("backup", "").with("diff", content);
            return ctx.diffMode() ? predicted.withDiff(shown) : predicted;
        }
        boolean attributes = change.setAttributes();
        Result result = Result.changed(contentChanges || attributes).withMsg(TextFileChange.message(edit.msg(), attributes))
                .with("backup", backup == null ? "" : backup);
        if (!present) {
            result = result.with("found", edit.found());
        }
        result = result.with("diff", List.of(content, change.attributeDiff(path)));
        if (ctx.diffMode() && contentChanges) {
            result = result.withDiff(shown);
        }
        // as Ansible's module: the attributes' diff whatever the task's diff says (--diff shows it under diff: false)
        Diff shownAttributes = change.shownAttributes(path);
        return shownAttributes != null ? result.withDiff(shownAttributes) : result;
    }

    /** Ansible's warnings (its words) for a pattern that matches every line. */
    private static void warnAboutEmptyPatterns(ModuleContext ctx) {
        if ("".equals(ctx.args().string("regexp"))) {
            ctx.warn("The regular expression is an empty string, which will match every line in the file. "
                    + "This may have unintended consequences, such as replacing the last line in the file rather than appending. "
                    + "If this is desired, use '^' to match every line in the file and avoid this warning.");
        }
        if ("".equals(ctx.args().string("search_string"))) {
            ctx.warn("The search string is an empty string, which will match every line in the file. "
                    + "This may have unintended consequences, such as replacing the last line in the file rather than appending.");
        }
    }

    private static Pattern regexp(Args args) throws ModuleException {
        try {
            return args.has("regexp") ? PythonRegex.compile(args.string("regexp"), "regexp") : null;
        } catch (IllegalArgumentException e) {
            throw new ModuleException(e.getMessage());
        }
    }
}
