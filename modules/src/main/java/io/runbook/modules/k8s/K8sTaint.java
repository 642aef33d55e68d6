package io.runbook.modules.k8s;

import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.ArgType;
import io.runbook.engine.module.Args;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code k8s_taint}: kubernetes.core's {@code k8s_taint} (2.4.0). A taint is the same as a node's when its
 * {@code key} is, and its {@code effect} where both give one; {@code state: present} adds the taints the node lacks
 * and updates the values of those it has (with {@code replace}, the node's taints become exactly {@code taints} when
 * one is new), {@code absent} removes them. The node's {@code spec.taints} is written whole, in one patch, and only
 * when it changes. Check mode sends nothing and answers {@code changed} with an empty {@code result}, as
 * kubernetes.core does.
 */
public final class K8sTaint extends KubernetesCoreModule {
    private static final ArgSpec SPEC = K8sArgs.withConnection(ArgSpec.builder()
            .arg(Arg.str("state").defaultValue("present").choices("present", "absent").description("present: add or update; absent: remove"))
            .arg(Arg.str("name").required().description("the node's name"))
            .arg(Arg.list("taints").elements(ArgType.DICT).required().description("the taints: {key, value, effect: NoSchedule|PreferNoSchedule|NoExecute}"))
            .arg(Arg.bool("replace").defaultValue(false).description("present: when a taint is new, the node keeps only these taints")))
            .build();

    public K8sTaint() {
        super("k8s_taint", SPEC, "kubernetes.core.k8s_taint: add, update or remove a node's taints");
    }

    @Override
    @SuppressWarnings("unchecked")
    Result read(ModuleContext ctx, ClusterConnection conn) throws ModuleException, InterruptedException {
        Args args = ctx.args();
        String name = args.string("name");
        List<Map<String, Object>> taints = (List<Map<String, Object>>) args.raw("taints");
        NodeRequests node = new NodeRequests(conn, name);
        Map<String, Object> current = node.read("Node '" + name + "' has not been found.", ctx.checkMode());
        Map<?, ?> spec = current.get("spec") instanceof Map<?, ?> s ? s : Map.of();
        List<Map<String, Object>> existing = spec.get("taints") instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
        List<Map<String, Object>> missing = difference(taints, existing);
        List<Map<String, Object>> next;
        if ("present".equals(args.string("state"))) {
            if (missing.isEmpty() && !valueUpdated(existing, taints)) {
                return Result.ok().with("result", ChangeDetection.shown(current));
            }
            next = !missing.isEmpty() && args.bool("replace") ? taints : joined(difference(existing, taints), taints);
        } else {
            boolean removes = missing.isEmpty() || existing.stream().anyMatch(e -> taints.stream().anyMatch(t -> same(e, t)));
            if (!removes) {
                return Result.ok().with("result", existing.isEmpty() ? ChangeDetection.shown(current) : Map.of());
            }
            next = difference(existing, taints);
        }
        // kubernetes.core answers a removal with the node only when it had no taint, else with {}
        boolean absent = "absent".equals(args.string("state"));
        Map<String, Object> removed = existing.isEmpty() ? ChangeDetection.shown(current) : Map.of();
        if (ctx.checkMode()) {
            return Result.changed().with("result", absent ? removed : Map.of());
        }
        Map<String, Object> patched = node.patchSpec(Map.of("taints", next));
        return Result.changed().with("result", absent ? removed : ChangeDetection.shown(patched));
    }

    /** kubernetes.core's _equal_dicts: the same key, and the same effect where both give one. */
    private static boolean same(Map<String, Object> a, Map<String, Object> b) {
        boolean effects = a.containsKey("effect") && b.containsKey("effect");
        return Objects.equals(a.get("key"), b.get("key")) && (!effects || Objects.equals(a.get("effect"), b.get("effect")));
    }

    /** The taints of {@code a} that {@code b} has none the same as. */
    private static List<Map<String, Object>> difference(List<Map<String, Object>> a, List<Map<String, Object>> b) {
        return a.stream().filter(x -> b.stream().noneMatch(y -> same(x, y))).toList();
    }

    /** Whether one of the node's taints is given with another value. */
    private static boolean valueUpdated(List<Map<String, Object>> existing, List<Map<String, Object>> given) {
        return existing.stream().anyMatch(e -> given.stream().anyMatch(g -> same(e, g) && !Objects.equals(e.get("value"), g.get("value"))));
    }

    private static List<Map<String, Object>> joined(List<Map<String, Object>> a, List<Map<String, Object>> b) {
        List<Map<String, Object>> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
