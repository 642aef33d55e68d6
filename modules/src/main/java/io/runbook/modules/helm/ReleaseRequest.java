package io.runbook.modules.helm;

import io.runbook.engine.error.UserError;
import io.runbook.engine.module.Args;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.modules.k8s.ClusterTarget;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A {@code helm_release} (or {@code helm}, see {@link CoreHelmRequest}) task's arguments, resolved: which release, which chart, which values, how. */
record ReleaseRequest(String name, String namespace, boolean present, ChartSource chart,
                      Map<String, Object> values, boolean createNamespace, boolean waitReady, int timeoutSeconds,
                      boolean atomic, StuckPolicy stuck, boolean returnManifest, int historyMax, HelmFlags flags) {

    enum StuckPolicy { FAIL, ROLLBACK, UNINSTALL }

    static ReleaseRequest from(ModuleContext ctx, ClusterTarget target) throws ModuleException {
        Args args = ctx.args();
        String namespace = args.string("namespace") != null ? args.string("namespace") : target.namespaceOrDefault();
        boolean present = "present".equals(args.string("state"));
        ChartSource chart = null;
        Map<String, Object> values = Map.of();
        if (present) {
            if (args.string("chart") == null) {
                throw new UserError(args.position("state"), "helm_release needs 'chart' when state is present");
            }
            chart = ChartSource.of(args.string("chart"), args.string("version"), args.string("repo_url"), ctx.workDir(),
                    io.runbook.engine.vars.HomeDir.of(ctx.processEnvironment()));
            if (chart.kind() == ChartSource.Kind.REPOSITORY && !args.string("chart").contains("/")) {
                throw new UserError(args.position("chart"), "chart '" + args.string("chart")
                        + "' is neither a folder or .tgz that exists (relative to " + ctx.workDir()
                        + ") nor a repo/chart or oci:// reference");
            }
            List<Path> files = args.list("values_files").stream().map(o -> (Path) o).toList();
            values = ReleaseValues.merge(ctx, files, args.map("values"), args.map("set"));
        }
        return new ReleaseRequest(args.string("name"), namespace, present, chart, values, args.bool("create_namespace"),
                args.bool("wait") || args.bool("atomic"), timeoutSeconds(args.duration("timeout")),
                args.bool("atomic"), StuckPolicy.valueOf(args.string("stuck").toUpperCase(java.util.Locale.ROOT)),
                args.bool("return_manifest"), historyMax(args.integer("history_max")), HelmFlags.NONE);
    }

    ReleaseRequest withChart(ChartSource other) {
        return new ReleaseRequest(name, namespace, present, other, values, createNamespace, waitReady, timeoutSeconds, atomic,
                stuck, returnManifest, historyMax, flags);
    }

    /** Helm's {@code --history-max}: 10 unless given; 0 keeps every revision. */
    static int historyMax(Integer given) {
        return given == null ? 10 : Math.max(0, given);
    }

    /** A timeout as Helm takes it: whole seconds, at least one. */
    static int timeoutSeconds(java.time.Duration timeout) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toSeconds()));
    }

    /** {@code namespace/name}, for messages. */
    String describe() {
        return namespace + "/" + name;
    }
}
