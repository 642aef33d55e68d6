package io.runbook.modules.core;

import io.runbook.engine.module.ModuleException;
import io.runbook.modules.connection.CommandLine;
import io.runbook.modules.connection.Execution;
import io.runbook.modules.connection.HostConnection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code stat}'s {@code blocks} and {@code block_size} ({@code st_blocks}, {@code st_blksize}) and, with
 * {@code get_attributes}, {@code version}, {@code attr_flags} and {@code attributes} as Ansible's
 * get_file_attributes reads them from {@code lsattr -vd} (of the link's target when followed; a link itself has
 * none). One program run on the host, the same locally and over SSH; what the host cannot tell is left out
 * (blocks) or Ansible's empty values (attributes).
 */
final class StatBlocks {
    private static final String SCRIPT = "stat $2 -c '%b %o' -- \"$1\" || exit 1; p=$1; [ -z \"$2\" ] || p=$(readlink -f -- \"$1\"); "
            + "lsattr -vd -- \"$p\" 2>/dev/null; exit 0";
    /** Ansible's FILE_ATTRIBUTES: lsattr's letters and their names. */
    private static final Map<Character, String> NAMES = Map.ofEntries(Map.entry('A', "noatime"), Map.entry('a', "append"),
            Map.entry('c', "compressed"), Map.entry('C', "nocow"), Map.entry('d', "nodump"), Map.entry('D', "dirsync"),
            Map.entry('e', "extents"), Map.entry('E', "encrypted"), Map.entry('h', "blocksize"), Map.entry('i', "immutable"),
            Map.entry('I', "indexed"), Map.entry('j', "journalled"), Map.entry('N', "inline"), Map.entry('s', "zero"),
            Map.entry('S', "synchronous"), Map.entry('t', "notail"), Map.entry('T', "blockroot"), Map.entry('u', "undelete"),
            Map.entry('X', "compressedraw"), Map.entry('Z', "compresseddirty"));

    private StatBlocks() {
    }

    static Map<String, Object> of(HostConnection host, String path, boolean follow, boolean attributes)
            throws ModuleException, InterruptedException {
        Map<String, Object> out = new LinkedHashMap<>();
        String[] lines = {};
        try {
            Execution done = host.run(new CommandLine(List.of("sh", "-c", SCRIPT, "sh", path, follow ? "-L" : ""), null, null, Map.of()));
            if (done.rc() == 0) {
                lines = done.stdout().split("\n");
            }
        } catch (ModuleException e) {
            if (e.isUnreachable()) {
                throw e;
            }
        }
        String[] blocks = lines.length > 0 ? lines[0].trim().split("\\s+") : new String[0];
        if (blocks.length == 2 && blocks[0].matches("\\d+") && blocks[1].matches("\\d+")) {
            out.put("blocks", Long.parseLong(blocks[0]));
            out.put("block_size", Long.parseLong(blocks[1]));
        }
        if (attributes) {
            out.put("version", null);
            out.put("attributes", List.of());
            out.put("attr_flags", "");
            String[] attr = lines.length > 1 ? lines[1].trim().split("\\s+") : new String[0];
            if (attr.length >= 2) {
                String flags = attr[1].replace("-", "");
                List<String> names = new ArrayList<>();
                for (char c : flags.toCharArray()) {
                    if (NAMES.containsKey(c)) {
                        names.add(NAMES.get(c));
                    }
                }
                out.put("version", attr[0]);
                out.put("attr_flags", flags);
                out.put("attributes", names);
            }
        }
        return out;
    }
}
