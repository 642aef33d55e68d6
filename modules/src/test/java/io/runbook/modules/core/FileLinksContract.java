package io.runbook.modules.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.module.Result;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code file}'s {@code state: link}/{@code hard} and what {@code stat} says of links and inodes, the same on every
 * connection (run by {@link LocalHostModulesTest} and {@code OpenSshHostModulesTest} through {@link HostModulesContract}).
 * The expected keys, messages and diffs are ansible-core 2.14's.
 */
abstract class FileLinksContract extends FileDiffContract {

    @Test
    void symlinkKeepsARelativeSrcAsGivenAndASecondRunChangesNothing() throws Exception {
        put("f.txt", "hello\n");
        Result r = run(new FileModule(), args("src", "f.txt", "dest", at("l1"), "state", "link"));
        assertTrue(r.isChanged());
        assertEquals(Path.of("f.txt"), Files.readSymbolicLink(host.resolve("l1")));
        assertEquals(at("l1"), r.data().get("dest"));
        assertEquals("f.txt", r.data().get("src"));
        assertEquals("link", r.data().get("state"));
        assertEquals("0777", r.data().get("mode"));
        assertEquals(5L, r.data().get("size"));
        assertEquals(loginUser(), r.data().get("owner"));
        assertEquals(Map.of("before", Map.of("path", at("l1"), "state", "absent"), "after", Map.of("path", at("l1"), "state", "link")),
                r.data().get("diff"));
        assertEquals("{\n    \"path\": \"" + at("l1") + "\",\n    \"state\": \"link\"\n}\n", r.diffs().get(0).after());
        Result again = run(new FileModule(), args("src", "f.txt", "dest", at("l1"), "state", "link"));
        assertFalse(again.isChanged());
        assertEquals(Map.of("before", Map.of("path", at("l1")), "after", Map.of("path", at("l1"))), again.data().get("diff"));
        assertTrue(again.diffs().isEmpty());
    }

    @Test
    void symlinkToNothingNeedsForceAndThenReportsNoPathFacts() throws Exception {
        folder("links");
        Result refused = run(new FileModule(), args("src", "does_not_exist", "dest", at("links/broken"), "state", "link"));
        assertTrue(refused.isFailed());
        assertEquals("src file does not exist, use \"force=yes\" if you really want to create the link: " + at("links/does_not_exist"), refused.msg());
        assertEquals(at("links/broken"), refused.data().get("path"), "as Ansible's: the path named");
        assertEquals("does_not_exist", refused.data().get("src"), "and src as given");
        assertFalse(Files.exists(host.resolve("links/broken"), LinkOption.NOFOLLOW_LINKS));
        Result r = run(new FileModule(), args("src", "does_not_exist", "dest", at("links/broken"), "state", "link", "force", true, "follow", false));
        assertTrue(r.isChanged());
        assertTrue(Files.isSymbolicLink(host.resolve("links/broken")));
        assertFalse(r.data().containsKey("state"), "as Ansible: nothing exists at the path when followed, so no path facts");
        assertFalse(run(new FileModule(), args("src", "does_not_exist", "dest", at("links/broken"), "state", "link", "force", true)).isChanged());
    }

    @Test
    void symlinkReplacesAFileOnlyWithForceAndRepointsALinkWithItsOldSrcInTheDiff() throws Exception {
        put("a.txt", "a");
        put("b.txt", "b");
        put("in-the-way", "x");
        Result refused = run(new FileModule(), args("src", at("a.txt"), "path", at("in-the-way"), "state", "link"));
        assertTrue(refused.isFailed());
        assertEquals("refusing to convert from file to symlink for " + at("in-the-way"), refused.msg());
        assertEquals("file", refused.data().get("state"), "as Ansible's: what is at the path described");
        assertTrue(run(new FileModule(), args("src", at("a.txt"), "path", at("in-the-way"), "state", "link", "force", true)).isChanged());
        assertEquals(host.resolve("a.txt"), Files.readSymbolicLink(host.resolve("in-the-way")));
        Result repointed = run(new FileModule(), args("src", "b.txt", "path", at("in-the-way"), "state", "link"));
        assertTrue(repointed.isChanged());
        assertEquals(Map.of("path", at("in-the-way"), "src", at("a.txt")), diffSide(repointed, "before"));
        assertEquals(Map.of("path", at("in-the-way"), "src", "b.txt"), diffSide(repointed, "after"));
        assertEquals("b", Files.readString(host.resolve("in-the-way")));
        Result kept = run(new FileModule(), args("path", at("in-the-way")));
        assertFalse(kept.isChanged(), "without state, an existing link stays a link to what it points to (follow)");
        assertEquals("link", kept.data().get("state"));
    }

    @Test
    void symlinkCheckModeMakesNothingAndPredicts() throws Exception {
        put("c.txt", "c");
        Result predicted = check(new FileModule(), args("src", "c.txt", "dest", at("c-link"), "state", "link"));
        assertTrue(predicted.isChanged());
        assertFalse(Files.exists(host.resolve("c-link"), LinkOption.NOFOLLOW_LINKS));
        assertEquals("link", diffSide(predicted, "after").get("state"));
        assertEquals("c.txt", predicted.data().get("src"));
        assertNull(predicted.data().get("state"));
    }

