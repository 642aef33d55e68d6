package io.runbook.modules.core;

import io.runbook.engine.module.Args;
import io.runbook.engine.module.ArgsEcho;
import java.util.Map;

/**
 * The echo of a {@code copy} or {@code template} task's arguments ({@code invocation.module_args}) as ansible-core 2.14's
 * copy action plugin makes it: for a file sent, the copy module's arguments with the action's temporary {@code src},
 * {@code _original_basename} and the file's {@code checksum}; for one left as it was, the file module's with
 * {@code path}, {@code state: file}. The engine sends no temporary file: its {@code src} is the result's (the controller
 * file, or {@value CopyActionResult#GENERATED} for given text, which is also such a text's {@code _original_basename}).
 */
final class CopyEcho {
    private CopyEcho() {
    }

    /** The echo, or null where the module's own echo stands (a failure, a folder copied, a copy on the host). */
    static Map<String, Object> of(Args args, Map<String, Object> result, String originalBasename) {
        if (Boolean.TRUE.equals(result.get("failed")) || !(result.get("checksum") instanceof String checksum)
                || !(result.get("dest") instanceof String placed)) {
            return null;
        }
        Map<String, Object> given = ArgsEcho.written(args);
        given.put("_original_basename", originalBasename != null ? originalBasename : CopyActionResult.GENERATED);
        if (Boolean.TRUE.equals(result.get("changed"))) {
            Object src = result.get("src") != null ? result.get("src") : args.raw("src");
            given.put("src", src != null ? String.valueOf(src) : CopyActionResult.GENERATED);
            given.put("checksum", checksum);
            given.remove("content");
            return ArgsEcho.asModule("copy", given);
        }
        String dest = String.valueOf(args.raw("dest"));
        String name = placed.substring(placed.lastIndexOf('/') + 1);
        // the path as the action joined it: dest as written, with the file's name when dest is a folder
        given.put("path", placed.equals(dest) || placed.endsWith("/" + dest) ? dest : dest.endsWith("/") ? dest + name
                : dest + "/" + name);
        given.put("state", "file");
        given.remove("src");
        Map<String, Object> echoed = ArgsEcho.asModule("file", given);
        echoed.put("dest", dest);
        return echoed;
    }
}
