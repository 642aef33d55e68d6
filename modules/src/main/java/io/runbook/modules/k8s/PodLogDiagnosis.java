package io.runbook.modules.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Set;

/**
 * Why pods that are not ready fail, from their own logs: the latest lines of each container, sorted into the
 * {@link LogCategory default categories} (database and Elasticsearch errors, TLS, unreachable, tokens), so a wait
 * that fails says "Postgres refuses the credentials" instead of only "CrashLoopBackOff".
 */
final class PodLogDiagnosis {
    /** Lines read from the end of each container's log. */
    private static final int TAIL = 20;

    private PodLogDiagnosis() {
    }

    /** The classification of the latest lines of every container of the pods named; logs that cannot be read are skipped. */
    static LogClassification of(ClusterConnection conn, String namespace, Set<String> podNames) {
        LogClassification out = new LogClassification(LogCategory.defaults(), List.of(), 2);
        for (String name : podNames) {
            try {
                Pod pod = conn.client().pods().inNamespace(namespace).withName(name).get();
                if (pod == null) {
                    continue;
                }
                for (Container c : pod.getSpec().getContainers()) {
                    String text = conn.client().pods().inNamespace(namespace).withName(name).inContainer(c.getName())
                            .tailingLines(TAIL).getLog();
                    if (text != null) {
                        text.lines().forEach(line -> out.add(PodDiagnosis.shortName(conn.toMap(pod)) + "/" + c.getName(), line));
                    }
                }
            } catch (KubernetesClientException e) {
                if (ApiFailure.isConnectivity(e)) {
                    throw e;
                }
                // a log that cannot be read (container not started) says nothing
            }
        }
        return out;
    }

    /** Whether any of {@code categories} was found. */
    static boolean shows(LogClassification c, List<String> categories) {
        return c.found().stream().anyMatch(f -> categories.contains(f.name()));
    }
}
