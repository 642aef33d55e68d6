package io.runbook.engine.playbook;

import java.nio.file.Path;
import java.util.List;

/** A parsed playbook: its plays in order, with {@code import_playbook} already expanded. */
public record Playbook(Path file, List<Play> plays) {
    public Playbook {
        plays = List.copyOf(plays);
    }
}
