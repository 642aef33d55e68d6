package io.runbook.engine.playbook;

import java.nio.file.Path;
import java.util.List;

/**
 * A parsed playbook: its plays in order, with {@code import_playbook} already expanded.
 *
 * @param warnings what was found before the run that may matter if it runs: mistakes in the files of includes that
 *                 may never run (they fail when they do)
 * @param deprecations what ansible-playbook shows as deprecated while it reads the playbook (a legacy include), each once
 */
public record Playbook(Path file, List<Play> plays, List<String> warnings,
                       List<io.runbook.engine.module.Deprecation> deprecations) {
    public Playbook {
        plays = List.copyOf(plays);
        warnings = List.copyOf(warnings);
        deprecations = List.copyOf(new java.util.LinkedHashSet<>(deprecations));
    }
}
