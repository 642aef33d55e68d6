package io.runbook.modules.k8s;

import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * kubernetes.core.k8s's {@code wait: true} over a task's definitions, as its run_module does it: each definition is
 * written, then waited for (its whole {@code wait_timeout}), before the next one is written. Each result has the seconds
 * its own wait took as {@code duration} (whole seconds, as kubernetes.core counts them). The first wait that times out
 * fails the task with that definition's result alone and kubernetes.core's message ({@code "Deployment" "api": Timed
 * out waiting on resource}), the engine's account of what is not ready and why in {@code not_ready}; the definitions
 * after it are not written. No thread is held while waiting: each wait is a later result, the next definition is
 * written on the wait scheduler's read threads.
 */
final class DefinitionWaits {
    private final ModuleContext ctx;
    private final ClusterConnection conn;
    private final ObjectChange changes;
    private final List<Map<String, Object>> declared;
    private final String namespace;
    private final WaitSpec wait;
    private final boolean absent;
    private final List<ObjectChange.Change> written = new ArrayList<>();
    private final List<Map<String, Object>> entries = new ArrayList<>();
    private final CompletableFuture<Result> done = new CompletableFuture<>();
    private final AtomicReference<CompletableFuture<Result>> current = new AtomicReference<>();

    DefinitionWaits(ModuleContext ctx, ClusterConnection conn, ObjectChange changes, List<Map<String, Object>> declared, String namespace,
                    WaitSpec wait, boolean absent) {
        this.ctx = ctx;
        this.conn = conn;
        this.changes = changes;
        this.declared = declared;
        this.namespace = namespace;
        this.wait = wait;
        this.absent = absent;
    }

    /** Writes the first definition (on this thread: its failure is the task's) and starts its wait. */
    Result start() throws ModuleException {
        ObjectChange.Change first = write(0);
        done.whenComplete((r, e) -> {
            CompletableFuture<Result> waiting = current.get();
            if (waiting != null) {
                waiting.cancel(true);  // the engine cancelled the task: the wait releases its watch
            }
        });
        await(0, first);
        return Result.later(done);
    }

    private ObjectChange.Change write(int i) throws ModuleException {
        ObjectChange.Change c = changes.perform(declared.get(i), namespace);
        c.warnings().forEach(ctx::warn);
        written.add(c);
        return c;
    }

    private void await(int i, ObjectChange.Change c) {
        String name = ObjectRef.of(declared.get(i)).name();
        CompletableFuture<Result> waiting = K8sApply.watchFor(ctx, conn, K8s.awaited(c, absent), wait, absent, outcome -> ended(c, name, outcome))
                .rest().toCompletableFuture();
        current.set(waiting);
        if (done.isDone()) {
            waiting.cancel(true);
            return;
        }
        waiting.whenComplete((r, e) -> {
            if (e != null) {
                done.completeExceptionally(e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
            } else if (r.isFailed() || i + 1 == declared.size()) {
                done.complete(r);
            } else {
                ctx.scheduler().execute(WatchedWait.READS, () -> next(i + 1));
            }
        });
    }

    private void next(int i) {
        if (done.isDone()) {
            return;
        }
        try {
            await(i, write(i));
        } catch (ModuleException | RuntimeException e) {
            done.completeExceptionally(e);
        }
    }

    /** The task's result once definition {@code c}'s wait ended: failed when it timed out, else every result so far. */
    private Result ended(ObjectChange.Change c, String name, ObjectWait.Outcome outcome) {
        Map<String, Object> entry = K8s.entries(ctx, K8s.afterWait(List.of(c), outcome.objects())).get(0);
        if (entry.get("method") != null) {
            entry.put("duration", (int) (outcome.millis() / 1000));
        }
        Result shown = K8s.shownDiffs(ctx, written);
        if (!outcome.done()) {
            return K8s.result(shown, List.of(entry), null).withFailed(true).withMsg(timedOut(c, name))
                    .with("not_ready", outcome.pending().entrySet().stream().map(p -> p.getKey() + ": " + p.getValue()).toList());
        }
        entries.add(entry);
        return K8s.result(shown, new ArrayList<>(entries), null);
    }

    /** kubernetes.core's message: the definition's kind (as the API serves it) and its name as written (None without one). */
    private static String timedOut(ObjectChange.Change c, String name) {
        return "\"" + c.outcomes().get(0).ref().kind() + "\" \"" + (name == null ? "None" : name) + "\": Timed out waiting on resource";
    }
}
