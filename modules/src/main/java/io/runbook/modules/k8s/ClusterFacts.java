package io.runbook.modules.k8s;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.VersionInfo;
import io.runbook.engine.module.FactSource;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The facts of a cluster host (one with {@code kubeconfig} or {@code kube_context}): {@code kube_version} (and
 * {@code kube_version_info}), {@code kube_api_groups} and {@code kube_platform} from two requests ({@code /version}
 * and {@code /apis}, the latter kept in the run's discovery cache the modules use anyway). With
 * {@code gather_subset: hardware} written out, one more request adds {@code kube_nodes} (the node count) and
 * refines the platform from the nodes' provider IDs.
 */
public final class ClusterFacts implements FactSource {
    @Override
    public boolean handles(ModuleContext ctx) {
        Map<String, Object> vars = ctx.connectionVars();
        return present(vars.get("kubeconfig")) || present(vars.get("kube_context"));
    }

    private static boolean present(Object v) {
        return v != null && !String.valueOf(v).isBlank();
    }

    @Override
    public Map<String, Object> gather(ModuleContext ctx, Set<String> subsets) throws ModuleException, InterruptedException {
        ClusterConnection conn = ClusterConnection.of(ctx);
        Map<String, Object> facts = new LinkedHashMap<>();
        try {
            VersionInfo version = conn.client().getKubernetesVersion();
            List<String> groups = conn.discovery().apiGroups();
            facts.put("kube_version", version.getGitVersion());
            facts.put("kube_version_info", Map.of("major", version.getMajor(), "minor", version.getMinor(),
                    "git_version", version.getGitVersion(), "platform", String.valueOf(version.getPlatform())));
            facts.put("kube_api_groups", groups);
            facts.put("kube_server", conn.apiAddress());
            String platform = Platform.of(version.getGitVersion(), groups);
            if (explicitlyAsked(ctx, "hardware")) {
                List<Node> nodes = conn.client().nodes().list().getItems();
                facts.put("kube_nodes", nodes.size());
                platform = Platform.refine(platform, nodes);
            }
            facts.put("kube_platform", platform);
        } catch (KubernetesClientException e) {
            throw ApiFailure.translate(conn, e);
        }
        return facts;
    }

    private static boolean explicitlyAsked(ModuleContext ctx, String subset) {
        return ctx.args().list("gather_subset").stream().map(String::valueOf).anyMatch(subset::equals);
    }
}
