package io.runbook.modules.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every host module does the same way on every connection: run locally by {@link LocalHostModulesTest}
 * and over SSH against a real OpenSSH server by {@code OpenSshHostModulesTest}. The host is this machine in
 * both cases, so the tests look at the host's files directly.
 */
abstract class HostModulesContract extends PipDrainedContract {

    // ---- file

    @Test
    void fileDirectoryCreatesParentsWithTheModeAndIsIdempotent() throws Exception {
        Result r = run(new FileModule(), args("path", at("d/e/f"), "state", "directory", "mode", "0750"));
        assertTrue(r.isChanged());
        assertEquals("directory", r.data().get("state"));
        assertEquals("0750", r.data().get("mode"));
        assertEquals("rwxr-x---", perms(host.resolve("d/e/f")));
        assertEquals("rwxr-x---", perms(host.resolve("d")));
        assertEquals(loginUser(), r.data().get("owner"));
        assertFalse(run(new FileModule(), args("path", at("d/e/f"), "state", "directory", "mode", "0750")).isChanged());
        Result chmod = run(new FileModule(), args("path", at("d/e/f"), "state", "directory", "mode", "u=rwx,g=,o="));
        assertTrue(chmod.isChanged());
        assertEquals("rwx------", perms(host.resolve("d/e/f")));
    }

    @Test
    void fileAbsentRemovesAFolderWithItsContents() throws Exception {
        folder("gone/inner");
        put("gone/inner/x", "x");
        Result r = run(new FileModule(), args("path", at("gone"), "state", "absent"));
        assertTrue(r.isChanged());
        assertEquals("absent", r.data().get("state"));
        assertFalse(Files.exists(host.resolve("gone")));
        assertFalse(run(new FileModule(), args("path", at("gone"), "state", "absent")).isChanged());
    }

    @Test
    void fileTouchCreatesAndAlwaysChanges() throws Exception {
        Result r = run(new FileModule(), args("path", at("t"), "state", "touch", "mode", "0600"));
        assertTrue(r.isChanged());
        assertEquals("file", r.data().get("state"));
        assertEquals(0L, Files.size(host.resolve("t")));
        assertEquals("rw-------", perms(host.resolve("t")));
        assertTrue(run(new FileModule(), args("path", at("t"), "state", "touch")).isChanged(), "touch always changes, as in Ansible");
    }

    @Test
    void fileCheckModeChangesNothingAndFileStateNeedsTheFile() throws Exception {
        Result predicted = check(new FileModule(), args("path", at("new/dir"), "state", "directory"));
        assertTrue(predicted.isChanged());
        assertFalse(Files.exists(host.resolve("new")));
        assertTrue(predicted.diffs().get(0).before().contains("\"state\": \"absent\""));
        Result absent = run(new FileModule(), args("path", at("nope"), "mode", "0600"));
        assertTrue(absent.isFailed());
        assertEquals("file (" + at("nope") + ") is absent, cannot continue", absent.msg());
        assertEquals("absent", absent.data().get("state"), "as Ansible's: the failed result says what is there");
        assertFalse(Files.exists(host.resolve("nope")));
    }

