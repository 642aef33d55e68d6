package io.runbook.modules.connection;

import io.runbook.engine.module.ModuleException;

/** {@code ~} and {@code ~/x} in a path given by a task: the login user's home. */
final class HomePath {
    private HomePath() {
    }

    static String expand(String path, String home) throws ModuleException {
        if (path == null || path.isBlank()) {
            throw new ModuleException("the path is empty");
        }
        if (path.equals("~")) {
            return home;
        }
        if (path.startsWith("~/")) {
            return home.endsWith("/") ? home + path.substring(2) : home + path.substring(1);
        }
        if (path.startsWith("~")) {
            throw new ModuleException("path " + path + ": ~user is not supported; write the folder out");
        }
        return path;
    }
}
