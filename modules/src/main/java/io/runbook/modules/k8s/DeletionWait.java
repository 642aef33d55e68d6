package io.runbook.modules.k8s;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.runbook.engine.module.Progress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Waits, by watching, until named objects are gone, for modules outside this package ({@code helm_release state:
 * absent}). The same wait as {@code k8s_apply state: absent}: a lost API server ends it with {@link ApiLost}
 * within seconds (the host is unreachable), never with "still present" at the deadline.
 */
public final class DeletionWait {
    private DeletionWait() {
    }

    /**
     * The labels ({@code Kind namespace/name}) of the objects still present when {@code timeout} ran out; empty when
     * all are gone. An object that names no namespace is in {@code defaultNamespace} when its kind is namespaced; a kind
     * the server no longer serves has no objects left.
     */
    public static List<String> await(ClusterConnection conn, List<ObjectRef> targets, String defaultNamespace, Duration timeout,
                                     Progress progress, String what) throws InterruptedException {
        try (ObjectWait watch = new ObjectWait(conn)) {
            for (ObjectRef t : targets) {
                Optional<ResourceDefinitionContext> kind = conn.resolve(t.apiVersion(), t.kind(), false);
                if (kind.isEmpty()) {
                    continue;
                }
                String namespace = kind.get().isNamespaceScoped() ? (t.namespace() == null ? defaultNamespace : t.namespace()) : null;
                try {
                    watch.named(kind.get(), namespace, t.name(), new ObjectRef(t.apiVersion(), t.kind(), namespace, t.name()).label());
                } catch (KubernetesClientException e) {
                    if (e.getCode() != 404) {
                        throw e;
                    }
                }
            }
            return new ArrayList<>(watch.untilGone(timeout, progress, what).pending().keySet());
        }
    }
}
