package io.runbook.modules.k8s;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import java.util.concurrent.CompletionException;

/**
 * What every Kubernetes module does around its own work: find the host's cluster connection and turn
 * client failures into an unreachable host (with the API address and cause) or a failed task.
 */
abstract class K8sModule implements Module {
    @Override
    public final Result run(ModuleContext ctx) throws ModuleException, InterruptedException {
        ClusterConnection conn = connect(ctx);
        try {
            Result result = run(ctx, conn);
            // a module whose connection's check waited for its first answer, and that sent no request, checks now
            conn.requireKubernetesApi();
            return result;
        } catch (ClusterConnection.Unusable e) {
            throw e.failure;
        } catch (ApiFailure.ObjectFailure e) {
            throw new ModuleException(e.getMessage(), e.getCause());
        } catch (KubernetesClientException e) {
            throw ApiFailure.translate(conn, e);
        } catch (CompletionException e) {
            if (e.getCause() instanceof KubernetesClientException k) {
                throw ApiFailure.translate(conn, k);
            }
            throw ApiFailure.translate(conn, e);
        }
    }

    abstract Result run(ModuleContext ctx, ClusterConnection conn) throws ModuleException, InterruptedException;

    /**
     * The host's cluster connection, checked to be a Kubernetes API ({@link ClusterConnection#of}); a module whose
     * requests go through {@link ClusterConnection#requests()} may let its first answer prove that instead.
     */
    ClusterConnection connect(ModuleContext ctx) throws ModuleException, InterruptedException {
        return ClusterConnection.of(ctx);
    }
}
