package io.runbook.modules.core;

import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.modules.connection.Execution;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What ansible-core 2.14's git module asks a repository and its remote, and how it moves a checkout: the remote's
 * branches and tags ({@code ls-remote}), the branch HEAD follows, the fetch and the switch to a version. Each step is
 * the git command Ansible's module runs, so results and failures read as its do.
 */
final class GitRefs {
    private final GitRun git;
    private final String dest;
    private final boolean bare;

    GitRefs(GitRun git, String dest, boolean bare) {
        this.git = git;
        this.dest = dest;
        this.bare = bare;
    }

    /** The repository's own folder: dest (bare), dest/.git, or the folder a {@code .git} file names. */
    static String repoPath(GitRun git, String dest, boolean bare) throws ModuleException {
        String path = bare ? dest : dest + "/.git";
        if (!git.host().stat(path, true).isFile()) {
            return path;
        }
        String data = new String(git.host().read(path), StandardCharsets.UTF_8).stripTrailing();
        int at = data.indexOf("gitdir: ");
        String why = at != 0 ? ".git file has invalid git dir reference format" : null;
        String gitdir = at < 0 ? "" : data.substring(at + "gitdir: ".length());
        String resolved = gitdir.startsWith("/") ? gitdir : dest + "/" + gitdir;
        if (why == null && !git.host().stat(resolved, true).isDirectory()) {
            why = resolved + " is not a directory";
        }
        if (why != null) {
            throw new GitRun.Failure(Result.failed("Current repo does not have a valid reference to a separate Git dir or it refers to the "
                    + "invalid path").with("details", why));
        }
        return resolved;
    }

    /** {@code git rev-parse REF} in dest: the SHA it names. */
    String version(String ref) throws ModuleException, InterruptedException {
        String out = git.run(dest, "rev-parse", ref).stdout();
        return out.endsWith("\n") ? out.substring(0, out.length() - 1) : out;
    }

    boolean isRemoteBranch(String remote, String version) throws ModuleException, InterruptedException {
        return git.check(dest, "ls-remote", remote, "-h", "refs/heads/" + version).stdout().contains(version);
    }

    boolean isRemoteTag(String remote, String version) throws ModuleException, InterruptedException {
        return git.check(dest, "ls-remote", remote, "-t", "refs/tags/" + version).stdout().contains(version);
    }

    /** The SHA the remote has for version (a SHA is taken as it is); {@code cloning}: remote is the repository's URL. */
    String remoteHead(String version, String remote, boolean cloning) throws ModuleException, InterruptedException {
        List<String> args;
        boolean tag = false;
        if (version.equals("HEAD")) {
            args = cloning ? List.of("ls-remote", remote, "-h", "HEAD")
                    : List.of("ls-remote", remote, "-h", "refs/heads/" + headBranch(remote));
        } else if (isRemoteBranch(remote, version)) {
            args = List.of("ls-remote", remote, "-h", "refs/heads/" + version);
        } else if (isRemoteTag(remote, version)) {
            tag = true;
            args = List.of("ls-remote", remote, "-t", "refs/tags/" + version + "*");
        } else {
            return version;
        }
        Execution out = git.check(cloning ? null : dest, args);
        if (out.stdout().isEmpty()) {
            throw new GitRun.Failure(GitRun.output(Result.failed("Could not determine remote revision for " + version), out)
                    .with("rc", out.rc()));
        }
        String line = out.stdout();
        if (tag) {
            // an annotated tag: the commit it points to (its ^{} line)
            for (String l : out.stdout().split("\n", -1)) {
                if (l.endsWith(version + "^{}")) {
                    line = l;
                    break;
                } else if (l.endsWith(version)) {
                    line = l;
                }
            }
        }
        return line.strip().split("\\s+")[0];
    }

    /** The branch HEAD is on; in a detached checkout, the one the remote's HEAD names (Python's None when unknown). */
    String headBranch(String remote) throws ModuleException, InterruptedException {
        String repo = repoPath(git, dest, bare);
        String headFile = notABranch() ? repo + "/refs/remotes/" + remote + "/HEAD" : repo + "/HEAD";
        if (!git.host().stat(headFile, true).exists()) {
            return "None";
        }
        String raw = new String(git.host().read(headFile), StandardCharsets.UTF_8).lines().findFirst().orElse("");
        if (raw.isEmpty()) {
            return "None";
        }
        raw = raw.replaceFirst(java.util.regex.Pattern.quote("refs/remotes/" + remote), "");
        String[] words = raw.split(" ", -1);
        String[] parts = words[words.length - 1].split("/", 3);
        return parts[parts.length - 1];
    }

