package io.runbook.modules.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;

/**
 * A release whose newest revision is {@code pending-install}, {@code pending-upgrade},
 * {@code pending-rollback}, {@code uninstalling} or {@code failed}: Helm refuses new operations on a pending
 * one ("another operation is in progress"), so the task's {@code stuck} policy decides. This class says what
 * is wrong in one line and builds what a rollback needs.
 *
 * <p>A release none of whose revisions was ever deployed (a first install that crashed or was stopped) has
 * nothing to keep and nothing to roll back to: rolling it back means removing it, as {@code helm install
 * --atomic} does, so {@code stuck: rollback} uninstalls it and installs again.
 */
record StuckRelease(StoredRelease stuck, StoredRelease lastDeployed, boolean everDeployed) {

    /** The stuck newest revision of {@code history} (oldest first), with what was deployed before it. */
    static StuckRelease of(List<StoredRelease> history) {
        boolean ever = history.stream().anyMatch(r -> r.deployed() || r.status().equals("superseded"));
        return new StuckRelease(history.get(history.size() - 1), ReleaseStorage.lastDeployed(history), ever);
    }

    /** What the task does with this release under {@code policy}. */
    ReleaseRequest.StuckPolicy effective(ReleaseRequest.StuckPolicy policy) {
        return policy == ReleaseRequest.StuckPolicy.ROLLBACK && lastDeployed == null && !everDeployed
                ? ReleaseRequest.StuckPolicy.UNINSTALL : policy;
    }

    /** What the next run of a task with {@code policy} will do about this release, for messages. */
    String nextRun(ReleaseRequest.StuckPolicy policy) {
        return switch (effective(policy)) {
            case FAIL -> "the next run stops here until the task sets stuck: rollback or stuck: uninstall";
            case ROLLBACK -> lastDeployed == null ? "the next run stops here: nothing deployed to roll back to (stuck: uninstall)"
                    : "the next run rolls back to revision " + lastDeployed.revision() + " and deploys again (stuck: rollback)";
            case UNINSTALL -> everDeployed ? "the next run uninstalls it and installs again (stuck: uninstall)"
                    : "it was never deployed, so the next run uninstalls it and installs again (stuck: " + policy.name().toLowerCase(java.util.Locale.ROOT) + ")";
        };
    }

    /** The one-line report, with revision, status, chart and the way out. */
    String report() {
        String base = "release " + stuck.namespace() + "/" + stuck.name() + " is stuck: revision " + stuck.revision()
                + " (" + stuck.chart() + ") is " + stuck.status()
                + (stuck.description().isBlank() ? "" : " (\"" + firstLine(stuck.description()) + "\")")
                + (lastDeployed == null ? "; no earlier revision is deployed"
                : "; last deployed is revision " + lastDeployed.revision() + " (" + lastDeployed.chart() + ")");
        String why = stuck.status().equals("failed") ? ". Its last operation failed and deploying over it needs a decision"
                : ". Helm refuses new operations on it (\"another operation is in progress\")";
        String way = lastDeployed == null ? (everDeployed ? ". Set stuck: uninstall" : ". Set stuck: rollback or stuck: uninstall")
                + " to remove the release and install it again"
                : ". Set stuck: rollback to return to revision " + lastDeployed.revision()
                + " and continue, or stuck: uninstall to remove the release and install it again";
        return base + why + way;
    }

    /** Why a rollback is impossible: no revision is deployed now, though one was once. */
    String noRollbackTarget() {
        return "release " + stuck.namespace() + "/" + stuck.name() + " is stuck: revision " + stuck.revision() + " ("
                + stuck.chart() + ") is " + stuck.status() + " and no revision is deployed now, so there is nothing"
                + " to roll back to; use stuck: uninstall to remove it and install again";
    }

    /** Why the release is uninstalled under {@code stuck: rollback}. */
    String neverDeployedNote() {
        return "revision " + stuck.revision() + " was " + stuck.status() + " and no revision was ever deployed (an install that"
                + " did not finish): uninstalled the unfinished release to install it again";
    }

    /** The description written on the stuck revision when it is marked failed. */
    String failedNote() {
        return "marked failed by helm_release (stuck: rollback): was " + stuck.status();
    }

    /**
     * The description of the rollback revision; it deploys exactly the last deployed revision's chart, values
     * and manifest, so it carries that revision's content digest too.
     */
    String rollbackNote() {
        return ReleasePlan.description("Rollback to " + lastDeployed.revision() + " (revision " + stuck.revision() + " was "
                + stuck.status() + ")", ReleasePlan.recordedDigest(lastDeployed.description()));
    }

    /**
     * A chart that renders exactly the last deployed revision's manifest, under that revision's chart name and
     * version: upgrading to it is what {@code helm rollback} does (the stored manifest applied again as a new
     * revision), which helm-java does not offer. The manifest is read through {@code .Files.Get}, so nothing
     * in it is templated again.
     */
    Path rollbackChart(Path dir) {
        try {
            Files.createDirectories(dir.resolve("templates"));
            Files.createDirectories(dir.resolve("files"));
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("apiVersion", "v2");
            meta.put("name", lastDeployed.chartName());
            meta.put("version", lastDeployed.chartVersion());
            if (lastDeployed.appVersion() != null) {
                meta.put("appVersion", lastDeployed.appVersion());
            }
            meta.put("description", "revision " + lastDeployed.revision() + " of " + lastDeployed.name() + ", restored by helm_release");
            Files.writeString(dir.resolve("Chart.yaml"), new Dump(DumpSettings.builder().build()).dumpToString(meta));
            Files.writeString(dir.resolve("files/manifest.yaml"), lastDeployed.manifest());
            Files.writeString(dir.resolve("templates/manifest.yaml"), "{{ .Files.Get \"files/manifest.yaml\" }}\n");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the rollback chart", e);
        }
    }

    private static String firstLine(String s) {
        return s.lines().findFirst().orElse("").trim();
    }
}
