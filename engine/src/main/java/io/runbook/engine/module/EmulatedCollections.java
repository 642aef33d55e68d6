package io.runbook.engine.module;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The collections whose modules the engine's own modules stand for, and the full names those answer to. */
final class EmulatedCollections {
    /**
     * The collections whose modules of these names the engine's own modules are (kubernetes.core's as the engine's
     * {@code k8s}, {@code helm}...): under the {@code collections:} keyword a short name of theirs stays the engine's.
     */
    static final Map<String, Set<String>> EMULATED = Map.of(
            "kubernetes.core", Set.of("helm", "helm_info", "helm_pull", "helm_repository", "helm_template", "k8s",
                    "k8s_cluster_info", "k8s_drain", "k8s_exec", "k8s_info", "k8s_json_patch", "k8s_log", "k8s_rollback",
                    "k8s_scale", "k8s_service", "k8s_taint"),
            "community.general", Set.of("mail", "nsupdate"));
    /** Collections of {@link #EMULATED} by an earlier name whose modules redirect to them (kubernetes.core's before 2.0). */
    private static final Map<String, String> FORMER_NAMES = Map.of("community.kubernetes", "kubernetes.core");

    private EmulatedCollections() {
    }

    /**
     * Whether {@code collection}'s module {@code shortName} is the engine's own: ansible-core's ({@code ansible.builtin},
     * {@code ansible.legacy}), the collections of {@link #EMULATED}, also by their {@link #FORMER_NAMES}.
     */
    static boolean standsFor(String collection, String shortName) {
        if (collection.equals("ansible.builtin") || collection.equals("ansible.legacy")) {
            return true;
        }
        Set<String> emulated = EMULATED.get(FORMER_NAMES.getOrDefault(collection, collection));
        return emulated != null && emulated.contains(shortName);
    }

    /**
     * The full names an own module {@code shortName} answers to, the collections it stands for first
     * ({@code kubernetes.core.k8s}, {@code community.kubernetes.k8s}, then {@code ansible.builtin.k8s}).
     */
    static List<String> fullNames(String shortName) {
        List<String> names = new ArrayList<>();
        EMULATED.forEach((collection, modules) -> {
            if (modules.contains(shortName)) {
                names.add(collection + "." + shortName);
                FORMER_NAMES.forEach((former, now) -> {
                    if (now.equals(collection)) {
                        names.add(former + "." + shortName);
                    }
                });
            }
        });
        names.add("ansible.builtin." + shortName);
        return names;
    }
}
