package io.runbook.modules.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;

/**
 * A release whose newest revision is {@code pending-install}, {@code pending-upgrade},
 * {@code pending-rollback}, {@code uninstalling} or {@code failed}: Helm refuses new operations on a pending
 * one ("another operation is in progress"), so the task's {@code stuck} policy decides. This class says what
 * is wrong in one line and builds what a rollback needs.
 */
record StuckRelease(StoredRelease stuck, StoredRelease lastDeployed) {

    /** The one-line report, with revision, status, chart and the way out. */
    String report() {
        String base = "release " + stuck.namespace() + "/" + stuck.name() + " is stuck: revision " + stuck.revision()
                + " (" + stuck.chart() + ") is " + stuck.status()
                + (stuck.description().isBlank() ? "" : " (\"" + firstLine(stuck.description()) + "\")")
                + (lastDeployed == null ? "; no earlier revision is deployed"
                : "; last deployed is revision " + lastDeployed.revision() + " (" + lastDeployed.chart() + ")");
        String why = stuck.status().equals("failed") ? ". Its last operation failed and deploying over it needs a decision"
                : ". Helm refuses new operations on it (\"another operation is in progress\")";
        String way = lastDeployed == null ? ". Set stuck: uninstall to remove the release and install it again"
                : ". Set stuck: rollback to return to revision " + lastDeployed.revision()
                + " and continue, or stuck: uninstall to remove the release and install it again";
        return base + why + way;
    }

    /** Why a rollback is impossible: nothing was ever deployed. */
    String noRollbackTarget() {
        return "release " + stuck.namespace() + "/" + stuck.name() + " is stuck: revision " + stuck.revision() + " ("
                + stuck.chart() + ") is " + stuck.status() + " and no earlier revision was deployed, so there is nothing"
                + " to roll back to; use stuck: uninstall to remove it and install again";
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
