package io.runbook.modules.core;

import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.modules.connection.Execution;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The git module's submodules ({@code recursive}), as ansible-core 2.14 handles them: a checkout with a
 * {@code .gitmodules} whose submodules are missing, behind the superproject's commits, or (with
 * {@code track_submodules}) behind their remote's master is brought up to date with {@code git submodule update}.
 */
final class GitSubmodules {
    private GitSubmodules() {
    }

    /** Updates dest's submodules when they need it; whether they did. */
    static boolean update(GitRun git, String dest, String remote, boolean track, boolean force) throws ModuleException, InterruptedException {
        String listing = dest + "/.gitmodules";
        if (!git.host().stat(listing, true).exists()) {
            return false;
        }
        boolean changed = false;
        for (String line : new String(git.host().read(listing), StandardCharsets.UTF_8).lines().toList()) {
            if (line.strip().startsWith("path") && line.contains("=")) {
                String path = line.split("=", 2)[1].strip();
                changed |= !git.host().stat(dest + "/" + path + "/.git", false).exists();
            }
        }
        if (!changed) {
            Map<String, String> begin = versions(git, dest, "HEAD");
            git.check(dest, "submodule", "foreach", git.words(List.of()).get(0), "fetch");
            if (track) {
                changed = !begin.equals(versions(git, dest, remote + "/master"));
            } else {
                changed = git.check(dest, "submodule", "status").stdout().lines().anyMatch(l -> !l.startsWith(" "));
            }
        }
        if (!changed) {
            return false;
        }
        git.check(dest, "submodule", "sync");
        List<String> cmd = new java.util.ArrayList<>(List.of("submodule", "update", "--init", "--recursive"));
        if (track) {
            cmd.add("--remote");
        }
        if (force) {
            cmd.add("--force");
        }
        Execution out = git.run(dest, cmd);
        if (out.rc() != 0) {
            throw new GitRun.Failure(Result.failed("Failed to init/update submodules: " + out.stdout() + out.stderr()));
        }
        return true;
    }

    /** Each submodule's SHA for ref ({@code git submodule foreach git rev-parse REF}). */
    private static Map<String, String> versions(GitRun git, String dest, String ref) throws ModuleException, InterruptedException {
        String gitPath = git.words(List.of()).get(0);
        Execution out = git.run(dest, "submodule", "foreach", gitPath, "rev-parse", ref);
        if (out.rc() != 0) {
            throw new GitRun.Failure(GitRun.output(Result.failed("Unable to determine hashes of submodules"), out).with("rc", out.rc()));
        }
        Map<String, String> versions = new LinkedHashMap<>();
        String name = null;
        for (String line : out.stdout().lines().toList()) {
            if (line.startsWith("Entering '")) {
                name = line.substring(10, line.length() - 1);
            } else if (line.strip().length() == 40 && name != null) {
                versions.put(name, line.strip());
                name = null;
            } else {
                throw new GitRun.Failure(Result.failed("Unable to parse submodule hash line: " + line.strip()));
            }
        }
        if (name != null) {
            throw new GitRun.Failure(Result.failed("Unable to find hash for submodule: " + name));
        }
        return versions;
    }
}
