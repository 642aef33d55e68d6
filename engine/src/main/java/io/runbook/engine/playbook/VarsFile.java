package io.runbook.engine.playbook;

import io.runbook.engine.error.SourcePosition;
import java.util.List;

/** An entry of {@code vars_files}: one file, or a list meaning "the first of these that exists". */
public record VarsFile(List<String> candidates, SourcePosition position) {
}
