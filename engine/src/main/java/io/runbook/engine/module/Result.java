package io.runbook.engine.module;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a module run produced, in Ansible's shape: {@code changed}, {@code failed}, {@code msg} and module
 * data (the keys a playbook reads through {@code register}); diffs for {@code --diff}. Immutable; build with
 * the static factories and the {@code with…} methods.
 */
public final class Result {
    private final boolean changed;
    private final boolean failed;
    private final boolean skipped;
    private final boolean unreachable;
    private final String msg;
    private final Map<String, Object> data;
    private final List<Diff> diffs;

    private Result(boolean changed, boolean failed, boolean skipped, boolean unreachable, String msg,
                   Map<String, Object> data, List<Diff> diffs) {
        this.changed = changed;
        this.failed = failed;
        this.skipped = skipped;
        this.unreachable = unreachable;
        this.msg = msg;
        this.data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
        this.diffs = List.copyOf(diffs);
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
        if (msg != null && skipped && out.containsKey("msg")) {
            out.put("skip_reason", msg);  // the module's own msg stays (command in check mode), the engine's reason beside it
        } else if (msg != null) {
            out.put("msg", msg);
        }
        return out;
    }

    @Override
    public String toString() {
        return toMap().toString();
    }
}