    @Test
    void hardLinkIsTheSameFileAndADifferentOneNeedsForce() throws Exception {
        put("h.txt", "hard");
        put("other.txt", "other");
        Result r = run(new FileModule(), args("src", at("h.txt"), "dest", at("h2"), "state", "hard"));
        assertTrue(r.isChanged());
        assertTrue(Files.isSameFile(host.resolve("h.txt"), host.resolve("h2")));
        assertEquals("hard", r.data().get("state"));
        assertEquals(at("h.txt"), r.data().get("src"));
        assertEquals("hard", diffSide(r, "after").get("state"));
        assertFalse(run(new FileModule(), args("src", at("h.txt"), "dest", at("h2"), "state", "hard")).isChanged());
        assertEquals(2, ((Number) stat(args("path", at("h.txt"))).get("nlink")).intValue());
        Result other = run(new FileModule(), args("src", at("other.txt"), "dest", at("h2"), "state", "hard"));
        assertTrue(other.isFailed());
        assertEquals("Cannot link, different hard link exists at destination", other.msg());
        assertEquals(at("h2"), other.data().get("dest"), "as Ansible's, the refusal names dest");
        assertEquals(at("other.txt"), other.data().get("src"), "and src as given");
        assertEquals("hard", other.data().get("state"), "and describes what is at dest");
        Result onFile = run(new FileModule(), args("src", at("h.txt"), "dest", at("other.txt"), "state", "hard"));
        assertEquals("Cannot link, file exists at destination", onFile.msg());
        assertEquals("file", onFile.data().get("state"));
        assertTrue(run(new FileModule(), args("src", at("other.txt"), "dest", at("h2"), "state", "hard", "force", true)).isChanged());
        assertEquals("other", Files.readString(host.resolve("h2")));
        Result noSrc = run(new FileModule(), args("src", "gone.txt", "dest", at("h3"), "state", "hard"));
        assertTrue(noSrc.isFailed());
        assertEquals("src does not exist", noSrc.msg());
        assertEquals(at("h3"), noSrc.data().get("dest"), "as Ansible's, the failure names dest");
        assertEquals("gone.txt", noSrc.data().get("src"), "and src as given");
        Result srcWithoutState = run(new FileModule(), args("src", at("h.txt"), "dest", at("h4")));
        assertEquals("src option requires state to be 'link' or 'hard'", srcWithoutState.msg());
        assertEquals(at("h4"), srcWithoutState.data().get("path"), "as Ansible's ParameterError: the path named");
    }

    @Test
    void hardLinkIntoAFolderTakesTheSrcName() throws Exception {
        put("n.txt", "n");
        folder("into");
        Result r = run(new FileModule(), args("src", at("n.txt"), "dest", at("into"), "state", "hard"));
        assertEquals(at("into/n.txt"), r.data().get("dest"));
        assertTrue(Files.isSameFile(host.resolve("n.txt"), host.resolve("into/n.txt")));
    }

    @Test
    void modeOnALinkFollowsToItsTarget() throws Exception {
        put("m.txt", "m");
        Result r = run(new FileModule(), args("src", "m.txt", "dest", at("m-link"), "state", "link", "mode", "0600"));
        assertTrue(r.isChanged());
        assertEquals("rw-------", perms(host.resolve("m.txt")));
        assertEquals(Map.of("path", at("m-link"), "state", "link", "mode", "0600"), diffSide(r, "after"));
        assertFalse(run(new FileModule(), args("src", "m.txt", "dest", at("m-link"), "state", "link", "mode", "0600")).isChanged());
    }

    // ---- stat

