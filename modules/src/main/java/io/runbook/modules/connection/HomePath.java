package io.runbook.modules.connection;

import io.runbook.engine.module.ModuleException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code ~} and {@code ~/x} in a path given by a task: the login user's home; {@code ~user} and {@code ~user/x}: that
 * user's home on the host, as Ansible's modules ({@code os.path.expanduser}) and action plugins ({@code echo ~user})
 * expand them. A {@code ~user} the host has no account for stays as written, as with Ansible.
 */
public final class HomePath {
    /** The names a shell expands after {@code ~} (POSIX portable user names, and Samba's trailing {@code $}). */
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9._][A-Za-z0-9._-]*\\$?");

    private HomePath() {
    }

    /** {@code path} with a leading {@code ~} or {@code ~user} expanded; {@code via} looks up another user's home. */
    public static String expand(String path, String home, HostConnection via) throws ModuleException {
        if (path == null || path.isBlank()) {
            throw new ModuleException("the path is empty");
        }
        if (path.equals("~")) {
            return home;
        }
        if (path.startsWith("~/")) {
            return home.endsWith("/") ? home + path.substring(2) : home + path.substring(1);
        }
        if (!path.startsWith("~")) {
            return path;
        }
        int slash = path.indexOf('/');
        String user = path.substring(1, slash < 0 ? path.length() : slash);
        if (!USER.matcher(user).matches()) {
            return path;
        }
        String userHome = userHome(user, via);
        return userHome == null ? path : userHome + (slash < 0 ? "" : path.substring(slash));
    }

    /** {@code user}'s home folder as the host's shell expands {@code ~user}, or null when it has no such user. */
    private static String userHome(String user, HostConnection via) throws ModuleException {
        try {
            // the name was checked above: the shell sees ~ and a plain word, nothing it could run
            Execution done = via.run(new CommandLine(List.of("/bin/sh", "-c", "eval \"printf '%s' ~$1\"", "sh", user), null, null, Map.of()));
            return done.rc() == 0 && done.stdout().startsWith("/") ? done.stdout() : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModuleException("interrupted while looking up the home folder of " + user + " on " + via.describe());
        }
    }
}
