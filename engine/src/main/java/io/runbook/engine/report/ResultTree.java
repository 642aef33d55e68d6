package io.runbook.engine.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Ansible's {@code tree} callback ({@code ansible -t DIR}): each host's result, as JSON, in the file {@code DIR/HOST}
 * (its last result; a skipped one writes nothing), redacted as every other sink.
 */
public final class ResultTree implements RunListener {
    private final Path dir;
    private final Redactor redactor;
    private final int verbosity;
    private final WarningDisplay warnings;

    public ResultTree(Path dir, Redactor redactor, int verbosity, WarningDisplay warnings) {
        this.dir = dir;
        this.redactor = redactor;
        this.verbosity = verbosity;
        this.warnings = warnings;
    }

    @Override
    public void hostResult(HostResult r) {
        if (r.status() == HostStatus.SKIPPED || r.item() != null && !r.loopEnd()) {
            return;
        }
        Map<String, Object> m = ResultFormat.abridged(r.result(), verbosity);
        // as the callback's _dump_results: one line, indented only for a debug (it always shows its result) or at -vvv
        boolean indented = verbosity > 2 || "debug".equals(io.runbook.engine.module.ModuleRegistry.shortName(r.action()));
        String json = redactor.redact(indented ? Json.pretty(m) : Json.compact(m));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            warnings.warn("Unable to access or create the configured directory (" + dir + "): " + e.getMessage());
        }
        try {
            Files.writeString(dir.resolve(r.host()), json, StandardCharsets.UTF_8);
        } catch (IOException e) {
            warnings.warn("Unable to write to " + r.host() + "'s file: " + e.getMessage());
        }
    }
}
