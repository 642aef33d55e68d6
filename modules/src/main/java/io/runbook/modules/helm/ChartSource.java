package io.runbook.modules.helm;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the chart comes from: a local directory, a local {@code .tgz}, {@code repo/chart} (with an optional
 * {@code repo_url}) or an {@code oci://} reference. Local charts are read by this module (name, version,
 * content digest); remote ones are fetched by Helm.
 */
record ChartSource(Kind kind, String reference, Path localPath, String version, String repoUrl) {
    enum Kind { DIRECTORY, ARCHIVE, REPOSITORY, OCI }

    /**
     * Resolves the {@code chart} argument: an existing path (relative to the task's folder) is local;
     * {@code oci://} is OCI; anything else is {@code repo/chart}. {@code ~} is {@code home} (the module's HOME, as
     * kubernetes.core's path argument expands it).
     */
    static ChartSource of(String chart, String version, String repoUrl, Path baseDir, String home) {
        if (chart.startsWith("oci://")) {
            return new ChartSource(Kind.OCI, chart, null, version, repoUrl);
        }
        Path path = Path.of(io.runbook.engine.vars.HomeDir.expand(chart, home));
        Path resolved = path.isAbsolute() ? path : baseDir.resolve(path);
        if (Files.isDirectory(resolved)) {
            return new ChartSource(Kind.DIRECTORY, chart, resolved.normalize(), version, repoUrl);
        }
        if (Files.isRegularFile(resolved)) {
            return new ChartSource(Kind.ARCHIVE, chart, resolved.normalize(), version, repoUrl);
        }
        return new ChartSource(Kind.REPOSITORY, chart, null, version, repoUrl);
    }

    ChartSource withVersion(String pinned) {
        return new ChartSource(kind, reference, localPath, pinned, repoUrl);
    }

    boolean isLocal() {
        return kind == Kind.DIRECTORY || kind == Kind.ARCHIVE;
    }

    /** The repository name of a {@code repo/chart} reference. */
    String repositoryName() {
        int slash = reference.indexOf('/');
        return slash > 0 ? reference.substring(0, slash) : reference;
    }

    /** How the chart reads in messages. */
    String describe() {
        return switch (kind) {
            case DIRECTORY, ARCHIVE -> localPath.toString();
            case REPOSITORY -> reference + (repoUrl == null ? "" : " from " + repoUrl) + (version == null ? "" : " version " + version);
            case OCI -> reference + (version == null ? "" : " version " + version);
        };
    }
}
