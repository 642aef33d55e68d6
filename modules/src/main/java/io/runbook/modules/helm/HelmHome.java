package io.runbook.modules.helm;

import io.runbook.engine.module.ModuleContext;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the user's Helm keeps its chart repositories, found as the helm CLI finds it: {@code HELM_REPOSITORY_CONFIG},
 * else {@code repositories.yaml} in {@code HELM_CONFIG_HOME}, else in {@code $XDG_CONFIG_HOME/helm}, else in
 * {@code ~/.config/helm} with {@code HOME} (Go's os.UserHomeDir). The task's {@code environment:} comes before the engine's, as it would for a helm binary
 * that kubernetes.core runs, so {@code helm_repository} and a later {@code helm} task with {@code repo/chart} read
 * the same file.
 */
final class HelmHome {
    static final String REPOSITORY_CONFIG = "HELM_REPOSITORY_CONFIG";

    private HelmHome() {
    }

    static Path repositoryConfig(ModuleContext ctx) {
        Map<String, String> task = ctx.environment();
        String config = setting(task, REPOSITORY_CONFIG);
        if (config != null) {
            return Path.of(config);
        }
        String home = setting(task, "HELM_CONFIG_HOME");
        if (home == null) {
            String xdg = setting(task, "XDG_CONFIG_HOME");
            home = (xdg != null ? Path.of(xdg) : Path.of(io.runbook.engine.vars.HomeDir.forTask(task), ".config")).resolve("helm").toString();
        }
        return Path.of(home, "repositories.yaml");
    }

    /**
     * Where Helm keeps the repositories' downloaded indexes: {@code HELM_REPOSITORY_CACHE}, else {@code repository} in
     * {@code HELM_CACHE_HOME}, {@code $XDG_CACHE_HOME/helm} or {@code ~/.cache/helm}, found as {@link #repositoryConfig}.
     */
    static Path repositoryCache(ModuleContext ctx) {
        Map<String, String> task = ctx.environment();
        String cache = setting(task, "HELM_REPOSITORY_CACHE");
        if (cache != null) {
            return Path.of(cache);
        }
        String home = setting(task, "HELM_CACHE_HOME");
        if (home == null) {
            String xdg = setting(task, "XDG_CACHE_HOME");
            home = (xdg != null ? Path.of(xdg) : Path.of(io.runbook.engine.vars.HomeDir.forTask(task), ".cache")).resolve("helm").toString();
        }
        return Path.of(home, "repository");
    }

    private static String setting(Map<String, String> task, String name) {
        String value = task.getOrDefault(name, System.getenv(name));
        return value == null || value.isEmpty() ? null : value;
    }
}
