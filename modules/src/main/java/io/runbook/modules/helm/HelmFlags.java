package io.runbook.modules.helm;

/**
 * Helm options that only kubernetes.core.helm's arguments set ({@code helm_release} keeps Helm's defaults):
 * {@code --force} on upgrade, {@code --skip-crds}, {@code --dependency-update}, and on uninstall
 * {@code --keep-history} ({@code purge: false}) and {@code --no-hooks}.
 */
record HelmFlags(boolean force, boolean skipCrds, boolean dependencyUpdate, boolean keepHistory, boolean noHooks) {
    static final HelmFlags NONE = new HelmFlags(false, false, false, false, false);
}
