package io.runbook.modules.k8s;

import io.runbook.engine.error.UserError;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.vars.HomeDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The files a task's {@code kubeconfig} names (or {@code K8S_AUTH_KUBECONFIG}), as kubernetes.core 2.4.0 under
 * ansible-playbook finds them; several are separated by {@code :}. A task written with the collection's name of a
 * module that has an action plugin ({@code kubernetes.core.k8s_info}, …) has each file looked for on the controller
 * as {@code copy}'s {@code src} is (the role's and the play's {@code files/} first), one that is nowhere failing with
 * Ansible's {@code Could not find or access …}. Otherwise (a short name such as {@code k8s_info},
 * {@code kubernetes.core.k8s_json_patch} and {@code k8s_taint}, which have no plugin, and the environment variable) the
 * module's Python client reads them from the module's folder (the playbook's), leaving out those that are not there,
 * and fails with {@link #NO_CONFIGURATION} when none is.
 */
final class TaskKubeconfig {
    /** kubernetes.core 2.4.0's action plugins (its k8s_json_patch's is misnamed {@code ks8_json_patch}: it has none). */
    private static final Set<String> WITH_ACTION_PLUGIN = Set.of("k8s", "k8s_info", "k8s_cluster_info", "k8s_cp", "k8s_drain",
            "k8s_exec", "k8s_log", "k8s_rollback", "k8s_scale", "k8s_service", "helm", "helm_info", "helm_plugin",
            "helm_plugin_info", "helm_repository");
    private static final String COLLECTION = "kubernetes.core.";
    /** The kubernetes Python client's words, as kubernetes.core's module relays them. */
    static final String NO_CONFIGURATION = "Could not create API client: Invalid kube-config file. No configuration found.";

    private TaskKubeconfig() {
    }

    /**
     * The files {@code given} names, absolute and joined by {@code :}; {@code argument} when the task gives it (not the
     * environment variable). The lab's marker is kept as it is. A file not found is a
     * {@link ClusterConnection.ConfigProblem} with kubernetes.core's message.
     */
    static String files(ModuleContext ctx, String given, boolean argument, String home) {
        if (ClusterTarget.LAB.equals(given)) {
            return given;
        }
        String written = ctx.writtenAction();
        boolean actionPlugin = argument && written != null && written.startsWith(COLLECTION)
                && WITH_ACTION_PLUGIN.contains(written.substring(COLLECTION.length()));
        List<String> files = new ArrayList<>();
        for (String name : given.split(":")) {
            if (name.isBlank()) {
                continue;
            }
            if (actionPlugin) {
                try {
                    files.add(ctx.controllerFile("files", name).toString());
                } catch (UserError e) {
                    throw new ClusterConnection.ConfigProblem(e.cause());
                }
            } else {
                Path file = ctx.workDir().resolve(HomeDir.expand(name, home)).toAbsolutePath().normalize();
                if (Files.exists(file)) {
                    files.add(file.toString());
                }
            }
        }
        if (files.isEmpty()) {
            throw new ClusterConnection.ConfigProblem(NO_CONFIGURATION);
        }
        return String.join(":", files.stream().distinct().toList());
    }
}
