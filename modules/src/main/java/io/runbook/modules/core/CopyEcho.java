package io.runbook.modules.core;

import io.runbook.engine.module.Args;
import io.runbook.engine.module.ArgsEcho;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The echo of a {@code copy} or {@code template} task's arguments ({@code invocation.module_args}) as ansible-core 2.14's
 * copy action plugin makes it: for a file sent, the copy module's arguments with the action's temporary {@code src},
 * {@code _original_basename} and the file's {@code checksum}; for one left as it was, the file module's with
 * {@code path}, {@code state: file}. The engine sends no temporary file: its {@code src} has the shape of Ansible's
 * ({@code ~/.ansible/tmp/ansible-tmp-…/source}, as is a content's {@code tmp…} name), never its value.
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
        String basename = originalBasename != null ? originalBasename : "tmp" + randomName(8);
        given.put("_original_basename", basename);
        if (Boolean.TRUE.equals(result.get("changed"))) {
            long micros = System.currentTimeMillis() * 1000;
            given.put("src", String.format("~/.ansible/tmp/ansible-tmp-%d.%06d-%d-%d/source", micros / 1_000_000,
                    micros % 1_000_000, ProcessHandle.current().pid(), ThreadLocalRandom.current().nextLong(1L << 47)));
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

    private static String randomName(int length) {
        String letters = "abcdefghijklmnopqrstuvwxyz0123456789_";
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(letters.charAt(ThreadLocalRandom.current().nextInt(letters.length())));
        }
        return out.toString();
    }
}
