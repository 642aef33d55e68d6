package io.runbook.modules.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code lineinfile} module on every connection (see {@link HostModulesContract}). */
abstract class LineInFileContract extends CopyValidationContract {
    @Test
    void lineinfileAddsReplacesAndRemovesWithAnsiblesMessages() throws Exception {
        put("l.conf", "hello2\n");
        Result added = run(new LineInFileModule(), args("path", at("l.conf"), "line", "x=1", "regexp", "^x="));
        assertEquals("line added", added.msg());
        assertEquals("hello2\nx=1\n", Files.readString(host.resolve("l.conf")));
        assertEquals("hello2\n", added.diffs().get(0).before());
        Result same = run(new LineInFileModule(), args("path", at("l.conf"), "line", "x=1", "regexp", "^x="));
        assertFalse(same.isChanged());
        assertEquals("", same.msg());
        Result replaced = run(new LineInFileModule(), args("path", at("l.conf"), "line", "x=2", "regexp", "^x="));
        assertEquals("line replaced", replaced.msg());
        assertEquals("hello2\nx=2\n", Files.readString(host.resolve("l.conf")));
        Result removed = run(new LineInFileModule(), args("path", at("l.conf"), "regexp", "^x=", "state", "absent"));
        assertEquals("1 line(s) removed", removed.msg());
        assertEquals(1, removed.data().get("found"));
        assertEquals("hello2\n", Files.readString(host.resolve("l.conf")));
    }

    @Test
    void lineinfileRegistersAnsiblesDiffListWithTheTextOnlyInDiffMode() throws Exception {
        put("d.conf", "a\nb\n");
        Result shown = run(new LineInFileModule(), args("path", at("d.conf"), "line", "c", "mode", "0600"));
        assertEquals(List.of(
                Map.of("before", "a\nb\n", "after", "a\nb\nc\n", "before_header", at("d.conf") + " (content)", "after_header", at("d.conf") + " (content)"),
                Map.of("before", Map.of("mode", "0644"), "after", Map.of("mode", "0600"),
                        "before_header", at("d.conf") + " (file attributes)", "after_header", at("d.conf") + " (file attributes)")),
                shown.data().get("diff"));
        Result quiet = direct(new LineInFileModule()).diff(false).run(args("path", at("d.conf"), "line", "d"));
        assertTrue(quiet.diffs().isEmpty());
        @SuppressWarnings("unchecked")
        Map<String, Object> content = ((List<Map<String, Object>>) quiet.data().get("diff")).get(0);
        assertEquals("", content.get("before"), "without diff mode Ansible registers the headers and empty texts");
        assertEquals("", content.get("after"));
    }

    @Test
    void lineinfileInsertsBeforeBofAfterARegexAndExpandsBackrefs() throws Exception {
        put("i.conf", "[main]\nport=80\n[other]\n");
        run(new LineInFileModule(), args("path", at("i.conf"), "line", "# managed", "insertbefore", "BOF"));
        run(new LineInFileModule(), args("path", at("i.conf"), "line", "debug=true", "insertafter", "^\\[main\\]"));
        Result backrefs = run(new LineInFileModule(), args("path", at("i.conf"), "regexp", "^port=(\\d+)$",
                "line", "port=\\g<1>0", "backrefs", true));
        assertEquals("line replaced", backrefs.msg());
        assertEquals("# managed\n[main]\ndebug=true\nport=800\n[other]\n", Files.readString(host.resolve("i.conf")));
        Result none = run(new LineInFileModule(), args("path", at("i.conf"), "regexp", "^nothing=(.*)", "line", "\\1", "backrefs", true));
        assertFalse(none.isChanged(), "backrefs and no match: nothing happens, as in Ansible");
    }

    @Test
    void lineinfileMissingFileFailsUnlessCreateAndCheckModeWritesNothing() throws Exception {
        Result missing = run(new LineInFileModule(), args("path", at("m.conf"), "line", "a"));
        assertTrue(missing.isFailed());
        assertEquals("Destination " + at("m.conf") + " does not exist !", missing.msg(), "Ansible's words");
        assertEquals(257, missing.data().get("rc"), "and its rc");
        Result predicted = check(new LineInFileModule(), args("path", at("m.conf"), "line", "a", "create", true));
        assertTrue(predicted.isChanged());
        assertFalse(Files.exists(host.resolve("m.conf")));
        Result created = run(new LineInFileModule(), args("path", at("m.conf"), "line", "a", "create", true, "mode", "0600"));
        assertTrue(created.isChanged());
        assertEquals("line added and ownership, perms or SE linux context changed", created.msg(),
                "as Ansible's: a new file is compared with the mode it is created with, rw-r--r--");
        assertEquals("a\n", Files.readString(host.resolve("m.conf")));
        assertEquals("rw-------", perms(host.resolve("m.conf")));
    }

    @Test
    void lineinfileValidatesTheNewContentBeforeItReplacesTheFile() throws Exception {
        put("v.conf", "a=1\n");
        ModuleException rejected = assertThrows(ModuleException.class,
                () -> run(new LineInFileModule(), args("path", at("v.conf"), "line", "b=2", "validate", "grep -q a=9 %s")));
        assertEquals("failed to validate: rc:1 error:", rejected.getMessage());
        assertEquals("a=1\n", Files.readString(host.resolve("v.conf")), "the file stays as it was");
        Result accepted = run(new LineInFileModule(), args("path", at("v.conf"), "line", "b=2", "validate", "grep -q a=1 %s"));
        assertTrue(accepted.isChanged(), String.valueOf(accepted.msg()));
        assertEquals("a=1\nb=2\n", Files.readString(host.resolve("v.conf")));
        ModuleException noPath = assertThrows(ModuleException.class,
                () -> run(new LineInFileModule(), args("path", at("v.conf"), "line", "c=3", "validate", "true")));
        assertEquals("validate must contain %s: true", noPath.getMessage());
        assertFalse(run(new LineInFileModule(), args("path", at("v.conf"), "line", "b=2", "validate", "false")).isChanged(),
                "nothing to write, nothing to validate");
    }

    @Test
    void lineinfileCreateMakesTheMissingFolders() throws Exception {
        Result r = run(new LineInFileModule(), args("path", at("new/sub/c.conf"), "line", "x=1", "create", true));
        assertTrue(r.isChanged());
        assertEquals("x=1\n", Files.readString(host.resolve("new/sub/c.conf")));
    }
}