    @Test
    void modeOfALinkItselfChangesOnlyInCheckModeAndLeavesTheTarget() throws Exception {
        put("own.txt", "x");
        Files.setPosixFilePermissions(host.resolve("own.txt"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        Map<String, Object> itself = args("src", "own.txt", "dest", at("own-link"), "state", "link", "mode", "0600", "follow", false);
        assertTrue(run(new FileModule(), itself).isChanged(), "the link is made");
        assertFalse(run(new FileModule(), itself).isChanged(), "Linux has no mode of a link's own: as Ansible's, no change");
        assertTrue(check(new FileModule(), itself).isChanged(), "as Ansible's, check mode predicts the change it cannot make");
        assertEquals("rw-r--r--", perms(host.resolve("own.txt")), "the target keeps its mode");
    }

    @Test
    void attributesAreComparedAsAnsiblesTextAndMinusAlwaysChanges() throws Exception {
        put("attrs.txt", "x");
        String file = host.resolve("attrs.txt").toString();
        Result set;
        try {
            set = run(new FileModule(), args("path", file, "attributes", "+A"));
        } catch (io.runbook.engine.module.ModuleException e) {
            org.junit.jupiter.api.Assumptions.assumeTrue(false, "chattr does not work here: " + e.getMessage());
            return;
        }
        assertTrue(set.isChanged());
        String flags = onThisMachine("lsattr", "-d", file).split("\\s+")[0].replace("-", "");
        assertTrue(flags.contains("A"), flags);
        assertEquals(!flags.equals("A"), run(new FileModule(), args("path", file, "attributes", "+A")).isChanged(),
                "as Ansible's: a change unless lsattr shows exactly the letters given (" + flags + ")");
        assertTrue(run(new FileModule(), args("path", file, "attributes", "-A")).isChanged(), "'-' always changes, as Ansible's");
        assertFalse(onThisMachine("lsattr", "-d", file).split("\\s+")[0].contains("A"));
    }

    @Test
    void statGivesTheInodeSideAndAccessAndMime() throws Exception {
        put("i.txt", "hello world");
        Map<String, Object> s = stat(args("path", at("i.txt")));
        long inode = (Long) Files.getAttribute(host.resolve("i.txt"), "unix:ino");
        assertEquals(inode, ((Number) s.get("inode")).longValue());
        assertEquals(((Number) Files.getAttribute(host.resolve("i.txt"), "unix:dev")).longValue(), ((Number) s.get("dev")).longValue());
        assertEquals(1, ((Number) s.get("nlink")).intValue());
        assertTrue(s.get("ctime") instanceof Double);
        assertEquals(true, s.get("readable"));
        assertEquals(true, s.get("writeable"));
        assertEquals(false, s.get("executable"));
        for (String key : new String[] {"isblk", "ischr", "isfifo", "issock", "islnk"}) {
            assertEquals(false, s.get(key), key);
        }
        assertEquals("2aae6c35c94fcfb415dbe95f408b9ce91ee846ed", s.get("checksum"));
        assertEquals("text/plain", s.get("mimetype"));
        assertEquals("us-ascii", s.get("charset"));
        assertFalse(stat(args("path", at("i.txt"), "get_mime", false)).containsKey("mimetype"));
    }

    @Test
    void statOfALinkWithoutAndWithFollow() throws Exception {
        put("target.txt", "t");
        Files.createSymbolicLink(host.resolve("link"), Path.of("target.txt"));
        own(host.resolve("link"));
        Map<String, Object> link = stat(args("path", at("link")));
        assertEquals(true, link.get("islnk"));
        assertEquals(false, link.get("isreg"));
        assertEquals("target.txt", link.get("lnk_target"));
        assertEquals(at("target.txt"), link.get("lnk_source"));
        assertEquals("inode/symlink", link.get("mimetype"));
        assertFalse(link.containsKey("checksum"), "a link is not checksummed, as in Ansible");
        Map<String, Object> followed = stat(args("path", at("link"), "follow", true));
        assertEquals(true, followed.get("isreg"));
        assertEquals(false, followed.get("islnk"));
        assertEquals(Files.getAttribute(host.resolve("target.txt"), "unix:ino"), ((Number) followed.get("inode")).longValue());
        assertEquals("8efd86fb78a56a5145ed7739dcb00c78581c5375", followed.get("checksum"));
    }

    @Test
    void statReportsBlocksAndLsattrAttributesOfAFileOrAFollowedLinkAndNoneOfTheLinkItself() throws Exception {
        put("attr.txt", "hello\n");
        Files.createSymbolicLink(host.resolve("attr-link"), Path.of("attr.txt"));
        own(host.resolve("attr-link"));
        String[] lsattr = onThisMachine("lsattr", "-vd", host.resolve("attr.txt").toString()).split("\\s+");
        String[] blocks = onThisMachine("stat", "-c", "%b %o", host.resolve("attr.txt").toString()).split(" ");
        for (Map<String, Object> s : List.of(stat(args("path", at("attr.txt"))), stat(args("path", at("attr-link"), "follow", true)))) {
            assertEquals(Long.parseLong(blocks[0]), s.get("blocks"));
            assertEquals(Long.parseLong(blocks[1]), s.get("block_size"));
            assertEquals(lsattr[0], s.get("version"));
            assertEquals(lsattr[1].replace("-", ""), s.get("attr_flags"));
            assertEquals(lsattr[1].contains("e") ? List.of("extents") : List.of(), ((List<?>) s.get("attributes")).stream()
                    .filter("extents"::equals).toList(), "Ansible's names of lsattr's letters: " + s.get("attributes"));
        }
        Map<String, Object> link = stat(args("path", at("attr-link")));
        assertEquals(0L, link.get("blocks"), "a short link's target fits in its inode");
        assertTrue(link.containsKey("version") && link.get("version") == null, "lsattr has nothing for a link itself: Ansible's empty values");
        assertEquals(List.of(), link.get("attributes"));
        assertEquals("", link.get("attr_flags"));
        assertFalse(stat(args("path", at("attr.txt"), "get_attributes", false)).containsKey("attributes"));
    }

    /** What a program says of this machine's file (the host of both connections): the test's own oracle. */
    private static String onThisMachine(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> stat(Map<String, Object> args) throws Exception {
        Result r = run(new StatModule(), args);
        assertFalse(r.isChanged());
        return (Map<String, Object>) r.data().get("stat");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> diffSide(Result r, String side) {
        return (Map<String, Object>) ((Map<String, Object>) r.data().get("diff")).get(side);
    }
}
