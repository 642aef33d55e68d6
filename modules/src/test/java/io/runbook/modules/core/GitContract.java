package io.runbook.modules.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.module.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The git module's cases of the host-module contract (on the controller and over SSH alike), with a repository the
 * test makes with the machine's git; the results are those ansible-core 2.14's module gives (checked with
 * ansible-playbook on the same kind of repository, and the parity playbook git.yml).
 */
abstract class GitContract extends FindContract {
    /** git in the test's folder on the host, as the test's own user, with a fixed author; its output. */
    String git(String folder, String... words) throws Exception {
        List<String> argv = new java.util.ArrayList<>(List.of("git", "-c", "safe.directory=*", "-C", host.resolve(folder).toString()));
        argv.addAll(List.of(words));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        for (String who : List.of("AUTHOR", "COMMITTER")) {
            pb.environment().put("GIT_" + who + "_NAME", "platform");
            pb.environment().put("GIT_" + who + "_EMAIL", "platform@example.com");
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", argv) + ": " + out);
        return out.strip();
    }

    /**
     * The recovery repository in {@code origin/}: mp-values.yaml at version 1 (annotated tag v1), then 2 on main, and
     * a branch release at 3; everything the login user's. Returns the three SHAs.
     */
    List<String> recoveryRepository() throws Exception {
        put("origin/mp-values.yaml", "tsb:\n  version: 1\n");
        git("origin", "init", "-q", "-b", "main");
        git("origin", "add", ".");
        git("origin", "commit", "-qm", "one");
        git("origin", "tag", "-a", "v1", "-m", "first");
        String one = git("origin", "rev-parse", "HEAD");
        Files.writeString(host.resolve("origin/mp-values.yaml"), "tsb:\n  version: 2\n");
        git("origin", "commit", "-qam", "two");
        String two = git("origin", "rev-parse", "HEAD");
        git("origin", "checkout", "-q", "-b", "release");
        Files.writeString(host.resolve("origin/mp-values.yaml"), "tsb:\n  version: 3\n");
        git("origin", "commit", "-qam", "three");
        String three = git("origin", "rev-parse", "HEAD");
        git("origin", "checkout", "-q", "main");
        try (Stream<Path> all = Files.walk(host.resolve("origin"))) {
            for (Path p : all.toList()) {
                own(p);
            }
        }
        return List.of(one, two, three);
    }

    String values(String checkout) throws Exception {
        return Files.readString(host.resolve(checkout + "/mp-values.yaml"));
    }

    @Test
    void gitClonesLeavesAndMovesACheckoutToABranchTagOrCommit() throws Exception {
        List<String> sha = recoveryRepository();
        Map<String, Object> main = args("repo", at("origin"), "dest", at("work/mp"));

        Result predicted = check(new GitModule(), main);
        assertTrue(predicted.isChanged());
        assertNull(predicted.data().get("before"));
        assertEquals(sha.get(1), predicted.data().get("after"), "the remote's HEAD, from ls-remote");
        assertEquals(Map.of("prepared", ">> Newly checked out " + sha.get(1)), predicted.data().get("diff"));
        assertEquals(">> Newly checked out " + sha.get(1), predicted.diffs().get(0).prepared());
        assertFalse(Files.exists(host.resolve("work")), "check mode clones nothing");

        Result cloned = run(new GitModule(), main);
        assertTrue(cloned.isChanged(), cloned.toString());
        assertNull(cloned.data().get("before"));
        assertEquals(sha.get(1), cloned.data().get("after"));
        assertFalse(cloned.data().containsKey("remote_url_changed"), "a new clone has no remote to change");
        assertEquals("tsb:\n  version: 2\n", values("work/mp"));
        assertEquals(loginUser(), Files.getOwner(host.resolve("work/mp/mp-values.yaml")).getName());

        Result same = run(new GitModule(), args("repo", "file://" + at("origin"), "dest", at("work/mp"), "version", "main"));
        assertFalse(same.isChanged(), same.toString());
        assertEquals(sha.get(1), same.data().get("before"));
        assertEquals(sha.get(1), same.data().get("after"));
        assertEquals(false, same.data().get("remote_url_changed"), "a path and its file:// URL are the same remote");

        Result wouldTag = check(new GitModule(), args("repo", at("origin"), "dest", at("work/mp"), "version", "v1"));
        assertTrue(wouldTag.isChanged());
        assertEquals(sha.get(0), wouldTag.data().get("after"), "an annotated tag's commit");
        String shown = wouldTag.diffs().get(0).prepared();
        assertTrue(shown.startsWith("diff --git a/mp-values.yaml b/mp-values.yaml") && shown.contains("-  version: 2\n+  version: 1\n"), shown);
        assertEquals("tsb:\n  version: 2\n", values("work/mp"), "check mode leaves the checkout");
        assertEquals(sha.get(1), git("work/mp", "rev-parse", "HEAD"));

        Result tag = run(new GitModule(), args("repo", at("origin"), "dest", at("work/mp"), "version", "v1"));
        assertTrue(tag.isChanged());
        assertEquals(sha.get(1), tag.data().get("before"));
        assertEquals(sha.get(0), tag.data().get("after"));
        assertEquals("tsb:\n  version: 1\n", values("work/mp"));

        Result branch = run(new GitModule(), args("repo", at("origin"), "dest", at("work/mp"), "version", "release"));
        assertEquals(sha.get(2), branch.data().get("after"));
        assertEquals("release", git("work/mp", "rev-parse", "--abbrev-ref", "HEAD"), "a local branch tracking the remote's");
        assertEquals("tsb:\n  version: 3\n", values("work/mp"));

        Result commit = run(new GitModule(), args("repo", at("origin"), "dest", at("work/mp"), "version", sha.get(1)));
        assertTrue(commit.isChanged());
        assertEquals(sha.get(1), commit.data().get("after"));
        assertEquals("tsb:\n  version: 2\n", values("work/mp"));
    }

    @Test
    void gitRefusesLocalChangesUnlessForceAndUpdateFalseLeavesTheCheckout() throws Exception {
        List<String> sha = recoveryRepository();
        String dest = at("mp");
        assertTrue(run(new GitModule(), args("repo", at("origin"), "dest", dest, "version", "v1")).isChanged());
        Files.writeString(host.resolve("mp/mp-values.yaml"), "tsb:\n  version: edited\n");
        put("mp/notes.txt", "untracked files are no local change\n");

        Result dirty = run(new GitModule(), args("repo", at("origin"), "dest", dest, "version", "main"));
        assertTrue(dirty.isFailed());
        assertEquals("Local modifications exist in the destination: " + dest + " (force=no).", dirty.msg());
        assertEquals(sha.get(0), dirty.data().get("before"));
        assertFalse(dirty.isChanged());
        assertTrue(check(new GitModule(), args("repo", at("origin"), "dest", dest, "version", "main")).isFailed(),
                "as Ansible's: also in check mode");

        Result kept = run(new GitModule(), args("repo", at("origin"), "dest", dest, "version", "main", "update", false));
        assertFalse(kept.isChanged());
        assertEquals(sha.get(0), kept.data().get("before"));
        assertEquals(sha.get(0), kept.data().get("after"));
        assertEquals("tsb:\n  version: edited\n", values("mp"));

        Result forced = run(new GitModule(), args("repo", at("origin"), "dest", dest, "version", "main", "force", true));
        assertTrue(forced.isChanged());
        assertEquals("Local modifications exist in the destination: " + dest, forced.msg());
        assertEquals(sha.get(1), forced.data().get("after"));
        assertEquals("tsb:\n  version: 2\n", values("mp"));
        assertTrue(Files.exists(host.resolve("mp/notes.txt")));
    }

    @Test
    void gitReportsWithoutCloningShallowClonesAndFailsWithGitsWords() throws Exception {
        List<String> sha = recoveryRepository();
        Result asked = run(new GitModule(), args("repo", at("origin"), "version", "release", "clone", false));
        assertTrue(asked.isChanged());
        assertEquals(sha.get(2), asked.data().get("after"));
        assertNull(asked.data().get("before"));

        Result shallow = run(new GitModule(), args("repo", at("origin"), "dest", at("shallow"), "version", "release", "depth", 1,
                "single_branch", true, "umask", "0077"));
        assertEquals(sha.get(2), shallow.data().get("after"));
        assertEquals("1", git("shallow", "rev-list", "--count", "HEAD"));
        assertEquals("rw-------", perms(host.resolve("shallow/mp-values.yaml")), "git's files under the umask");

        Result bare = run(new GitModule(), args("repo", at("origin"), "dest", at("bare.git"), "bare", true));
        assertTrue(bare.isChanged());
        assertEquals(sha.get(1), bare.data().get("after"));
        assertTrue(Files.isRegularFile(host.resolve("bare.git/HEAD")) && !Files.exists(host.resolve("bare.git/mp-values.yaml")));

        Result gone = run(new GitModule(), args("repo", at("gone"), "dest", at("other")));
        assertTrue(gone.isFailed());
        assertTrue(gone.msg().startsWith("fatal: '" + at("gone") + "' does not appear to be a git repository"), gone.msg());
        assertEquals(128, gone.data().get("rc"));
        assertTrue(((String) gone.data().get("cmd")).endsWith("git ls-remote file://" + at("gone") + " -h refs/heads/HEAD"),
                String.valueOf(gone.data().get("cmd")));

        assertEquals("the destination directory must be specified unless clone=no",
                run(new GitModule(), args("repo", at("origin"))).msg());
        assertEquals("umask must be defined as a quoted octal integer",
                run(new GitModule(), args("repo", at("origin"), "dest", at("x"), "umask", 22)).msg());
    }
}
