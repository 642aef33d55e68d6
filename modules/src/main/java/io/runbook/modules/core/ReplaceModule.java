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
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code replace}: replaces every match of a Python regex (MULTILINE) in a text file on the host, optionally only in
 * the part after one regex and/or before another, with the rules, messages and results of Ansible's module.
 */
public final class ReplaceModule implements Module {
    private static final ArgSpec SPEC = ArgSpec.builder()
            .arg(Arg.str("path").required().aliases("dest", "destfile", "name").description("the file on the host"))
            .arg(Arg.str("regexp").required().description("Python-style regex, MULTILINE (^ and $ at each line): every match is replaced"))
            .arg(Arg.str("replace").defaultValue("").description("what each match becomes; \\1 and \\g<name> refer to regexp's groups (empty: matches removed)"))
            .arg(Arg.str("after").description("only replace after the first match of this Python regex (DOTALL)"))
            .arg(Arg.str("before").description("only replace before the last match of this Python regex (DOTALL); "
                    + "with after, before the first match that follows after's"))
            .arg(Arg.bool("backup").defaultValue(false).description("keep the previous file as PATH.PID.<time>~ when it changes"))
            .arg(Arg.str("validate").description("a command that checks the new content before it replaces the file "
                    + "(%s: the path of a temporary file holding it), run without a shell; failing, it fails the task "
                    + "and the file stays as it was"))
            .arg(Arg.str("encoding").defaultValue("utf-8").description("the file's character encoding, read and written"))
            .arg(Arg.raw("mode").description("'0644' or 0644 (a number is the mode, as in Ansible) or symbolic"))
            .arg(Arg.str("owner").description("the file's owner: a name (looked up on the host) or a uid"))
            .arg(Arg.str("group").description("the file's group: a name (looked up on the host) or a gid"))
            .arg(UnsafeWrites.ARG)
            .build();

    @Override
    public String name() {
        return "replace";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public String description() {
        return "Replace every match of a regex in a text file on the host (\\1 backreferences), optionally between two regexes";
    }

    @Override
    public Result run(ModuleContext ctx) throws ModuleException, InterruptedException {
        Args args = ctx.args();
        HostConnection host = HostConnections.of(ctx);
        String path = host.resolve(args.string("path"), ctx.workDir());
        Charset encoding = encoding(args.string("encoding"));
        FileInfo info = host.stat(path, true);
        if (info.isDirectory()) {
            return Result.failed("Path " + path + " is a directory !").with("rc", 256);
        }
        if (!info.exists()) {
            return Result.failed("Path " + path + " does not exist !").with("rc", 257);
        }
        String contents = new String(host.read(path), encoding);
        String section = section(args);
        int start = 0;
        int end = contents.length();
        if (section != null) {
            Matcher m = compile(section, "after/before", Pattern.DOTALL).matcher(contents);
            if (!m.find()) {
                return Result.ok().with("rc", 0)
                        .withMsg("Pattern for before/after params did not match the given file: " + section);
            }
            start = m.start("subsection");
            end = m.end("subsection");
        }
        String part = contents.substring(start, end);
        PythonRegex.Substitution done = substitute(args, part);
        boolean changed = done.count() > 0 && !part.equals(done.text());
        String after = changed ? contents.substring(0, start) + done.text() + contents.substring(end) : contents;
        Result result = Result.ok().with("rc", 0);
        if (changed && ctx.diffMode()) {
            Map<String, Object> diff = new LinkedHashMap<>();
            diff.put("before_header", path);
            diff.put("before", contents);
            diff.put("after_header", path);
            diff.put("after", after);
            result = result.with("diff", diff).withDiff(new Diff(path, contents, after));
        }
        TextFileChange change = TextFileChange.plan(ctx, host, path, after.getBytes(encoding), changed);
        String backup = change.writeContent(args.bool("backup"));
        if (backup != null) {
            result = result.with("backup_file", backup);
        }
        boolean attributes = change.setAttributes();
        String msg = changed ? done.count() + " replacements made" : "";
        return result.withChanged(changed || attributes).withMsg(TextFileChange.message(msg, attributes));
    }

    /** Ansible's section pattern around the named group subsection, or null when neither after nor before is given. */
    private static String section(Args args) {
        String after = args.string("after");
        String before = args.string("before");
        boolean hasAfter = after != null && !after.isEmpty();
        boolean hasBefore = before != null && !before.isEmpty();
        if (hasAfter && hasBefore) {
            return after + "(?P<subsection>.*?)" + before;
        }
        if (hasAfter) {
            return after + "(?P<subsection>.*)";
        }
        return hasBefore ? "(?P<subsection>.*)" + before : null;
    }

    private static PythonRegex.Substitution substitute(Args args, String text) throws ModuleException {
        Pattern regexp = compile(args.string("regexp"), "regexp", Pattern.MULTILINE);
        try {
            return PythonRegex.substitute(regexp, args.string("replace"), text);
        } catch (IllegalArgumentException e) {
            throw new ModuleException("replace: " + e.getMessage());
        }
    }

    private static Pattern compile(String regex, String argument, int flags) throws ModuleException {
        try {
            return PythonRegex.compile(regex, argument, flags);
        } catch (IllegalArgumentException e) {
            throw new ModuleException(e.getMessage());
        }
    }

    private static Charset encoding(String name) throws ModuleException {
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new ModuleException("unknown encoding: " + name);
        }
    }
}
