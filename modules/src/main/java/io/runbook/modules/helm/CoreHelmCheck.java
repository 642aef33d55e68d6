package io.runbook.modules.helm;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * kubernetes.core.helm's changed rule without the helm-diff plugin ({@code default_check}): a deployed release is
 * upgraded when {@code force} is set, or its chart ({@code name-version}), its chart's appVersion (local charts) or
 * its user-supplied values differ from the task's. Unlike helm_release, a local chart's content under the same
 * version is not compared (kubernetes.core does not). The values compared are the merged values Helm would store
 * (values_files, then release_values, then set_values), where kubernetes.core compares only the values files when
 * there are any (and so reports a change on every run when release_values or set_values add to them).
 */
final class CoreHelmCheck {
    private CoreHelmCheck() {
    }

    static ReleasePlan decide(StoredRelease deployed, ReleasePlan.Desired desired, boolean force) {
        if (deployed == null) {
            return new ReleasePlan(ReleasePlan.Action.INSTALL, List.of("no deployed release"));
        }
        List<String> reasons = new ArrayList<>();
        if (force) {
            reasons.add("force: true");
        }
        if (desired.chartVersion() == null) {
            reasons.add("chart version unknown (a repository chart without chart_version or chart_repo_url): cannot tell whether "
                    + deployed.chart() + " is current");
        } else if (!deployed.chart().equals(desired.chartName() + "-" + desired.chartVersion())) {
            reasons.add("chart " + deployed.chart() + " → " + desired.chartName() + "-" + desired.chartVersion());
        }
        boolean local = desired.digest() != null;
        if (local && !Objects.equals(blankToNull(deployed.appVersion()), blankToNull(desired.appVersion()))) {
            reasons.add("app version " + deployed.appVersion() + " → " + desired.appVersion());
        }
        return ReleasePlan.withValues(deployed, desired, reasons);
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
