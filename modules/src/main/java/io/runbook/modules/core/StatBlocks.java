package io.runbook.modules.core;

import io.runbook.engine.module.ModuleException;
import io.runbook.modules.connection.CommandLine;
import io.runbook.modules.connection.Execution;
import io.runbook.modules.connection.FileInfo;
import io.runbook.modules.connection.HostConnection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code stat}'s {@code blocks} and {@code block_size} ({@code st_blocks}, {@code st_blksize}) and, with
 * {@code get_attributes}, {@code version}, {@code attr_flags} and {@code attributes} as Ansible's
 * get_file_attributes reads them from {@code lsattr -vd} (of the link's target when followed; a link itself has
 * none). Over SSH they come with the inode's one command ({@link HostConnection#statInode(String, boolean, boolean)});
 * locally (java.nio has no st_blocks) with one program run; what the host cannot tell is left out (blocks) or
 * Ansible's empty values (attributes).
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

    /**
     * From what the transport's inode read already told ({@code inode}: SSH reads blocks and the lsattr line in its
     * one command); otherwise (java.nio gives neither) with one program run on the host.
     */
    static Map<String, Object> of(HostConnection host, String path, boolean follow, boolean attributes, FileInfo.Inode inode)
            throws ModuleException, InterruptedException {
        long blocks = inode.blocks();
        long blockSize = inode.blockSize();
        String lsattr = inode.lsattr();
        if (blocks < 0 || attributes && lsattr == null) {
            String[] lines = run(host, path, follow);
            String[] given = lines.length > 0 ? lines[0].trim().split("\\s+") : new String[0];
            if (given.length == 2 && given[0].matches("\\d+") && given[1].matches("\\d+")) {
                blocks = Long.parseLong(given[0]);
                blockSize = Long.parseLong(given[1]);
            }
            lsattr = lines.length > 1 ? lines[1] : "";
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (blocks >= 0) {
            out.put("blocks", blocks);
            out.put("block_size", blockSize);
        }
        if (attributes) {
            out.putAll(attributes(lsattr));
        }
        return out;
    }

    private static String[] run(HostConnection host, String path, boolean follow) throws ModuleException, InterruptedException {
        try {
            Execution done = host.run(new CommandLine(List.of("sh", "-c", SCRIPT, "sh", path, follow ? "-L" : ""), null, null, Map.of()));
            return done.rc() == 0 ? done.stdout().split("\n") : new String[0];
        } catch (ModuleException e) {
            if (e.isUnreachable()) {
                throw e;
            }
            return new String[0];
        }
    }

    /** Ansible's version, attr_flags and attributes from an {@code lsattr -vd} line; its empty values when there is none. */
    private static Map<String, Object> attributes(String lsattr) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", null);
        out.put("attributes", List.of());
        out.put("attr_flags", "");
        String[] attr = lsattr.trim().split("\\s+");
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
        return out;
    }
}
