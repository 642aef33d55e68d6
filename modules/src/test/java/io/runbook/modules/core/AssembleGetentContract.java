package io.runbook.modules.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.module.Result;
import io.runbook.modules.accounts.GetentModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The assemble and getent modules' cases of the host-module contract (on the controller and over SSH alike), their
 * results and messages as ansible-core 2.14's (measured with ansible-playbook; its assemble and getent integration
 * targets run in the compatibility suite too).
 */
abstract class AssembleGetentContract extends LineInFileContract {
    @Test
    void assembleJoinsTheFragmentsInNameOrderAndWritesOnlyWhenTheContentDiffers() throws Exception {
        put("parts/10-b.conf", "b = 2");
        put("parts/01-a.conf", "a = 1");
        put("parts/.hidden", "hidden\n");
        put("parts/sub/ignored.conf", "not a fragment: in a folder\n");
        Result first = run(new AssembleModule(), args("src", at("parts"), "dest", at("app.conf")));
        assertTrue(first.isChanged());
        assertEquals("hidden\na = 1\nb = 2", Files.readString(host.resolve("app.conf")), "a newline after a fragment without one, none at the end");
        assertEquals("OK", first.msg());
        assertEquals(at("parts"), first.data().get("src"));
        assertEquals(at("app.conf"), first.data().get("dest"));
        assertEquals(Checksum.sha1("hidden\na = 1\nb = 2".getBytes()), first.data().get("checksum"));
        assertEquals(Checksum.md5("hidden\na = 1\nb = 2".getBytes()), first.data().get("md5sum"));
        assertEquals(18L, ((Number) first.data().get("size")).longValue());
        assertEquals("0644", first.data().get("mode"));
        assertEquals("file", first.data().get("state"));
        assertEquals(loginUser(), first.data().get("owner"));
        assertTrue(first.diffs().isEmpty(), "the assemble module makes no diff");

        Result again = run(new AssembleModule(), args("src", at("parts"), "dest", at("app.conf")));
        assertFalse(again.isChanged());
        assertEquals(first.data().get("checksum"), again.data().get("checksum"));

        Result delimited = run(new AssembleModule(), args("src", at("parts"), "dest", at("app.conf"), "delimiter", "# --\\t--",
                "regexp", "\\.conf$", "ignore_hidden", true, "backup", true, "mode", "0600"));
        assertTrue(delimited.isChanged());
        assertEquals("a = 1\n# --\t--\nb = 2", Files.readString(host.resolve("app.conf")), "the delimiter's escapes read, a newline after it");
        assertEquals("0600", delimited.data().get("mode"));
        assertEquals("rw-------", perms(host.resolve("app.conf")));
        assertEquals("hidden\na = 1\nb = 2", Files.readString(Path.of((String) delimited.data().get("backup_file"))));
    }

    @Test
    void assembleFailsWithAnsiblesMessagesAndValidatesOnlyAChange() throws Exception {
        put("parts/a", "a\n");
        put("file", "x\n");
        assertEquals("Source (" + at("nope") + ") does not exist", run(new AssembleModule(), args("src", at("nope"), "dest", at("out"))).msg());
        assertEquals("Source (" + at("file") + ") is not a directory", run(new AssembleModule(), args("src", at("file"), "dest", at("out"))).msg());
        Result regex = run(new AssembleModule(), args("src", at("parts"), "dest", at("out"), "regexp", "("));
        assertTrue(regex.isFailed());
        assertTrue(regex.msg().startsWith("Invalid Regexp (") && regex.msg().endsWith(") in \"(\""), regex.msg());
        assertEquals("validate must contain %s: true", run(new AssembleModule(), args("src", at("parts"), "dest", at("out"), "validate", "true")).msg());

        Result refused = run(new AssembleModule(), args("src", at("parts"), "dest", at("out"), "validate", "grep -q nothing-like-this %s"));
        assertTrue(refused.isFailed());
        assertEquals("failed to validate: rc:1 error:", refused.msg());
        assertFalse(Files.exists(host.resolve("out")), "refused content never written");

        Result validated = run(new AssembleModule(), args("src", at("parts"), "dest", at("out"), "validate", "grep -q a %s"));
        assertTrue(validated.isChanged());
        assertEquals(Map.of("rc", 0, "stdout", "", "stderr", ""), validated.data().get("validation"));
        Result same = run(new AssembleModule(), args("src", at("parts"), "dest", at("out"), "validate", "/bin/false %s"));
        assertFalse(same.isChanged() || same.isFailed(), "nothing to validate when the content is the same");
    }

