package io.runbook.modules.helm;

import io.runbook.engine.module.Progress;
import io.runbook.modules.k8s.ClusterConnection;
import io.runbook.modules.k8s.DeletionWait;
import io.runbook.modules.k8s.ObjectRef;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code state: absent} with {@code wait}: after Helm uninstalls, waits (by watching) until every object of the
 * release's manifest is really gone, so that a following install does not meet objects that are still terminating.
 * An API server lost meanwhile ends the wait at once with {@link io.runbook.modules.k8s.ApiLost} (the host is
 * unreachable), as every other wait does.
 */
final class ReleaseDeletion {
    private ReleaseDeletion() {
    }

    /** The objects still present when the time ran out ({@code Kind namespace/name}); empty when all are gone. */
    static List<String> await(ClusterConnection conn, String namespace, String manifest, Duration timeout, Progress progress)
            throws InterruptedException {
        List<ObjectRef> objects = ReleaseManifest.objects(manifest).stream().filter(o -> !kept(o)).map(ObjectRef::of).toList();
        return DeletionWait.await(conn, objects, namespace, timeout, progress,
                namespace + ": waiting for the release's " + objects.size() + " objects to be deleted");
    }

    /** Helm leaves objects annotated {@code helm.sh/resource-policy: keep} in place when it uninstalls. */
    private static boolean kept(Map<String, Object> object) {
        return object.get("metadata") instanceof Map<?, ?> meta && meta.get("annotations") instanceof Map<?, ?> annotations
                && "keep".equals(String.valueOf(annotations.get("helm.sh/resource-policy")));
    }
}
