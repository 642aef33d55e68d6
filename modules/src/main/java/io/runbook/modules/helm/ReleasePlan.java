package io.runbook.modules.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The changed rule: what this run must do to a release, and why. No deployed release → install. Otherwise
 * upgrade when the chart name, version or content digest, or the user-supplied values, differ from what is
 * deployed; else nothing. The content digest of what this module deploys is kept in the revision's
 * description ({@code chart content sha256:…}), which Helm stores with the release and shows in
 * {@code helm history}.
 */
record ReleasePlan(Action action, List<String> reasons) {
    enum Action { INSTALL, UPGRADE, NONE }

    private static final Pattern DIGEST = Pattern.compile("chart content (sha256:[0-9a-f]+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What this run would deploy: chart identity (digest and appVersion null for remote charts) and user values. */
    record Desired(String chartName, String chartVersion, String digest, Map<String, Object> values, String appVersion) {
        Desired(String chartName, String chartVersion, String digest, Map<String, Object> values) {
            this(chartName, chartVersion, digest, values, null);
        }
    }

    /** A module's changed rule: what must be done to go from the deployed release (null: none) to the desired one. */
    interface Rule {
        ReleasePlan decide(StoredRelease deployed, Desired desired);
    }

    static ReleasePlan decide(StoredRelease deployed, Desired desired) {
        if (deployed == null) {
            return new ReleasePlan(Action.INSTALL, List.of("no deployed release"));
        }
        List<String> reasons = new ArrayList<>();
        if (!Objects.equals(deployed.chartName(), desired.chartName())) {
            reasons.add("chart " + deployed.chartName() + " → " + desired.chartName());
        }
        if (desired.chartVersion() == null) {
            reasons.add("chart version not pinned: cannot tell whether " + deployed.chart() + " is current");
        } else if (!Objects.equals(deployed.chartVersion(), desired.chartVersion())) {
            reasons.add("chart version " + deployed.chartVersion() + " → " + desired.chartVersion());
        }
        if (desired.digest() != null && reasons.isEmpty()) {
            String recorded = recordedDigest(deployed.description());
            if (recorded == null) {
                reasons.add("chart content of revision " + deployed.revision() + " unknown (last deployed outside this module)");
            } else if (!recorded.equals(desired.digest())) {
                reasons.add("chart content changed under the same version (" + recorded + " → " + desired.digest() + ")");
            }
        }
        return withValues(deployed, desired, reasons);
    }

    /** The plan for {@code reasons} found so far plus, when the values differ, the paths that do (never the values). */
    static ReleasePlan withValues(StoredRelease deployed, Desired desired, List<String> reasons) {
        if (!sameValues(deployed.config(), desired.values())) {
            List<String> paths = changedPaths(deployed.config(), desired.values());
            reasons.add("values changed: " + String.join(", ", paths.subList(0, Math.min(5, paths.size())))
                    + (paths.size() > 5 ? " and " + (paths.size() - 5) + " more" : ""));
        }
        return reasons.isEmpty() ? new ReleasePlan(Action.NONE, List.of()) : new ReleasePlan(Action.UPGRADE, reasons);
    }

    /** The description this module gives a revision it deploys. */
    static String description(String what, String digest) {
        return digest == null ? what : what + "; chart content " + digest;
    }

    static String recordedDigest(String description) {
        Matcher m = DIGEST.matcher(description == null ? "" : description);
        return m.find() ? m.group(1) : null;
    }

    /** Equal as Helm stores them: through JSON, with numbers compared by value (Helm keeps 1.0 as 1). */
    static boolean sameValues(Map<String, Object> stored, Map<String, Object> wanted) {
        JsonNode a = JSON.valueToTree(stored == null ? Map.of() : stored);
        JsonNode b = JSON.valueToTree(wanted == null ? Map.of() : wanted);
        return a.equals(NUMBERS_BY_VALUE, b);
    }

    /** The dotted paths whose values differ (never the values: they may be secrets), sorted. */
    static List<String> changedPaths(Map<String, Object> stored, Map<String, Object> wanted) {
        List<String> out = new ArrayList<>();
        collectChanges("", JSON.valueToTree(stored == null ? Map.of() : stored), JSON.valueToTree(wanted == null ? Map.of() : wanted), out);
        java.util.Collections.sort(out);
        return out;
    }

    private static void collectChanges(String path, JsonNode a, JsonNode b, List<String> out) {
        if (a != null && b != null && a.isObject() && b.isObject()) {
            java.util.Set<String> keys = new java.util.TreeSet<>();
            a.fieldNames().forEachRemaining(keys::add);
            b.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                collectChanges(path.isEmpty() ? k : path + "." + k, a.get(k), b.get(k), out);
            }
        } else if (a == null || b == null || !a.equals(NUMBERS_BY_VALUE, b)) {
            out.add(path);
        }
    }

    private static final java.util.Comparator<JsonNode> NUMBERS_BY_VALUE = (x, y) -> {
        if (x.isNumber() && y.isNumber()) {
            return x.decimalValue().compareTo(y.decimalValue());
        }
        return x.equals(y) ? 0 : 1;
    };

    boolean changes() {
        return action != Action.NONE;
    }
}
