package io.runbook.engine.playbook;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The action groups {@code module_defaults} may name ({@code group/k8s}, {@code group/kubernetes.core.helm}), as
 * ansible-core 2.14 resolves them: a name that is not fully qualified is ansible-core's own ({@code ansible.builtin.}),
 * the collections keyword does not count. ansible-core's groups (most only extend other collections' groups) and
 * kubernetes.core's two (its {@code meta/runtime.yml}); each with the engine's actions among its members — the
 * kubernetes.core modules the engine runs, and {@code ping} of ansible-core's test group. Other collections'
 * groups are unknown here, as the engine loads no collection.
 */
final class ActionGroups {
    private static final Set<String> K8S = Set.of("k8s", "k8s_exec", "k8s_info", "k8s_log", "k8s_scale", "k8s_service",
            "k8s_cp", "k8s_drain");
    private static final Map<String, Set<String>> MEMBERS = Map.ofEntries(
            Map.entry("ansible.builtin.testgroup", Set.of("ping")),
            // extends community.kubernetes.k8s, which routes to kubernetes.core's
            Map.entry("ansible.builtin.k8s", K8S),
            Map.entry("kubernetes.core.k8s", K8S),
            Map.entry("kubernetes.core.helm", Set.of("helm", "helm_info", "helm_repository")));
    private static final List<String> OTHERS = List.of("testlegacy", "aws", "acme", "azure", "cpm", "docker", "gcp", "os",
            "ovirt", "vmware");

    private ActionGroups() {
    }

    /** The group's fully qualified name, as ansible-core's {@code _resolve_group}: {@code k8s} is {@code ansible.builtin.k8s}. */
    static String qualified(String written) {
        return written.matches("\\w+\\.\\w+\\.\\w[\\w.]*") ? written : "ansible.builtin." + written;
    }

    static boolean known(String qualified) {
        return MEMBERS.containsKey(qualified)
                || qualified.startsWith("ansible.builtin.") && OTHERS.contains(qualified.substring("ansible.builtin.".length()));
    }

    /** Whether the engine's action (its short name) is one of the group's. */
    static boolean contains(String qualified, String action) {
        return MEMBERS.getOrDefault(qualified, Set.of()).contains(action);
    }

    /** Why a group is not known, with the nearest known name when there is one. */
    static String hint(String qualified) {
        List<String> all = new java.util.ArrayList<>(MEMBERS.keySet());
        OTHERS.forEach(g -> all.add("ansible.builtin." + g));
        String near = io.runbook.engine.error.Suggestions.didYouMean(qualified, all);
        return near != null ? near : "the engine knows ansible-core's action groups (k8s, aws, docker, …) and kubernetes.core's "
                + "k8s and helm";
    }
}
