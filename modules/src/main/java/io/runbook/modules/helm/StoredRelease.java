package io.runbook.modules.helm;

import java.util.Map;

/**
 * One revision of a release as Helm stored it (a {@code sh.helm.release.v1.NAME.vN} Secret): its status,
 * chart, the user-supplied values ({@code config}), the rendered manifest, the description (where this
 * module records the chart's content digest) and when it was deployed ({@code lastDeployed}, RFC 3339 as Helm
 * stores it; null when not recorded).
 */
record StoredRelease(String name, String namespace, int revision, String status, String chartName,
                     String chartVersion, String appVersion, String description, Map<String, Object> config,
                     String manifest, String secretName, String lastDeployed) {

    /** {@code name-version}, as Helm shows a chart. */
    String chart() {
        return chartName + "-" + chartVersion;
    }

    /** Helm refuses new operations while a revision is pending; a failed one needs a decision too. */
    boolean stuck() {
        return status.startsWith("pending-") || status.equals("failed") || status.equals("uninstalling");
    }

    boolean deployed() {
        return status.equals("deployed");
    }

    boolean uninstalled() {
        return status.equals("uninstalled");
    }
}
