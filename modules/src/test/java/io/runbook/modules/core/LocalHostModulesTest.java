package io.runbook.modules.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The host modules on {@code ansible_connection: local}: the controller itself. */
class LocalHostModulesTest extends HostModulesContract {
    @Override
    Map<String, Object> connectionVars() {
        return Map.of("ansible_connection", "local");
    }

    @Override
    Path hostFolder() throws Exception {
        return Files.createDirectories(controller.resolve("host")).toRealPath();
    }

    @Override
    String loginUser() {
        return System.getProperty("user.name");
    }
}
