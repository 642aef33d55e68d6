package io.runbook.engine.exec;

import io.runbook.engine.error.UserError;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The result of a task that failed before or instead of its module (a template, a loop or an argument that could not
 * be rendered). As in Ansible, {@code msg} is the cause alone, so that a {@code rescue} comparing
 * {@code ansible_failed_result.msg} with Ansible's text sees the same; the place ({@code file:line:col}) travels
 * beside it and is put back in front of {@code msg} in what is shown (output, journal, reports).
 */
final class PlacedFailure extends LinkedHashMap<String, Object> {
    private final String position;

    private PlacedFailure(String position) {
        this.position = position;
    }

    static Map<String, Object> of(UserError e) {
        PlacedFailure r = new PlacedFailure(e.position() == null ? null : e.position().toString());
        // no "changed": ansible-core 2.14's own failures (an argument, condition or delegate_to that cannot be
        // rendered) are {"failed": true, "msg": …}, and `is changed` reads a missing key as false
        r.put("failed", true);
        r.put("msg", e.cause());
        return r;
    }

    /**
     * Arguments a module refused (a rendered value of the wrong type or not one of its choices): the failure an Ansible
     * module returns, {@code {"changed": false, "failed": true, "msg": …}}, the place kept beside msg.
     */
    static Map<String, Object> ofModule(UserError e) {
        PlacedFailure r = new PlacedFailure(e.position() == null ? null : e.position().toString());
        r.put("changed", false);
        r.put("failed", true);
        r.put("msg", e.cause());
        return r;
    }

    /** A copy of {@code result} that keeps the place of a placed failure. */
    static Map<String, Object> copy(Map<String, Object> result) {
        Map<String, Object> out = result instanceof PlacedFailure p ? new PlacedFailure(p.position) : new LinkedHashMap<>();
        out.putAll(result);
        return out;
    }

    /** The result as shown: the place in front of msg. */
    static Map<String, Object> shown(Map<String, Object> result, Map<String, Object> shown) {
        if (result instanceof PlacedFailure p && p.position != null && shown.get("msg") instanceof String msg) {
            shown.put("msg", p.position + ": " + msg);
        }
        return shown;
    }
}