    @Test
    void assembleFromTheControllerSendsTheFileAsTheCopyModuleAndRegistersItsDiff() throws Exception {
        Path parts = Files.createDirectories(controller.resolve("files/parts"));
        Files.writeString(parts.resolve("01"), "listen = 8443\n");
        Files.writeString(parts.resolve("02"), "log = info\n");
        Result sent = run(new AssembleModule(), args("src", "parts", "remote_src", false, "dest", at("local.conf")));
        assertTrue(sent.isChanged());
        assertEquals("listen = 8443\nlog = info\n", Files.readString(host.resolve("local.conf")));
        assertEquals(parts.toString(), sent.data().get("src"));
        assertNull(sent.msg(), "the copy module's result has no msg");
        Map<String, Object> expected = new HashMap<>(Map.of("before", "", "after", "listen = 8443\nlog = info\n", "after_header", parts.toString()));
        assertEquals(expected, sent.data().get("diff"), "no before_header: dest did not exist");
        assertEquals(1, sent.diffs().size());

        Result same = run(new AssembleModule(), args("src", "parts", "remote_src", false, "dest", at("local.conf")));
        assertFalse(same.isChanged());
        expected.put("before", "listen = 8443\nlog = info\n");
        expected.put("before_header", at("local.conf"));
        assertEquals(expected, same.data().get("diff"), "registered with --diff even when nothing changes, as Ansible's");
        assertTrue(same.diffs().isEmpty());
        assertEquals("Source (" + parts.resolve("01") + ") is not a directory",
                run(new AssembleModule(), args("src", parts.resolve("01").toString(), "remote_src", false, "dest", at("x"))).msg());
        assertEquals("check mode is not supported for this task.", new AssembleModule().checkModeSkipMessage());
        assertFalse(new AssembleModule().supportsCheckMode(), "skipped in check mode, as Ansible's assemble action");
    }

    @Test
    void getentSetsTheDatabaseFactFromTheHostsGetent() throws Exception {
        Result user = run(new GetentModule(), args("database", "passwd", "key", loginUser()));
        assertFalse(user.isChanged() || user.isFailed(), user.toString());
        List<?> fields = (List<?>) passwd(user).get(loginUser());
        assertEquals(6, fields.size(), "x, uid, gid, gecos, home, shell");
        assertEquals("x", fields.get(0));

        Result missing = run(new GetentModule(), args("database", "passwd", "key", "no-such-user-h84a"));
        assertTrue(missing.isFailed());
        assertEquals("One or more supplied key could not be found in the database.", missing.msg());
        assertFalse(missing.data().containsKey("ansible_facts"));
        Result allowed = run(new GetentModule(), args("database", "passwd", "key", "no-such-user-h84a", "fail_key", false));
        assertFalse(allowed.isFailed());
        assertEquals("One or more supplied key could not be found in the database.", allowed.msg());
        assertTrue(passwd(allowed).containsKey("no-such-user-h84a"));
        assertNull(passwd(allowed).get("no-such-user-h84a"));

        assertEquals("Missing arguments, or database unknown.", run(new GetentModule(), args("database", "no-such-database")).msg());
        Result whole = run(new GetentModule(), args("database", "passwd", "split", "/"));
        assertTrue(passwd(whole).keySet().stream().anyMatch(k -> k.toString().startsWith("root:x:0:0:")), "split at / instead of :");
        Result checked = check(new GetentModule(), args("database", "group", "key", "root"));
        assertEquals(List.of("x", "0"), ((List<?>) ((Map<?, ?>) ((Map<?, ?>) checked.data().get("ansible_facts")).get("getent_group"))
                .get("root")).subList(0, 2), "read in check mode too");
    }

    private static Map<?, ?> passwd(Result r) {
        return (Map<?, ?>) ((Map<?, ?>) r.data().get("ansible_facts")).get("getent_passwd");
    }
}
