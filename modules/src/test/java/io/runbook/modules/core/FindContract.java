package io.runbook.modules.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.module.Result;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The find module's cases of the host-module contract (on the controller and over SSH alike). */
abstract class FindContract extends AssembleGetentContract {
    /** find walks as Ansible's find module does (checked with ansible-core 2.14's find integration target too). */
    @Test
    void findMatchesNamesTypesSizesAndContentDownTheTree() throws Exception {
        put("backups/mp-values-1.yaml", "tsb:\n  version: 1\n");
        put("backups/mp-values-2.yaml", "tsb:\n  version: 2\n");
        put("backups/notes.txt", "x");
        put("backups/.hidden.yaml", "h");
        put("backups/old/mp-values-0.yaml", "tsb:\n  version: 0\n");
        put("backups/old/deeper/mp-values-00.yaml", "v");
        Result top = run(new FindModule(), args("paths", at("backups"), "patterns", "mp-values-*.yaml"));
        assertFalse(top.isChanged());
        assertEquals(List.of(at("backups/mp-values-1.yaml"), at("backups/mp-values-2.yaml")), paths(top));
        assertEquals(2, top.data().get("matched"));
        assertEquals(5, top.data().get("examined"));  // the four files and the folder of backups/
        assertEquals("All paths examined", top.msg());
        @SuppressWarnings("unchecked")
        Map<String, Object> first = ((List<Map<String, Object>>) top.data().get("files")).get(0);
        assertEquals(true, first.get("isreg"));
        assertEquals(18L, first.get("size"));
        assertEquals(1, first.get("nlink"));
        assertTrue(first.keySet().containsAll(List.of("mode", "uid", "gid", "pw_name", "gr_name", "inode", "dev", "ctime", "mtime", "xoth")));

        Result deep = run(new FindModule(), args("paths", at("backups"), "patterns", "*.yaml", "recurse", true, "depth", 2,
                "contains", "  version: [02]", "hidden", true, "get_checksum", true));
        assertEquals(List.of(at("backups/mp-values-2.yaml"), at("backups/old/mp-values-0.yaml")), paths(deep));
        @SuppressWarnings("unchecked")
        Map<String, Object> second = ((List<Map<String, Object>>) deep.data().get("files")).get(0);
        assertEquals(40, ((String) second.get("checksum")).length());

        Result folders = run(new FindModule(), args("paths", List.of(at("backups"), at("nope")), "file_type", "directory",
                "recurse", true, "size", "1k", "excludes", "deep*"));
        assertEquals(List.of(at("backups/old")), paths(folders));
        assertEquals(Map.of(at("nope"), "'" + at("nope") + "' is not a directory"), folders.data().get("skipped_paths"));
        assertEquals("Not all paths examined, check warnings for details", folders.msg());

        Result regex = run(new FindModule(), args("paths", at("backups"), "patterns", "mp-values-[12]", "use_regex", true,
                "size", "-22", "age", "-1d"));
        assertEquals(List.of(at("backups/mp-values-1.yaml"), at("backups/mp-values-2.yaml")), paths(regex));
        Result old = run(new FindModule(), args("paths", at("backups"), "age", "2w"));
        assertEquals(List.of(), paths(old));
        Result badAge = run(new FindModule(), args("paths", at("backups"), "age", "2 weeks"));
        assertTrue(badAge.isFailed());
        assertEquals("failed to process age", badAge.msg());
        Result empty = run(new FindModule(), args("paths", List.of(""), "patterns", "*"));
        assertEquals(Map.of("", "'' is not a directory"), empty.data().get("skipped_paths"), "an unset variable's path, as Ansible's find");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> paths(Result r) {
        return ((List<Map<String, Object>>) r.data().get("files")).stream().map(f -> f.get("path")).toList();
    }
}
