package io.runbook.modules.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The unarchive module's cases of the host-module contract (on the controller and over SSH alike): archives made
 * with the machine's tar and zip in the test, unpacked with the host's own tools (checked against ansible-core 2.14).
 */
abstract class UnarchiveContract extends KnownHostsContract {
    /** A backup folder (mp-values.yaml, certs/ca.pem) packed in {@code into} by {@code tool} run in that folder. */
    private static Path backup(Path into, String name, String... tool) throws Exception {
        Path content = Files.createDirectories(into.resolve("content-" + name));
        Files.writeString(content.resolve("mp-values.yaml"), "tsb:\n  version: 1\n");
        Files.createDirectories(content.resolve("certs"));
        Files.writeString(content.resolve("certs/ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        List<String> command = new ArrayList<>(List.of(tool));
        command.add(into.resolve(name).toString());
        command.addAll(List.of("mp-values.yaml", "certs"));
        Process p = new ProcessBuilder(command).directory(content.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        return into.resolve(name);
    }

    @Test
    void aControllerTarballIsSentUnpackedOnceAndCheckModeSkipsAsAnsible() throws Exception {
        backup(Files.createDirectories(controller.resolve("files")), "mp-backup.tar.gz", "tar", "czf");
        folder("restore");
        Map<String, Object> a = args("src", "mp-backup.tar.gz", "dest", at("restore"), "list_files", true);
        Result first = run(new UnarchiveModule(), a);
        assertTrue(first.isChanged(), first.toString());
        assertEquals("TgzArchive", first.data().get("handler"));
        assertEquals(at("restore"), first.data().get("dest"));
        assertEquals(List.of("mp-values.yaml", "certs/", "certs/ca.pem"), first.data().get("files"));
        assertEquals("tsb:\n  version: 1\n", Files.readString(host.resolve("restore/mp-values.yaml")));
        @SuppressWarnings("unchecked")
        Map<String, Object> extracted = (Map<String, Object>) first.data().get("extract_results");
        assertEquals(0, extracted.get("rc"));
        assertTrue(((List<?>) extracted.get("cmd")).containsAll(List.of("--extract", "-C", at("restore"), "-z")), extracted.toString());
        String sent = (String) first.data().get("src");
        assertTrue(sent.matches(".*/\\.ansible/tmp/ansible-tmp-[^/]+/source"), sent);
        assertFalse(Files.exists(Path.of(sent).getParent()), "the temporary folder on the host is removed");
        assertEquals("directory", first.data().get("state"));
        assertEquals(loginUser(), first.data().get("owner"));

        Result again = run(new UnarchiveModule(), a);
        assertFalse(again.isChanged(), again.toString());
        assertFalse(again.data().containsKey("extract_results"));

        Files.writeString(host.resolve("restore/mp-values.yaml"), "edited\n");
        // tar --diff's differences Ansible counts are of time, mode, owner and missing files (not size or content)
        Files.setLastModifiedTime(host.resolve("restore/mp-values.yaml"), java.nio.file.attribute.FileTime.fromMillis(1_600_000_000_000L));
        Result checked = check(new UnarchiveModule(), a);
        assertTrue(checked.isSkipped());
        assertEquals("remote module (ansible.legacy.unarchive) does not support check mode when using gtar", checked.msg());
        assertEquals("edited\n", Files.readString(host.resolve("restore/mp-values.yaml")));
        assertTrue(run(new UnarchiveModule(), a).isChanged(), "a file that differs is extracted again");
        assertEquals("tsb:\n  version: 1\n", Files.readString(host.resolve("restore/mp-values.yaml")));
    }

    @Test
    void aZipOnTheHostIsPredictedWithItemizedLinesThenUnpackedWithTheModeAsked() throws Exception {
        Path zip = backup(host, "mp-backup.zip", "zip", "-qr");
        own(zip);
        folder("restore");
        Map<String, Object> a = args("src", zip.toString(), "dest", at("restore"), "remote_src", true, "mode", "u=rwX,g=rX,o=");
        Result predicted = check(new UnarchiveModule(), a);
        assertTrue(predicted.isChanged());
        assertEquals("ZipArchive", predicted.data().get("handler"));
        String itemized = ">f++++++.?? mp-values.yaml\n>d++++++.?? certs/\n>f++++++.?? certs/ca.pem\n";
        assertEquals(Map.of("prepared", itemized), predicted.data().get("diff"));
        assertEquals(itemized, predicted.diffs().get(0).prepared());
        assertFalse(Files.exists(host.resolve("restore/mp-values.yaml")), "check mode extracts nothing");

        Result done = run(new UnarchiveModule(), a);
        assertTrue(done.isChanged());
        assertEquals(zip.toString(), done.data().get("src"));
        assertEquals("rw-r-----", perms(host.resolve("restore/mp-values.yaml")));
        assertEquals("rwxr-x---", perms(host.resolve("restore/certs")));
        assertEquals("rw-r-----", perms(host.resolve("restore/certs/ca.pem")));
        Result again = run(new UnarchiveModule(), a);
        assertFalse(again.isChanged(), again.toString());
        assertFalse(again.data().containsKey("diff"));

        Files.writeString(host.resolve("restore/certs/ca.pem"), "x");
        // a time well away from the archive's (written now, it could fall in the entry's own two-second DOS slot)
        Files.setLastModifiedTime(host.resolve("restore/certs/ca.pem"),
                java.nio.file.attribute.FileTime.from(java.time.Instant.parse("2020-01-01T00:00:00Z")));
        Result differs = check(new UnarchiveModule(), a);
        assertTrue(differs.isChanged());
        // CRC-32, size and time differ
        assertEquals(Map.of("prepared", ".fcst....?? certs/ca.pem\n"), differs.data().get("diff"));
        Result only = run(new UnarchiveModule(), args("src", zip.toString(), "dest", at("restore"), "remote_src", true,
                "include", List.of("certs/*"), "list_files", true));
        assertEquals(List.of("certs/", "certs/ca.pem"), only.data().get("files"));  // fnmatch's * matches nothing too
        assertEquals("-----BEGIN CERTIFICATE-----\n", Files.readString(host.resolve("restore/certs/ca.pem")));
    }

    @Test
    void aMissingDestOrSourceAndANonArchiveFailInAnsiblesWordsAndCreatesSkips() throws Exception {
        put("notes.txt", "not an archive\n");
        put("empty.tar", "");
        folder("restore");
        ModuleException noDest = assertThrows(ModuleException.class, () -> run(new UnarchiveModule(),
                args("src", at("notes.txt"), "dest", at("nope"), "remote_src", true)));
        assertEquals("dest '" + at("nope") + "' must be an existing dir", noDest.getMessage());
        Result noSource = run(new UnarchiveModule(), args("src", at("gone.tgz"), "dest", at("restore"), "remote_src", true));
        assertEquals("Source '" + at("gone.tgz") + "' does not exist", noSource.msg());
        Result empty = run(new UnarchiveModule(), args("src", at("empty.tar"), "dest", at("restore"), "remote_src", true));
        assertEquals("Invalid archive '" + at("empty.tar") + "', the file is 0 bytes", empty.msg());
        Result notArchive = run(new UnarchiveModule(), args("src", at("notes.txt"), "dest", at("restore"), "remote_src", true));
        assertTrue(notArchive.isFailed());
        assertTrue(notArchive.msg().startsWith("Failed to find handler for \"" + at("notes.txt")
                + "\". Make sure the required command to extract the file is installed.\nCommand \""), notArchive.msg());
        assertTrue(notArchive.msg().contains("could not handle archive: Unable to list files in the archive: "), notArchive.msg());
        Result skipped = run(new UnarchiveModule(), args("src", at("notes.txt"), "dest", at("restore"), "remote_src", true,
                "creates", at("notes.txt")));
        assertTrue(skipped.isSkipped());
        assertEquals("skipped, since " + at("notes.txt") + " exists", skipped.msg());
    }

    @Test
    void excludeAndKeepNewerLeaveFilesAlone() throws Exception {
        Path tar = backup(host, "mp-backup.tar", "tar", "cf");
        own(tar);
        folder("restore");
        Result excluded = run(new UnarchiveModule(), args("src", tar.toString(), "dest", at("restore"), "remote_src", true,
                "exclude", List.of("certs/"), "list_files", true));
        assertEquals("TarArchive", excluded.data().get("handler"));
        assertEquals(List.of("mp-values.yaml"), excluded.data().get("files"));
        assertFalse(Files.exists(host.resolve("restore/certs")));
        Files.writeString(host.resolve("restore/mp-values.yaml"), "newer\n");
        // clearly newer than the archive's copy (written now, it could share the archived file's second)
        Files.setLastModifiedTime(host.resolve("restore/mp-values.yaml"),
                java.nio.file.attribute.FileTime.from(java.time.Instant.now().plus(java.time.Duration.ofDays(1))));
        Result kept = run(new UnarchiveModule(), args("src", tar.toString(), "dest", at("restore"), "remote_src", true,
                "keep_newer", true));
        assertTrue(kept.isChanged(), "certs/ was missing");
        assertEquals("newer\n", Files.readString(host.resolve("restore/mp-values.yaml")));
        assertTrue(Files.exists(host.resolve("restore/certs/ca.pem")));
    }
}