    @Test
    void fileTimesAsAnsiblesPreserveNowOrAFormattedTimeAndIdempotent() throws Exception {
        put("times.txt", "x");
        Path file = host.resolve("times.txt");
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_000L));
        Map<String, Object> preserve = args("path", at("times.txt"), "state", "touch", "modification_time", "preserve",
                "access_time", "preserve");
        assertFalse(run(new FileModule(), preserve).isChanged(), "touch that preserves both times changes nothing");
        assertEquals(1_000_000_000_000L, Files.getLastModifiedTime(file).toMillis());
        Map<String, Object> at2022 = args("path", at("times.txt"), "modification_time", "202202081414.00");
        long expected = java.time.LocalDateTime.of(2022, 2, 8, 14, 14).atZone(java.time.ZoneId.systemDefault()).toEpochSecond() * 1000;
        Result predicted = check(new FileModule(), at2022);
        assertTrue(predicted.isChanged());
        assertEquals(1_000_000_000_000L, Files.getLastModifiedTime(file).toMillis(), "check mode sets no time");
        assertTrue(predicted.diffs().get(0).after().contains("\"mtime\""), predicted.diffs().get(0).after());
        assertTrue(run(new FileModule(), at2022).isChanged());
        assertEquals(expected, Files.getLastModifiedTime(file).toMillis(), "the host's local time, as Python's mktime");
        assertFalse(run(new FileModule(), at2022).isChanged(), "the same time again changes nothing");
        assertTrue(run(new FileModule(), args("path", at("times.txt"), "state", "touch", "modification_time", "preserve")).isChanged(),
                "touch sets the access time to now when not told to preserve it");
        assertEquals(expected, Files.getLastModifiedTime(file).toMillis());
        ModuleException wrong = assertThrows(ModuleException.class, () -> run(new FileModule(),
                args("path", at("times.txt"), "modification_time", "yesterday")));
        assertTrue(wrong.getMessage().startsWith("Error while obtaining timestamp for time yesterday using format %Y%m%d%H%M.%S: "),
                wrong.getMessage());
    }

    @Test
    void fileModesAreWrittenAsAnsiblesWithTheSpecialBitsAndDiffPeekOnlyLooks() throws Exception {
        Result sticky = run(new FileModule(), args("path", at("sticky"), "state", "touch", "mode", "u=r,g=r,o=rt"));
        assertEquals("01444", sticky.data().get("mode"), "Ansible's '0%03o'");
        put("bin.dat", "a\u0000b");
        Result peek = run(new FileModule(), args("path", at("bin.dat"), "_diff_peek", true));
        assertFalse(peek.isChanged());
        assertEquals(true, peek.data().get("appears_binary"));
        assertEquals(false, run(new FileModule(), args("path", at("sticky"), "_diff_peek", true)).data().get("appears_binary"));
    }

    @Test
    void fileStateFileOnAFolderFailsAsAnsiblesDoesAndChangesNothing() throws Exception {
        folder("adir");
        String before = perms(host.resolve("adir"));
        for (Result r : List.of(run(new FileModule(), args("path", at("adir"), "state", "file", "mode", "0700")),
                check(new FileModule(), args("path", at("adir"), "state", "file", "mode", "0700")))) {
            assertTrue(r.isFailed());
            assertFalse(r.isChanged());
            assertEquals("file (" + at("adir") + ") is directory, cannot continue", r.toMap().get("msg"));
            assertEquals("directory", r.data().get("state"));
            assertEquals(at("adir"), r.data().get("path"));
        }
        assertEquals(before, perms(host.resolve("adir")));
    }

    @Test
    void fileRecurseSetsSymbolicModesOnEverythingInside() throws Exception {
        folder("tree/sub");
        put("tree/sub/f", "f");
        Result r = run(new FileModule(), args("path", at("tree"), "state", "directory", "recurse", true, "mode", "u=rwX,g=rX,o="));
        assertTrue(r.isChanged());
        assertEquals("rwxr-x---", perms(host.resolve("tree/sub")));
        assertEquals("rw-r-----", perms(host.resolve("tree/sub/f")));
        assertFalse(run(new FileModule(), args("path", at("tree"), "state", "directory", "recurse", true, "mode", "u=rwX,g=rX,o=")).isChanged());
    }

    @Test
    @SuppressWarnings("unchecked")
    void fileOwnerAndGroupAsAnsiblesSetOwnerIfDifferent() throws Exception {
        put("o.txt", "x\n");
        int uid = (Integer) Files.getAttribute(host.resolve("o.txt"), "unix:uid");
        int gid = (Integer) Files.getAttribute(host.resolve("o.txt"), "unix:gid");
        Result same = run(new FileModule(), args("path", at("o.txt"), "owner", loginUser(), "group", String.valueOf(gid)));
        assertFalse(same.isChanged(), "the login user's name, looked up on the host, is the owner already");
        assertEquals(Map.of("path", at("o.txt")), ((Map<String, Object>) same.data().get("diff")).get("before"));
        assertEquals("chown failed: failed to look up user no-such-user-rb", assertThrows(ModuleException.class,
                () -> run(new FileModule(), args("path", at("o.txt"), "owner", "no-such-user-rb"))).getMessage());
        assertEquals("chgrp failed: failed to look up group no-such-group-rb", assertThrows(ModuleException.class,
                () -> run(new FileModule(), args("path", at("o.txt"), "group", "no-such-group-rb"))).getMessage());
        int other = uid == 0 ? 65534 : 0;
        int otherGroup = gid == 0 ? 65534 : 0;
        Result predicted = check(new FileModule(), args("path", at("o.txt"), "owner", other, "group", otherGroup));
        assertTrue(predicted.isChanged());
        Map<String, Object> diff = (Map<String, Object>) predicted.data().get("diff");
        assertEquals(Map.of("path", at("o.txt"), "owner", uid, "group", gid), diff.get("before"), "Ansible's diff holds the ids");
        assertEquals(Map.of("path", at("o.txt"), "owner", other, "group", otherGroup), diff.get("after"));
        assertEquals(uid, Files.getAttribute(host.resolve("o.txt"), "unix:uid"), "check mode changes nothing");
        if (uid != 0) {
            ModuleException denied = assertThrows(ModuleException.class,
                    () -> run(new FileModule(), args("path", at("o.txt"), "owner", "0")));
            assertTrue(denied.getMessage().startsWith("chown failed: "), denied.getMessage());
            return;
        }
        Result given = run(new FileModule(), args("path", at("o.txt"), "owner", other, "group", "nogroup"));
        assertTrue(given.isChanged());
        assertEquals(other, Files.getAttribute(host.resolve("o.txt"), "unix:uid"));
        assertEquals(other, given.data().get("uid"));
        assertEquals("nobody", given.data().get("owner"));
        assertFalse(run(new FileModule(), args("path", at("o.txt"), "owner", "nobody", "group", "nogroup")).isChanged());
        Result made = run(new FileModule(), args("path", at("od/a"), "state", "directory", "owner", "nobody"));
        assertTrue(made.isChanged());
        assertEquals(other, Files.getAttribute(host.resolve("od"), "unix:uid"), "every folder made gets the owner");
        assertEquals(other, Files.getAttribute(host.resolve("od/a"), "unix:uid"));
        put("od/a/f.txt", "f\n");
        Files.createSymbolicLink(host.resolve("od/a/l"), host.resolve("o.txt"));
        assertTrue(run(new FileModule(), args("path", at("od"), "state", "directory", "recurse", true, "owner", "root",
                "follow", false)).isChanged());
        assertEquals(0, Files.getAttribute(host.resolve("od/a/f.txt"), "unix:uid"));
        assertEquals(0, Files.getAttribute(host.resolve("od/a/l"), "unix:uid", java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertEquals(other, Files.getAttribute(host.resolve("o.txt"), "unix:uid"), "without follow a link is changed itself, not its target");
        assertTrue(run(new FileModule(), args("path", at("od"), "state", "directory", "recurse", true, "owner", "root")).isChanged(),
                "follow (the default) goes on to what a link names, as Ansible's recursive_set_attributes");
        assertEquals(0, Files.getAttribute(host.resolve("o.txt"), "unix:uid"));
        assertFalse(run(new FileModule(), args("path", at("od"), "state", "directory", "recurse", true, "owner", "root")).isChanged());
        Result touched = run(new FileModule(), args("path", at("t2"), "state", "touch", "owner", "nobody"));
        assertEquals(other, Files.getAttribute(host.resolve("t2"), "unix:uid"));
        assertEquals(other, ((Map<String, Object>) ((Map<String, Object>) touched.data().get("diff")).get("after")).get("owner"));
    }

    // ---- stat

    @Test
    void statDescribesAFileAndAMissingPath() throws Exception {
        put("s.txt", "hello2\nx=1\n");
        Files.setPosixFilePermissions(host.resolve("s.txt"), PosixFilePermissions.fromString("rw-r-----"));
        Result r = run(new StatModule(), args("path", at("s.txt")));
        @SuppressWarnings("unchecked")
        Map<String, Object> stat = (Map<String, Object>) r.data().get("stat");
        assertEquals(true, stat.get("exists"));
        assertEquals(true, stat.get("isreg"));
        assertEquals(false, stat.get("isdir"));
        assertEquals("0640", stat.get("mode"));
        assertEquals(11L, stat.get("size"));
        assertEquals("0886addaf30d64fe05e8918e4767129b5d494390", stat.get("checksum"));
        assertEquals(true, stat.get("rgrp"));
        assertEquals(false, stat.get("roth"));
        assertFalse(r.isChanged());
        Result missing = run(new StatModule(), args("path", at("nope")));
        assertEquals(Map.of("exists", false), missing.data().get("stat"));
    }

    // ---- slurp and fetch

    @Test
    void slurpReturnsBase64() throws Exception {
        put("s.txt", "hello2\nx=1\n");
        Result r = run(new SlurpModule(), args("src", at("s.txt")));
        assertEquals("aGVsbG8yCng9MQo=", r.data().get("content"));
        assertEquals("base64", r.data().get("encoding"));
        assertEquals(at("s.txt"), r.data().get("source"));
        ModuleException e = assertThrows(ModuleException.class, () -> run(new SlurpModule(), args("src", at("nope"))));
        assertEquals("file not found: " + at("nope"), e.getMessage());
    }

    @Test
    void fetchLaysFilesOutByHostAndPathAndOnlyCopiesChanges() throws Exception {
        byte[] bytes = "hello2\nx=1\n".getBytes(StandardCharsets.UTF_8);
        put("f.txt", new String(bytes, StandardCharsets.UTF_8));
        Result first = run(new FetchModule(), args("src", at("f.txt"), "dest", "fetched"));
        Path expected = controller.resolve("fetched/target").resolve(at("f.txt").substring(1));
        assertTrue(first.isChanged());
        assertEquals(expected.toString(), first.data().get("dest"));
        assertEquals("0886addaf30d64fe05e8918e4767129b5d494390", first.data().get("checksum"));
        assertEquals(first.data().get("checksum"), first.data().get("remote_checksum"));
        assertEquals("hello2\nx=1\n", Files.readString(expected));
        assertFalse(run(new FetchModule(), args("src", at("f.txt"), "dest", "fetched")).isChanged());
        Result flat = run(new FetchModule(), args("src", at("f.txt"), "dest", "flat/", "flat", true));
        assertEquals(controller.resolve("flat/f.txt").toString(), flat.data().get("dest"));
        Result missing = run(new FetchModule(), args("src", at("nope"), "dest", "fetched", "fail_on_missing", false));
        assertFalse(missing.isFailed());
        assertEquals("the remote file does not exist, not transferring, ignored", missing.msg());
    }

    @Test
    void slurpSaysWhyAPathCannotBeReadAsAnsibleDoes() throws Exception {
        put("s.txt", "hello2\n");
        own(Files.createDirectories(host.resolve("folder")));
        ModuleException folder = assertThrows(ModuleException.class, () -> run(new SlurpModule(), args("src", at("folder"))));
        assertEquals("source is a directory and must be a file: " + at("folder"), folder.getMessage());
        ModuleException underFile = assertThrows(ModuleException.class, () -> run(new SlurpModule(), args("src", at("s.txt") + "/inner")));
        assertEquals("unable to slurp file: [Errno 20] Not a directory: '" + at("s.txt") + "/inner'", underFile.getMessage());
    }

    @Test
    void slurpedBinaryIsExact() throws Exception {
        byte[] bytes = new byte[256];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        own(Files.write(host.resolve("bin"), bytes));
        assertEquals(Base64.getEncoder().encodeToString(bytes), run(new SlurpModule(), args("src", at("bin"))).data().get("content"));
    }

    // ---- get_url

    /** Checks that the download to {@code port} was made from the host's side (nothing to check on the controller). */
    void requestCameFromTheHost(int port) throws Exception {
    }

    @Test
    void getUrlDownloadsOverHttpsPinnedToACaAndOnlyOnce() throws Exception {
        TestPki pki = TestPki.create(Files.createDirectories(controller.resolve("pki")), "localhost");
        try (TestHttpServer server = TestHttpServer.tls(pki.serverContext())) {
            String url = "https://localhost:" + server.port() + "/releases/app.tar";
            // timeouts only bound a hang: a first TLS handshake on a busy machine may take longer than the default 10 s
            Map<String, Object> a = args("url", url, "dest", host.toString(), "ca_path", pki.caPem.toString(), "mode", "0640",
                    "timeout", 300);
            Result first = run(new GetUrlModule(), a);
            assertTrue(first.isChanged(), String.valueOf(first.msg()));
            assertEquals("hello from /releases/app.tar", Files.readString(host.resolve("app.tar")));
            assertEquals(at("app.tar"), first.data().get("dest"));
            assertEquals(200, first.data().get("status_code"));
            assertEquals("OK (28 bytes)", first.msg());
            assertEquals("rw-r-----", perms(host.resolve("app.tar")));
            requestCameFromTheHost(server.port());
            int requests = server.requests.get();
            Result again = run(new GetUrlModule(), a);
            assertFalse(again.isChanged());
            assertEquals("file already exists", again.msg());
            assertEquals(requests, server.requests.get(), "an existing dest is not downloaded again");
            String sha1 = Checksum.sha1("hello from /releases/app.tar".getBytes(StandardCharsets.UTF_8));
            Result forced = run(new GetUrlModule(), args("url", url, "dest", at("app.tar"), "ca_path", pki.caPem.toString(),
                    "force", true, "checksum", "sha1:" + sha1, "mode", "0640", "timeout", 300));
            assertFalse(forced.isChanged(), "same content");
            assertEquals(sha1, forced.data().get("checksum_src"));
        }
    }

    @Test
    void getUrlRefusesAnUntrustedOrMisnamedCertificateAndAWrongChecksum() throws Exception {
        TestPki pki = TestPki.create(Files.createDirectories(controller.resolve("pki")), "localhost");
        try (TestHttpServer server = TestHttpServer.tls(pki.serverContext())) {
            String url = "https://localhost:" + server.port() + "/f.bin";
            ModuleException untrusted = assertThrows(ModuleException.class, () -> run(new GetUrlModule(), args("url", url, "dest", at("f.bin"), "timeout", 300)));
            assertTrue(untrusted.getMessage().startsWith("TLS handshake with " + url), untrusted.getMessage());
            assertTrue(untrusted.getMessage().contains("not trusted by the JDK's default CAs"), untrusted.getMessage());
            String byAddress = "https://127.0.0.1:" + server.port() + "/f.bin";
            ModuleException misnamed = assertThrows(ModuleException.class, () -> run(new GetUrlModule(),
                    args("url", byAddress, "dest", at("f.bin"), "ca_path", pki.caPem.toString(), "timeout", 300)));
            assertTrue(misnamed.getMessage().contains("localhost"), misnamed.getMessage());
            ModuleException wrongSum = assertThrows(ModuleException.class, () -> run(new GetUrlModule(),
                    args("url", url, "dest", at("f.bin"), "ca_path", pki.caPem.toString(), "checksum", "sha256:" + "0".repeat(64),
                    "timeout", 300)));
            assertTrue(wrongSum.getMessage().startsWith("The checksum for " + url + " did not match " + "0".repeat(64)), wrongSum.getMessage());
            assertFalse(Files.exists(host.resolve("f.bin")), "nothing was written");
        }
    }

    // ---- template and wait_for

    @Test
    void templateWritesOnTheHost() throws Exception {
        Files.writeString(controller.resolve("t.conf.mustache"), "static text\n");
        Result r = run(new TemplateModule(), args("src", "t.conf.mustache", "dest", at("t.conf"), "mode", "0600"));
        assertTrue(r.isChanged());
        assertEquals("static text\n", Files.readString(host.resolve("t.conf")));
        assertEquals("rw-------", perms(host.resolve("t.conf")));
        assertFalse(run(new TemplateModule(), args("src", "t.conf.mustache", "dest", at("t.conf"), "mode", "0600")).isChanged());
    }

    @Test
    void waitForPathAndRegexOnTheHost() throws Exception {
        put("ready.log", "starting\nlistening on 8443\n");
        Result r = run(new WaitForModule(), args("path", at("ready.log"), "search_regex", "listening on (\\d+)", "timeout", 300));
        assertFalse(r.isFailed(), String.valueOf(r.msg()));
        assertEquals(List.of("8443"), r.data().get("match_groups"));
        Result absent = run(new WaitForModule(), args("path", at("nope"), "state", "absent", "timeout", 300));
        assertFalse(absent.isFailed());
    }

    @Test
    void waitForPortIsCheckedFromTheHostsSide() throws Exception {
        try (java.net.ServerSocket open = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Result r = run(new WaitForModule(), args("host", "127.0.0.1", "port", open.getLocalPort(), "timeout", 300));
            assertFalse(r.isFailed(), String.valueOf(r.msg()));
        }
        // not a port merely closed again: a check's own connection could take it as its source port, and connect to itself
        try (io.runbook.modules.ClosedPort held = io.runbook.modules.ClosedPort.tcp()) {
            int closed = held.port();
            Result stopped = run(new WaitForModule(), args("host", "127.0.0.1", "port", closed, "state", "stopped", "timeout", 300));
            assertFalse(stopped.isFailed(), String.valueOf(stopped.msg()));
            // long enough for whole attempts (connect_timeout 5 s): an attempt the deadline cut short would prove nothing
            Result refused = run(new WaitForModule(), args("host", "127.0.0.1", "port", closed, "timeout", 10, "sleep", 0.2));
            assertTrue(refused.isFailed());
            assertTrue(String.valueOf(refused.data().get("last_error")).startsWith("connection refused"), String.valueOf(refused.data()));
            assertNull(refused.data().get("match_groups"));
        }
    }

    // ---- tempfile

    @Test
    void tempfileMakesANewPrivateFileOrFolderEachTime() throws Exception {
        folder("scratch");
        Result dir = run(new TempfileModule(), args("state", "directory", "path", at("scratch"), "suffix", ".test"));
        assertTrue(dir.isChanged());
        String made = (String) dir.data().get("path");
        assertTrue(made.matches(java.util.regex.Pattern.quote(at("scratch")) + "/ansible\\.[a-z0-9_]{8}\\.test"), made);
        assertTrue(Files.isDirectory(Path.of(made)));
        assertEquals("rwx------", perms(Path.of(made)));
        Result file = run(new TempfileModule(), args("path", at("scratch"), "prefix", "values-"));
        String madeFile = (String) file.data().get("path");
        assertTrue(madeFile.matches(java.util.regex.Pattern.quote(at("scratch")) + "/values-[a-z0-9_]{8}"), madeFile);
        assertEquals(0L, Files.size(Path.of(madeFile)));
        assertEquals("rw-------", perms(Path.of(madeFile)));
        assertFalse(made.equals(run(new TempfileModule(), args("state", "directory", "path", at("scratch"), "suffix", ".test"))
                .data().get("path")), "a new name each time");
        ModuleException e = assertThrows(ModuleException.class, () -> run(new TempfileModule(), args("path", at("nope"))));
        assertTrue(e.getMessage().contains(at("nope")), e.getMessage());
    }
}
