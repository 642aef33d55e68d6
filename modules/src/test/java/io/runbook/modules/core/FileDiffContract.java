package io.runbook.modules.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.module.Result;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code diff} that {@code file} registers for its states, the same on every connection (run locally and over
 * SSH through {@link HostModulesContract}). Expected keys and values are ansible-core 2.14's.
 */
abstract class FileDiffContract extends HostModulesBaseContract {

    @Test
    void fileDirectoryRegistersTheStateAndModeThatChange() throws Exception {
        Result created = run(new FileModule(), args("path", at("dd"), "state", "directory"));
        assertEquals(Map.of("before", Map.of("path", at("dd"), "state", "absent"), "after", Map.of("path", at("dd"), "state", "directory")),
                created.data().get("diff"));
        assertEquals("{\n    \"path\": \"" + at("dd") + "\",\n    \"state\": \"directory\"\n}\n", created.diffs().get(0).after());
        Result chmod = run(new FileModule(), args("path", at("dd"), "state", "directory", "mode", "0700"));
        assertEquals(Map.of("before", Map.of("path", at("dd"), "mode", "0755"), "after", Map.of("path", at("dd"), "mode", "0700")),
                chmod.data().get("diff"));
        Result same = run(new FileModule(), args("path", at("dd"), "state", "directory", "mode", "0700"));
        assertFalse(same.isChanged());
        assertEquals(Map.of("before", Map.of("path", at("dd")), "after", Map.of("path", at("dd"))), same.data().get("diff"));
        assertTrue(same.diffs().isEmpty());
        Result withMode = run(new FileModule(), args("path", at("de/f"), "state", "directory", "mode", "0750"));
        assertEquals(Map.of("path", at("de/f"), "state", "absent", "mode", "0755"), before(withMode));
        Result predicted = check(new FileModule(), args("path", at("dp"), "state", "directory", "mode", "0700"));
        assertEquals(Map.of("path", at("dp"), "state", "absent"), before(predicted), "check mode: as Ansible, no mode for a folder to create");
    }

    @Test
    void aFolderUnderAFileFailsAsAnsiblesMkdir() throws Exception {
        put("plain.txt", "p");
        Result r = run(new FileModule(), args("path", at("plain.txt/sub/deeper"), "state", "directory"));
        assertTrue(r.isFailed());
        assertEquals("There was an issue creating " + at("plain.txt/sub") + " as requested: [Errno 20] Not a directory: b'"
                + at("plain.txt/sub") + "'", r.msg());
        assertEquals(at("plain.txt/sub/deeper"), r.data().get("path"));
    }

    @Test
    void fileModeRegistersTheModeOnlyWhenItChanges() throws Exception {
        put("m.txt", "m");
        Result r = run(new FileModule(), args("path", at("m.txt"), "state", "file", "mode", "0640"));
        assertEquals(Map.of("before", Map.of("path", at("m.txt"), "mode", "0644"), "after", Map.of("path", at("m.txt"), "mode", "0640")),
                r.data().get("diff"));
        Result again = check(new FileModule(), args("path", at("m.txt"), "state", "file", "mode", "0640"));
        assertEquals(Map.of("before", Map.of("path", at("m.txt")), "after", Map.of("path", at("m.txt"))), again.data().get("diff"));
    }

    @Test
    void fileTouchRegistersStateTouchModeAndTimes() throws Exception {
        Result created = run(new FileModule(), args("path", at("t.txt"), "state", "touch", "mode", "0600"));
        Map<String, Object> after = after(created);
        assertEquals("touch", after.get("state"));
        assertEquals("0600", after.get("mode"));
        assertEquals("absent", before(created).get("state"));
        assertEquals("0644", before(created).get("mode"));
        assertTrue(after.get("mtime") instanceof Double);
        Result again = run(new FileModule(), args("path", at("t.txt"), "state", "touch"));
        assertEquals("file", before(again).get("state"));
        assertFalse(before(again).containsKey("mode"));
        assertEquals(List.of("path", "state", "mtime", "atime"), List.copyOf(after(again).keySet()));
        assertFalse(check(new FileModule(), args("path", at("t2.txt"), "state", "touch")).data().containsKey("diff"),
                "as Ansible: check mode registers no diff for a file touch would create");
        assertFalse(Files.exists(host.resolve("t2.txt")));
    }

    @Test
    void fileAbsentRegistersWhatAFolderHeldAndNothingForAMissingPath() throws Exception {
        folder("gone/a/b");
        put("gone/x", "x");
        put("gone/a/y", "y");
        Result predicted = check(new FileModule(), args("path", at("gone"), "state", "absent"));
        assertEquals(Map.of("path", at("gone"), "state", "directory", "path_content",
                        Map.of("directories", List.of(at("gone/a"), at("gone/a/b")), "files", List.of(at("gone/x"), at("gone/a/y")))),
                before(predicted));
        assertEquals(Map.of("path", at("gone"), "state", "absent"), after(predicted));
        assertTrue(Files.exists(host.resolve("gone")));
        Result removed = run(new FileModule(), args("path", at("gone"), "state", "absent"));
        assertEquals(predicted.data().get("diff"), removed.data().get("diff"));
        assertFalse(run(new FileModule(), args("path", at("gone"), "state", "absent")).data().containsKey("diff"));
    }

    @Test
    void copyRegistersTheTextOnlyInDiffModeAndFileAttributesWhenTheContentIsTheSame() throws Exception {
        Result quiet = direct(new CopyModule()).diff(false).run(args("content", "a\n", "dest", at("c.conf")));
        assertEquals(List.of(), quiet.data().get("diff"), "as Ansible: an empty list without --diff");
        Result shown = run(new CopyModule(), args("content", "b\n", "dest", at("c.conf")));
        assertEquals(List.of(Map.of("before", "a\n", "before_header", at("c.conf"), "after", "b\n", "after_header", "dynamically generated")),
                shown.data().get("diff"));
        Result chmod = run(new CopyModule(), args("content", "b\n", "dest", at("c.conf"), "mode", "0600"));
        assertTrue(chmod.isChanged());
        assertEquals(Map.of("before", Map.of("path", at("c.conf"), "mode", "0644"), "after", Map.of("path", at("c.conf"), "mode", "0600")),
                chmod.data().get("diff"));
        assertTrue(chmod.diffs().get(0).after().contains("\"mode\": \"0600\""), "--diff shows a mode change as Ansible's file diff");
        Result same = run(new CopyModule(), args("content", "b\n", "dest", at("c.conf")));
        assertEquals(Map.of("before", Map.of("path", at("c.conf")), "after", Map.of("path", at("c.conf"))), same.data().get("diff"));
        Files.writeString(controller.resolve("src.conf"), "from src\n");
        Result fromSrc = check(new CopyModule(), args("src", "src.conf", "dest", at("n.conf")));
        assertEquals(List.of(Map.of("before", "", "after", "from src\n", "after_header", controller.resolve("src.conf").toString())),
                fromSrc.data().get("diff"), "check mode registers the same; no before_header for a new file");
        Result hidden = direct(new CopyModule()).noLog(true).run(args("content", "s3cret\n", "dest", at("c.conf")));
        assertEquals(List.of(Map.of("before", "", "before_header", at("c.conf"), "after", FilePlacement.HIDDEN, "after_header", "dynamically generated")),
                hidden.data().get("diff"), "no_log: Ansible's hidden marker instead of the texts");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> before(Result r) {
        return (Map<String, Object>) ((Map<String, Object>) r.data().get("diff")).get("before");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> after(Result r) {
        return (Map<String, Object>) ((Map<String, Object>) r.data().get("diff")).get("after");
    }
}
