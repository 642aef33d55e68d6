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
        String config = setting(ctx.processEnvironment(), REPOSITORY_CONFIG);
        return config != null ? Path.of(config) : folder(ctx.processEnvironment(), "HELM_CONFIG_HOME", "XDG_CONFIG_HOME", ".config").resolve("repositories.yaml");
    }

    /**
     * Where Helm keeps the repositories' downloaded indexes: {@code HELM_REPOSITORY_CACHE}, else {@code repository} in
     * {@code HELM_CACHE_HOME}, {@code $XDG_CACHE_HOME/helm} or {@code ~/.cache/helm}, found as {@link #repositoryConfig}.
     */
    static Path repositoryCache(ModuleContext ctx) {
        String cache = setting(ctx.processEnvironment(), "HELM_REPOSITORY_CACHE");
        return cache != null ? Path.of(cache) : folder(ctx.processEnvironment(), "HELM_CACHE_HOME", "XDG_CACHE_HOME", ".cache").resolve("repository");
    }

    /** Helm's folder of one kind: {@code helmHome}, else {@code helm} in {@code xdgHome} or in {@code ~/underHome}. */
    private static Path folder(Map<String, String> env, String helmHome, String xdgHome, String underHome) {
        String home = setting(env, helmHome);
        if (home != null) {
            return Path.of(home);
        }
        String xdg = setting(env, xdgHome);
        return (xdg != null ? Path.of(xdg) : Path.of(io.runbook.engine.vars.HomeDir.of(env), underHome)).resolve("helm");
    }

    private static String setting(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isEmpty() ? null : value;
    }
}
