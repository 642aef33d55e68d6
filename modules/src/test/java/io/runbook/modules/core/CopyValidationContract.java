package io.runbook.modules.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.module.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code copy}'s and {@code template}'s {@code validate} and {@code checksum} on every connection (see
 * {@link HostModulesContract}), with the results ansible-playbook 2.14 registers for them.
 */
abstract class CopyValidationContract extends FileLinksContract {
    private static final String ECHO_AND_FAIL = "/bin/sh -c 'cat \"$0\"; echo refused >&2; exit 3' %s";

    @Test
    void copyValidatesTheNewContentAndARefusalLeavesDestAsItWas() throws Exception {
        put("v.conf", "old\n");
        Result accepted = run(new CopyModule(), args("content", "new\n", "dest", at("v.conf"), "validate", "grep -q new %s"));
        assertTrue(accepted.isChanged() && !accepted.isFailed(), accepted.toString());
        assertEquals("new\n", Files.readString(host.resolve("v.conf")));
        Result refused = direct(new CopyModule()).diff(false).run(args("content", "bad\n", "dest", at("v.conf"), "validate", ECHO_AND_FAIL));
        assertTrue(refused.isFailed());
        assertFalse(refused.isChanged());
        assertEquals("failed to validate", refused.msg());
        assertEquals(3, refused.data().get("exit_status"));
        assertEquals("bad\n", refused.data().get("stdout"), "the validator read the new content");
        assertEquals(List.of("refused"), refused.data().get("stderr_lines"));
        assertEquals(Checksum.sha1("bad\n".getBytes(StandardCharsets.UTF_8)), refused.data().get("checksum"));
        assertEquals(List.of(), refused.data().get("diff"));
        assertFalse(refused.data().containsKey("dest"), "Ansible's failure has no dest");
        assertEquals("new\n", Files.readString(host.resolve("v.conf")), "dest stays as it was");
    }

    @Test
    void copyValidatesAFileGivenTheModeItWillHave() throws Exception {
        // %% is a literal % (Python's formatting of validate); visudo checks the mode of the file it reads
        Result r = run(new CopyModule(), args("content", "x\n", "dest", at("sudoers"), "mode", "0440",
                "validate", "/bin/sh -c 'test \"$(stat -c %%a \"$0\")\" = 440' %s"));
        assertTrue(r.isChanged() && !r.isFailed(), r.toString());
        assertEquals("r--r-----", perms(host.resolve("sudoers")));
    }

    @Test
    void copyValidatesNothingWhenNothingIsWrittenNorInCheckMode() throws Exception {
        put("same.conf", "same\n");
        Result same = run(new CopyModule(), args("content", "same\n", "dest", at("same.conf"), "validate", "false %s"));
        assertFalse(same.isFailed() || same.isChanged(), "the content is already there: nothing to validate");
        Result noPath = run(new CopyModule(), args("content", "same\n", "dest", at("same.conf"), "validate", "true"));
        assertFalse(noPath.isFailed(), "as Ansible: validate is looked at only when there is something to write");
        Result predicted = check(new CopyModule(), args("content", "other\n", "dest", at("same.conf"), "validate", "false"));
        assertTrue(predicted.isChanged() && !predicted.isFailed(), "check mode predicts the write, validates nothing");
        Result missing = run(new CopyModule(), args("content", "other\n", "dest", at("same.conf"), "validate", "true"));
        assertEquals("validate must contain %s: true", missing.msg());
        assertTrue(missing.isFailed());
        assertEquals("same\n", Files.readString(host.resolve("same.conf")));
    }

    @Test
    void copyOfAFolderStopsAtTheFirstFileItsValidationRefuses() throws Exception {
        Files.createDirectories(controller.resolve("tree/sub"));
        Files.writeString(controller.resolve("tree/a.txt"), "a\n");
        Files.writeString(controller.resolve("tree/sub/b.txt"), "b\n");
        Result r = run(new CopyModule(), args("src", "tree/", "dest", at("out") + "/", "validate", "grep -q a %s"));
        assertTrue(r.isFailed());
        assertEquals("failed to validate", r.msg());
        assertEquals(Checksum.sha1("b\n".getBytes(StandardCharsets.UTF_8)), r.data().get("checksum"), "the refused file's");
        assertEquals("a\n", Files.readString(host.resolve("out/a.txt")), "the files before it are written, as Ansible's");
        assertFalse(Files.exists(host.resolve("out/sub/b.txt")));
    }

    @Test
    void copyChecksumMustMatchWhatIsSentWhenDestChanges() throws Exception {
        Files.writeString(controller.resolve("app.tar"), "app\n");
        String sha1 = Checksum.sha1("app\n".getBytes(StandardCharsets.UTF_8));
        String wrong = "0000000000000000000000000000000000000000";
        Result mismatch = run(new CopyModule(), args("src", "app.tar", "dest", at("app.tar"), "checksum", wrong));
        assertTrue(mismatch.isFailed());
        assertEquals("Copied file does not match the expected checksum. Transfer failed.", mismatch.msg());
        assertEquals(sha1, mismatch.data().get("checksum"));
        assertEquals(wrong, mismatch.data().get("expected_checksum"));
        assertFalse(Files.exists(host.resolve("app.tar")), "nothing written");
        Result upper = run(new CopyModule(), args("src", "app.tar", "dest", at("app.tar"), "checksum", sha1.toUpperCase()));
        assertTrue(upper.isFailed(), "compared as written, as Ansible's copy module does");
        Result copied = run(new CopyModule(), args("src", "app.tar", "dest", at("app.tar"), "checksum", sha1));
        assertTrue(copied.isChanged() && !copied.isFailed(), copied.toString());
        assertEquals(sha1, copied.data().get("checksum"));
        Result kept = run(new CopyModule(), args("src", "app.tar", "dest", at("app.tar"), "checksum", wrong));
        assertFalse(kept.isFailed() || kept.isChanged(), "dest holds it already: nothing sent, nothing compared");
        Result predicted = check(new CopyModule(), args("content", "other\n", "dest", at("app.tar"), "checksum", wrong));
        assertTrue(predicted.isChanged() && !predicted.isFailed(), "check mode sends nothing to compare");
        Result onHost = check(new CopyModule(), args("src", at("app.tar"), "remote_src", true, "dest", at("copy.tar"), "checksum", wrong));
        assertEquals("Copied file does not match the expected checksum. Transfer failed.", onHost.msg(),
                "with remote_src Ansible's module compares the source first, in check mode too");
        assertFalse(onHost.data().containsKey("diff"));
    }
}
