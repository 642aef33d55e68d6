package io.runbook.engine.module;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * What a module run produced, in Ansible's shape: {@code changed}, {@code failed}, {@code msg} and module
 * data (the keys a playbook reads through {@code register}); diffs for {@code --diff}. Immutable; build with
 * the static factories and the {@code with…} methods.
 *
 * <p>A module whose remaining work is only waiting for something it watches (a re-issued Secret) may return
 * {@link #later} instead: the result is then the completion of a stage, and the engine gives the host's fork to
 * another host meanwhile instead of a thread parked in the wait (see {@link #later} for the contract).
 */
public final class Result {
    private final boolean changed;
    private final boolean failed;
    private final boolean skipped;
    private final boolean unreachable;
    private final String msg;
    private final Map<String, Object> data;
    private final List<Diff> diffs;
    /** The stage the final result comes from, for a {@link #later} result; null otherwise. */
    private final CompletionStage<Result> rest;

    private Result(boolean changed, boolean failed, boolean skipped, boolean unreachable, String msg,
                   Map<String, Object> data, List<Diff> diffs) {
        this(changed, failed, skipped, unreachable, msg, data, diffs, null);
    }

    private Result(boolean changed, boolean failed, boolean skipped, boolean unreachable, String msg,
                   Map<String, Object> data, List<Diff> diffs, CompletionStage<Result> rest) {
        this.changed = changed;
        this.failed = failed;
        this.skipped = skipped;
        this.unreachable = unreachable;
        this.msg = msg;
        this.data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
        this.diffs = List.copyOf(diffs);
        this.rest = rest;
    }

    /**
     * A result that comes later: the module did its work and only waits now, for something that ends the wait by
     * itself (a watch event, a timer), without a thread of its own. Contract:
     * <ul>
     * <li>{@code rest} completes with the final result (not another later one), or exceptionally with a
     * {@link ModuleException} (a failed or unreachable host) or any other exception (a bug, reported as one).</li>
     * <li>It may complete on any thread (a watch's event thread): the engine goes on with the task's result on its own
     * workers. Nothing that completes it may block that thread (a request to a server goes to an executor).</li>
     * <li>The engine may cancel it ({@code toCompletableFuture().cancel(true)}) when the task's {@code timeout} is
     * reached or the run is interrupted: the module then releases what it holds (watches, timers) and completes
     * nothing more. It is also cancelled once it completed, which a module may ignore.</li>
     * <li>Where the engine cannot go on without the result (a loop, {@code until}/{@code retries}, {@code throttle},
     * a module calling another) it waits for it with {@link #join}, as if the module had blocked.</li>
     * </ul>
     * The data of a later result is empty; only {@link #isLater}, {@link #rest} and {@link #join} are meaningful.
     */
    public static Result later(CompletionStage<Result> rest) {
        return new Result(false, false, false, false, null, Map.of(), List.of(),
                java.util.Objects.requireNonNull(rest, "rest"));
    }

    /** Whether this result comes {@link #later}. */
    public boolean isLater() {
        return rest != null;
    }

    /** The stage a {@link #later} result completes; null for a result that is there. */
    public CompletionStage<Result> rest() {
        return rest;
    }

    /**
     * This result, or for a {@link #later} one the final result, waited for on this thread. An interrupt cancels the
     * wait (the module releases what it holds) and is thrown; a failure the stage completed with is thrown as the
     * module would have thrown it.
     */
    public Result join() throws ModuleException, InterruptedException {
        if (rest == null) {
            return this;
        }
        CompletableFuture<Result> f = rest.toCompletableFuture();
        try {
            return f.get().join();
        } catch (InterruptedException e) {
            f.cancel(true);
            throw e;
        } catch (CancellationException e) {
            throw new InterruptedException("the wait was cancelled");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ModuleException m) {
                throw m;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** Nothing needed changing. */
    public static Result ok() {
        return new Result(false, false, false, false, null, Map.of(), List.of());
    }

    /** Something changed (or, in check mode, would change). */
    public static Result changed() {
        return new Result(true, false, false, false, null, Map.of(), List.of());
    }

    public static Result changed(boolean changed) {
        return changed ? changed() : ok();
    }

    /** The task failed with a one-line, actionable message. */
    public static Result failed(String msg) {
        return new Result(false, true, false, false, msg, Map.of(), List.of());
    }

    /** The module chose not to act (for example, it cannot predict in check mode); the reason is shown. */
    public static Result skipped(String reason) {
        return new Result(false, false, true, false, reason, Map.of(), List.of());
    }

    /** The host could not be reached: the message names the address and the cause. */
    public static Result unreachable(String msg) {
        return new Result(false, false, false, true, msg, Map.of(), List.of());
    }

    public Result withMsg(String message) {
        return new Result(changed, failed, skipped, unreachable, message, data, diffs);
    }

    public Result with(String key, Object value) {
        Map<String, Object> d = new LinkedHashMap<>(data);
        d.put(key, value);
        return new Result(changed, failed, skipped, unreachable, msg, d, diffs);
    }

    public Result withAll(Map<String, ?> values) {
        Map<String, Object> d = new LinkedHashMap<>(data);
        d.putAll(values);
        return new Result(changed, failed, skipped, unreachable, msg, d, diffs);
    }

    public Result withDiff(Diff diff) {
        List<Diff> d = new ArrayList<>(diffs);
        d.add(diff);
        return new Result(changed, failed, skipped, unreachable, msg, data, d);
    }

    /** The same result with each diff made over by {@code change} (other headers, say). */
    public Result mapDiffs(java.util.function.UnaryOperator<Diff> change) {
        return new Result(changed, failed, skipped, unreachable, msg, data, diffs.stream().map(change).toList());
    }

    public Result withChanged(boolean value) {
        return new Result(value, failed, skipped, unreachable, msg, data, diffs);
    }

    public Result withFailed(boolean value) {
        return new Result(changed, value, skipped, unreachable, msg, data, diffs);
    }

    public boolean isChanged() {
        return changed;
    }

    public boolean isFailed() {
        return failed;
    }

    public boolean isSkipped() {
        return skipped;
    }

    public boolean isUnreachable() {
        return unreachable;
    }

    public String msg() {
        return msg;
    }

    public Map<String, Object> data() {
        return data;
    }

    public List<Diff> diffs() {
        return diffs;
    }

    /** The registered form: module data plus {@code changed}, {@code failed}, and {@code msg} and {@code skipped} when set. */
    public Map<String, Object> toMap() {
        if (rest != null) {
            throw new IllegalStateException("a later result has no values yet: join() it first");
        }
        Map<String, Object> out = new LinkedHashMap<>(data);
        out.put("changed", changed);
        out.put("failed", failed);
        if (skipped) {
            // as Ansible's action skips (AnsibleActionSkip) and modules' own: the reason is msg (skip_reason is a
            // false condition's, which the engine adds itself)
            out.put("skipped", true);
        }
        if (unreachable) {
            out.put("unreachable", true);
        }
        if (msg != null) {
            out.put("msg", msg);
        }
        return out;
    }

    @Override
    public String toString() {
        return toMap().toString();
    }
}
