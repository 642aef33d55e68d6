package io.runbook.modules.core;

import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.Args;
import io.runbook.engine.module.Diff;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.modules.connection.Execution;
import io.runbook.modules.connection.HostConnection;
import io.runbook.modules.connection.HostConnections;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code git}: a checkout of a repository on the host at a version (branch, tag, SHA or the remote's HEAD), made and
 * moved with the host's own git as ansible-core 2.14's module does it: clone when dest holds no repository, else fetch
 * and switch (a checkout with local changes fails unless force); {@code before}/{@code after} are the SHAs, and --diff
 * shows {@code git diff} between them. Check mode asks the remote ({@code ls-remote}) and leaves dest as it is.
 */
public final class GitModule implements Module {
    private static final java.util.regex.Pattern URL_PASSWORD = java.util.regex.Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://[^/@:]*:([^/@]+)@");
    private static final ArgSpec SPEC = ArgSpec.builder()
            .arg(Arg.str("repo").required().aliases("name").description("the repository: a URL (ssh, https, file://) or a path on the host"))
            .arg(Arg.str("dest").description("the folder of the checkout on the host; required unless clone is false"))
            .arg(Arg.str("version").defaultValue("HEAD").description("a branch, a tag or a full SHA; HEAD: the remote's default branch"))
            .arg(Arg.str("remote").defaultValue("origin").description("the name of the remote"))
            .arg(Arg.str("refspec").description("more refs to fetch (as git fetch takes them), such as refs/pull/123/merge"))
            .arg(Arg.bool("force").defaultValue(false).description("discard local changes of tracked files (else they fail the task)"))
            .arg(Arg.integer("depth").description("a shallow clone with this many commits (HEAD, branches, tags or with refspec)"))
            .arg(Arg.bool("clone").defaultValue(true).description("clone when dest has no repository (false: only report the remote's SHA)"))
            .arg(Arg.bool("update").defaultValue(true).description("fetch and move an existing checkout (false: leave it as it is)"))
            .arg(Arg.bool("bare").defaultValue(false).description("a bare repository (no working tree) in dest"))
            .arg(Arg.bool("single_branch").defaultValue(false).description("clone only the history of version's branch or tag"))
            .arg(Arg.bool("recursive").defaultValue(true).description("clone and update the submodules too"))
            .arg(Arg.bool("track_submodules").defaultValue(false).description("move submodules to their remote's master (git submodule update --remote)"))
            .arg(Arg.bool("accept_hostkey").defaultValue(false).description("ssh: accept an unknown host key (StrictHostKeyChecking=no)"))
            .arg(Arg.bool("accept_newhostkey").defaultValue(false).description("ssh: accept a new host key, never a changed one (StrictHostKeyChecking=accept-new)"))
            .arg(Arg.str("key_file").description("ssh: the private key on the host (with IdentitiesOnly=yes)"))
            .arg(Arg.str("ssh_opts").description("ssh: more options for git's ssh (GIT_SSH_COMMAND), such as -o ConnectTimeout=10"))
            .arg(Arg.str("executable").description("the git program on the host (default: git along the PATH)"))
            .arg(Arg.raw("umask").description("the umask of git's files, a quoted octal text such as '0022'"))
            .mutuallyExclusive("accept_hostkey", "accept_newhostkey")
            .build();

    @Override
    public String name() {
        return "git";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public String description() {
        return "Clone a git repository on the host and check out a branch, tag or commit";
    }

    @Override
    public Result run(ModuleContext ctx) throws ModuleException, InterruptedException {
        try {
            return new Run(ctx).checkout();
        } catch (GitRun.Failure e) {
            return e.result();
        }
    }

    /** One task's run: its arguments, its git, and the result as it grows (before, after, changed). */
    private static final class Run {
        private final ModuleContext ctx;
        private final Args args;
        private final HostConnection host;
        private final String version;
        private final String remote;
        private final boolean bare;
        private final Integer depth;
        private String repo;
        private String dest;
        private GitRun git;
        private GitRefs refs;
        private String before;
        private String after;
        private boolean changed;
        private Result extra = Result.ok();

        Run(ModuleContext ctx) throws ModuleException {
            this.ctx = ctx;
            this.args = ctx.args();
            this.host = HostConnections.of(ctx);
            this.version = args.string("version");
            this.remote = args.string("remote");
            this.bare = args.bool("bare");
            this.depth = args.integer("depth");
        }

        Result checkout() throws ModuleException, InterruptedException {
            String umask = umask(args.raw("umask"));
            repo = args.string("repo");
            java.util.regex.Matcher password = URL_PASSWORD.matcher(repo);
            if (password.find()) {
                // a password in the URL (https://user:token@host/…) is masked wherever git's words or the command show it
                ctx.secret(password.group(1));
            }
            if (repo.startsWith("~")) {
                repo = host.resolve(repo, ctx.workDir());
            }
            if (repo.startsWith("/")) {
                // as Ansible's: a path is a file:// URL (depth needs one)
                repo = "file://" + repo;
            }
            boolean allowClone = args.bool("clone");
            String written = args.string("dest");
            if ((written == null || written.isEmpty()) && allowClone) {
                return Result.failed("the destination directory must be specified unless clone=no");
            }
            dest = written == null || written.isEmpty() ? null : host.resolve(written, ctx.workDir());
            String sshOpts = args.string("ssh_opts");
            String hostKey = args.bool("accept_hostkey") ? "-o StrictHostKeyChecking=no"
                    : args.bool("accept_newhostkey") ? "-o StrictHostKeyChecking=accept-new" : null;
            if (hostKey != null) {
                boolean has = sshOpts != null && (sshOpts.contains("-o StrictHostKeyChecking=no") || sshOpts.contains("-o StrictHostKeyChecking=accept-new"));
                sshOpts = sshOpts == null ? hostKey : has ? sshOpts : sshOpts + " " + hostKey;
            }
            String keyFile = args.string("key_file") == null ? null : host.resolve(args.string("key_file"), ctx.workDir());
            Map<String, String> env = ctx.environment();
            String opts = GitRun.sshOptions(sshOpts, args.bool("accept_hostkey"), keyFile, env.getOrDefault("GIT_SSH_OPTS", ""));
            git = GitRun.open(host, args.string("executable"), umask, env, opts);
            refs = new GitRefs(git, dest, bare);
            String gitconfig = dest == null ? null : GitRefs.repoPath(git, dest, bare) + "/config";

            if (dest == null || !host.stat(gitconfig, true).exists()) {
                if (ctx.checkMode() || !allowClone) {
                    // nothing to clone into, or only asked: the remote's SHA for version
                    after = refs.remoteHead(version, repo, true);
                    changed = true;
                    return finish(true);
                }
                cloneRepo();
            } else if (!args.bool("update")) {
                before = refs.version("HEAD");
                after = before;
                return finish(false);
            } else {
                boolean localMods = !bare && localModifications();
                before = refs.version("HEAD");
                if (localMods) {
                    if (!args.bool("force")) {
                        return Result.failed("Local modifications exist in the destination: " + dest + " (force=no).").with("before", before);
                    }
                    if (!ctx.checkMode()) {
                        git.check(dest, "reset", "--hard", "HEAD");
                        changed = true;
                        extra = extra.withMsg("Local modifications exist in the destination: " + dest);
                    }
                }
                boolean urlChanged;
                if (ctx.checkMode()) {
                    String url = refs.remoteUrl(remote);
                    urlChanged = url != null && !refs.sameUrl(url, repo);
                } else {
                    urlChanged = refs.setRemoteUrl(repo, remote);
                }
                extra = extra.with("remote_url_changed", urlChanged);
                if (ctx.checkMode()) {
                    after = refs.remoteHead(version, remote, false);
                    changed = !before.equals(after) || urlChanged;
                    return finish(true);
                }
                refs.fetch(repo, version, remote, depth, args.string("refspec"), args.bool("force"));
                changed |= localMods || urlChanged;
            }
            if (!bare) {
                refs.switchVersion(remote, version, depth);
            }
            if (args.bool("recursive") && !bare && GitSubmodules.update(git, dest, remote, args.bool("track_submodules"), args.bool("force"))) {
                extra = extra.with("submodules_changed", true);
                changed = true;
            }
            after = refs.version("HEAD");
            changed |= !after.equals(before);
            return finish(changed);
        }

        /** The result as Ansible's: before, after, the other keys met on the way and, with --diff when changed, the diff. */
        private Result finish(boolean showDiff) throws ModuleException, InterruptedException {
            Result result = Result.changed(changed).with("before", before).with("after", after).withAll(extra.data());
            if (extra.msg() != null) {
                result = result.withMsg(extra.msg());
            }
            String diff = showDiff && ctx.diffMode() ? diff() : null;
            return diff == null ? result : result.with("diff", Map.of("prepared", diff)).withDiff(Diff.prepared(diff));
        }

        /** Ansible's get_diff: a new checkout's SHA, or git diff between the SHAs (fetched first when dest lacks it). */
        private String diff() throws ModuleException, InterruptedException {
            if (before == null) {
                return ">> Newly checked out " + after;
            }
            if (before.equals(after)) {
                return null;
            }
            if (git.run(dest, "cat-file", "-e", after + "^{commit}").rc() != 0) {
                // check mode: the objects only, by URL, so no ref or remote of dest changes (Ansible's fetch also resets the URL)
                git.run(dest, "fetch", "--no-tags", repo, after);
            }
            Execution out = git.run(dest, "diff", before, after);
            if (out.rc() == 0) {
                return out.stdout().isEmpty() ? ">> No visual differences between " + before + " and " + after : out.stdout();
            }
            String failed = ">> Failed to get proper diff between " + before + " and " + after;
            return out.stderr().isEmpty() ? failed : failed + ":\n>> " + out.stderr();
        }

        /** {@code git status --porcelain}: a changed tracked file (untracked ones are no local change). */
        private boolean localModifications() throws ModuleException, InterruptedException {
            return git.run(dest, "status", "--porcelain").stdout().lines().anyMatch(l -> !l.startsWith("??"));
        }

        /** A new checkout as Ansible's clone: depth and single_branch for a branch or tag, then refspec fetched. */
        private void cloneRepo() throws ModuleException, InterruptedException {
            String parent = FilePlacement.parent(dest);
            List<String> cmd = new ArrayList<>(List.of("clone"));
            if (bare) {
                cmd.add("--bare");
            } else {
                cmd.addAll(List.of("--origin", remote));
            }
            String refspec = args.string("refspec");
            boolean hasRefspec = refspec != null && !refspec.isEmpty();
            boolean branchOrTag = refs.isRemoteBranch(repo, version) || refs.isRemoteTag(repo, version);
            if (depth != null && depth != 0) {
                if (version.equals("HEAD") || hasRefspec) {
                    cmd.addAll(List.of("--depth", String.valueOf(depth)));
                } else if (branchOrTag) {
                    cmd.addAll(List.of("--depth", String.valueOf(depth), "--branch", version));
                } else {
                    ctx.warn("Ignoring depth argument. Shallow clones are only available for HEAD, branches, tags or in combination with refspec.");
                }
            }
            if (args.bool("single_branch")) {
                cmd.add("--single-branch");
                if (branchOrTag) {
                    cmd.addAll(List.of("--branch", version));
                }
            }
            cmd.addAll(List.of(repo, dest));
            git.check(parent, cmd);
            if (bare && !remote.equals("origin")) {
                git.check(dest, "remote", "add", remote, repo);
            }
            if (hasRefspec) {
                List<String> fetch = new ArrayList<>(List.of("fetch"));
                if (depth != null && depth != 0) {
                    fetch.addAll(List.of("--depth", String.valueOf(depth)));
                }
                fetch.addAll(List.of(remote, refspec));
                git.check(dest, fetch);
            }
        }

        /** umask as Ansible takes it: a quoted octal text (a YAML number is refused, as it has lost its octal digits). */
        private static String umask(Object raw) throws GitRun.Failure {
            if (raw == null) {
                return null;
            }
            if (!(raw instanceof String text)) {
                throw new GitRun.Failure(Result.failed("umask must be defined as a quoted octal integer"));
            }
            try {
                return String.format("%04o", Integer.parseInt(text.strip(), 8));
            } catch (NumberFormatException e) {
                throw new GitRun.Failure(Result.failed("umask must be an octal integer")
                        .with("details", "invalid literal for int() with base 8: '" + text + "'"));
            }
        }
    }
}
