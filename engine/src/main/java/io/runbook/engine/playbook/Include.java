package io.runbook.engine.playbook;

import io.runbook.engine.error.SourcePosition;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code include_tasks}: resolved per host at run time; the file name may be a template and the include may
 * loop. {@code params} become include parameters (vars) of the included tasks.
 */
public record Include(String name, String file, SourcePosition position, Keywords keywords, Object loop,
                      SourcePosition loopPosition, LoopControl loopControl, Map<String, Object> params, Path baseDir)
        implements TaskNode {
}
