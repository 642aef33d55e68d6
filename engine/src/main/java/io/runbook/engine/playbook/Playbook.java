package io.runbook.engine.playbook;

import java.nio.file.Path;
import java.util.List;

/**
 * A parsed playbook: its plays in order, with {@code import_playbook} already expanded.
 *
 * @param warnings what was found before the run that may matter if it runs: mistakes in the files of includes that
 *                 may never run (they fail when they do)
 */
public record Playbook(Path file, List<Play> plays, List<String> warnings) {
    public Playbook {
        plays = List.copyOf(plays);
        warnings = List.copyOf(warnings);
    }
}
