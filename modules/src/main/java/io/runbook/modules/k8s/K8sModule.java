package io.runbook.modules.k8s;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import java.util.concurrent.CompletableFuture;
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
            try {
                // a module whose connection's check waited for its first answer, and that sent no request, checks now
                conn.requireKubernetesApi();
            } catch (RuntimeException e) {
                if (result.isLater()) {
                    result.rest().toCompletableFuture().cancel(true);  // its wait would hold its watch until its end
                }
                throw e;
            }
            return translated(conn, result);
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

    /**
     * A {@link Result#later} result whose failures are translated as a blocking run's are (a lost API server makes
     * the host unreachable); cancelling it cancels the module's own wait, which then releases its watch.
     */
    private static Result translated(ClusterConnection conn, Result r) {
        if (!r.isLater()) {
            return r;
        }
        CompletableFuture<Result> source = r.rest().toCompletableFuture();
        CompletableFuture<Result> out = source.handle((value, e) -> {
            if (e == null) {
                return value;
            }
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof ClusterConnection.Unusable u) {
                throw new CompletionException(u.failure);
            }
            if (cause instanceof ApiFailure.ObjectFailure f) {
                throw new CompletionException(new ModuleException(f.getMessage(), f.getCause()));
            }
            if (cause instanceof KubernetesClientException k) {
                throw new CompletionException(ApiFailure.translate(conn, k));
            }
            throw e instanceof CompletionException c ? c : new CompletionException(cause);
        });
        out.whenComplete((value, e) -> source.cancel(true));
        return Result.later(out);
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