    private List<String> branches() throws ModuleException, InterruptedException {
        Execution out = git.run(dest, "branch", "--no-color", "-a");
        if (out.rc() != 0) {
            throw new GitRun.Failure(GitRun.output(Result.failed("Could not determine branch data - received " + out.stdout()), out));
        }
        return out.stdout().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    private boolean notABranch() throws ModuleException, InterruptedException {
        return branches().stream().anyMatch(b -> b.startsWith("* ")
                && (b.contains("no branch") || b.contains("detached from") || b.contains("detached at")));
    }

    private boolean isLocalBranch(String branch) throws ModuleException, InterruptedException {
        List<String> branches = branches();
        return branches.contains(branch) || branches.contains("* " + branch);
    }

    /** The remote's URL in dest's config (null when git cannot say). */
    String remoteUrl(String remote) throws ModuleException, InterruptedException {
        Execution out = git.run(dest, "ls-remote", "--get-url", remote);
        return out.rc() != 0 ? null : out.stdout().replaceAll("\n+$", "");
    }

    /** Points the remote at repo unless it already is there; whether the URL changed. */
    boolean setRemoteUrl(String repo, String remote) throws ModuleException, InterruptedException {
        String url = remoteUrl(remote);
        if (sameUrl(url, repo)) {
            return false;
        }
        Execution out = git.run(dest, "remote", "set-url", remote, repo);
        if (out.rc() != 0) {
            throw new GitRun.Failure(Result.failed("Failed to set a new url " + repo + " for " + remote + ": " + out.stdout() + " " + out.stderr()));
        }
        return url != null;
    }

    /** As Ansible compares URLs: equal, or the same path once normalized (so a moved-by-symlink path is no change). */
    boolean sameUrl(String url, String repo) throws ModuleException {
        if (url == null || url.equals(repo)) {
            return url != null || repo == null;
        }
        return normalized(url).equals(normalized(repo));
    }

    private String normalized(String path) throws ModuleException {
        return java.nio.file.Path.of(git.host().resolve(path, java.nio.file.Path.of("/"))).normalize().toString();
    }

    /** Downloads the remote's objects and refs as Ansible's fetch: all branches and tags, or with depth only those needed. */
    void fetch(String repo, String version, String remote, Integer depth, String refspec, boolean force)
            throws ModuleException, InterruptedException {
        setRemoteUrl(repo, remote);
        List<String> cmd = new ArrayList<>(List.of("fetch"));
        List<String> refspecs = new ArrayList<>();
        if (depth != null && depth != 0) {
            String current = headBranch(remote);
            if (refspec != null && !refspec.isEmpty()) {
                refspecs.add(refspec);
            } else if (version.equals("HEAD")) {
                refspecs.add(current);
            } else if (isRemoteBranch(repo, version)) {
                if (!current.equals(version)) {
                    refspecs.add("+refs/heads/" + version + ":refs/heads/" + version);
                }
                refspecs.add("+refs/heads/" + version + ":refs/remotes/" + remote + "/" + version);
            } else if (isRemoteTag(repo, version)) {
                refspecs.add("+refs/tags/" + version + ":refs/tags/" + version);
            }
            if (!refspecs.isEmpty()) {
                cmd.addAll(List.of("--depth", String.valueOf(depth)));
            }
        }
        if (depth == null || depth == 0 || refspecs.isEmpty()) {
            if (bare) {
                refspecs = new ArrayList<>(List.of("+refs/heads/*:refs/heads/*", "+refs/tags/*:refs/tags/*"));
            } else {
                cmd.add("--tags");
            }
            if (refspec != null && !refspec.isEmpty()) {
                refspecs.add(refspec);
            }
        }
        if (force) {
            cmd.add("--force");
        }
        cmd.add(remote);
        cmd.addAll(refspecs);
        Execution out = git.run(dest, cmd);
        if (out.rc() != 0) {
            throw new GitRun.Failure(Result.failed("Failed to download remote objects and refs: " + out.stdout() + " " + out.stderr())
                    .with("cmd", git.words(cmd)));
        }
    }

    /** Checks out version as Ansible's switch_version: a branch tracking the remote's, reset to it; a tag or SHA detached. */
    void switchVersion(String remote, String version, Integer depth) throws ModuleException, InterruptedException {
        List<String> cmd;
        String branch = null;
        if (version.equals("HEAD")) {
            branch = headBranch(remote);
            mustCheckout(git.run(dest, "checkout", "--force", branch), "Failed to checkout branch " + branch);
            cmd = List.of("reset", "--hard", remote + "/" + branch, "--");
        } else if (isRemoteBranch(remote, version)) {
            if (depth != null && depth != 0 && !isLocalBranch(version)) {
                // a shallow clone has only its own branch: fetch the other one to check it out
                Execution out = git.run(dest, "fetch", "--depth=" + depth, remote, "+refs/heads/" + version + ":refs/heads/" + version,
                        "+refs/heads/" + version + ":refs/remotes/" + remote + "/" + version);
                if (out.rc() != 0) {
                    throw new GitRun.Failure(GitRun.output(Result.failed("Failed to fetch branch from remote: " + version), out).with("rc", out.rc()));
                }
            }
            if (!isLocalBranch(version)) {
                cmd = List.of("checkout", "--track", "-b", version, remote + "/" + version);
            } else {
                mustCheckout(git.run(dest, "checkout", "--force", version), "Failed to checkout branch " + version);
                cmd = List.of("reset", "--hard", remote + "/" + version);
            }
        } else {
            cmd = List.of("checkout", "--force", version);
        }
        Execution out = git.run(dest, cmd);
        if (out.rc() != 0) {
            String msg = branch == null ? "Failed to checkout " + version : "Failed to checkout branch " + branch;
            throw new GitRun.Failure(GitRun.output(Result.failed(msg), out).with("rc", out.rc()).with("cmd", git.shown(cmd)));
        }
    }

    private static void mustCheckout(Execution out, String msg) throws GitRun.Failure {
        if (out.rc() != 0) {
            throw new GitRun.Failure(GitRun.output(Result.failed(msg), out).with("rc", out.rc()));
        }
    }
}
