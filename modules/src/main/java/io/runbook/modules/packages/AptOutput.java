package io.runbook.modules.packages;

import io.runbook.engine.module.Diff;
import io.runbook.engine.module.Result;
import io.runbook.modules.connection.Execution;
import java.util.List;
import java.util.Map;

/** The parts of apt's result made from a command's output: stdout and stderr with their lines, and the diff. */
final class AptOutput {
    private AptOutput() {
    }

    /** {@code stdout}, {@code stderr} and their lines, as Ansible's result has them. */
    static Result withOutput(Result r, String stdout, String stderr) {
        return r.with("stdout", stdout).with("stderr", stderr)
                .with("stdout_lines", lines(stdout)).with("stderr_lines", lines(stderr));
    }

    static Result withOutput(Result r, Execution e) {
        return withOutput(r, e.stdout(), e.stderr());
    }

    static List<String> lines(String text) {
        return text.isEmpty() ? List.of() : text.lines().toList();
    }

    /**
     * Ansible's {@code parse_diff}: the lines from after {@code Reading state information...} (or aptitude's
     * {@code Resolving dependencies...}) to the {@code N upgraded} line, as the prepared diff {@code --diff} shows.
     */
    static Diff diff(String output) {
        List<String> lines = output.lines().toList();   // split at \r too, as Python's splitlines
        int start = lines.indexOf("Resolving dependencies...");
        if (start < 0) {
            start = lines.indexOf("Reading state information...");
        }
        int end = lines.size();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches("[0-9]+ (packages )?upgraded.*")) {
                end = i + 1;
                break;
            }
        }
        start += 1;
        return Diff.prepared(start >= end ? "" : String.join("\n", lines.subList(start, Math.min(end, lines.size()))));
    }

    /** Ansible's {@code diff} key (the prepared text with --diff, else empty), and the diff --diff shows. */
    static Result withDiff(Result r, boolean diffMode, String output) {
        if (!diffMode) {
            return r.with("diff", Map.of());
        }
        Diff d = diff(output);
        return r.with("diff", Map.of("prepared", d.prepared())).withDiff(d);
    }
}
