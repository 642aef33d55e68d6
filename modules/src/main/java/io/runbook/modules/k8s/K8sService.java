package io.runbook.modules.k8s;

import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.ArgType;
import io.runbook.engine.module.Args;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.engine.module.WrittenArgs;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code k8s_service}: kubernetes.core's {@code k8s_service} (2.4.0). The Service is the first object of
 * {@code resource_definition} (or {@code src}) with the task's {@code name}, {@code namespace}, {@code type},
 * {@code ports} and {@code selector} over it wherever they are given (kubernetes.core's merge_dicts: a task's mapping
 * merges into the definition's, any other value of the task replaces the definition's unless empty); then it is
 * created, patched ({@code merge_type}), replaced ({@code force}), applied ({@code apply}) or deleted as {@code k8s}
 * does ({@link K8s#changeEach}), with the same results. Check mode is a server-side dry run.
 */
public final class K8sService extends KubernetesCoreModule {
    private static final ArgSpec SPEC = K8sArgs.withConnection(ArgSpec.builder()
            .arg(Arg.str("name").required().description("the Service's name"))
            .arg(Arg.str("namespace").required().description("the Service's namespace"))
            .arg(Arg.str("state").defaultValue("present").choices("present", "absent").description("present: create or patch; absent: delete"))
            .arg(Arg.str("type").choices("NodePort", "ClusterIP", "LoadBalancer", "ExternalName").description("the Service's spec.type"))
            .arg(Arg.list("ports").elements(ArgType.DICT).description("the Service's spec.ports"))
            .arg(Arg.dict("selector").description("the Service's spec.selector: the labels of the pods it sends to"))
            .arg(Arg.raw("resource_definition").aliases("definition", "inline").description("the Service (its first object), which the other arguments complete"))
            .arg(Arg.path("src").lookIn("files").description("a YAML file on the controller holding the Service (without resource_definition)"))
            .arg(Arg.bool("apply").defaultValue(false).description("client-side apply (the last-applied annotation) instead of a patch"))
            .arg(Arg.list("merge_type").elements(ArgType.STR).description("patch types tried in turn: strategic-merge, merge (default: both)"))
            .arg(Arg.bool("force").defaultValue(false).description("replace the existing Service instead of patching it")))
            .build();

    public K8sService() {
        super("k8s_service", SPEC, "kubernetes.core.k8s_service: create, patch, apply, replace or delete a Service (check mode: server-side dry run)");
    }

    @Override
    void checkOwn(WrittenArgs args) {
        K8sArgs.checkMergeType(args.literal("merge_type").orElse(null), args.position("merge_type"));
    }

    @Override
    Result read(ModuleContext ctx, ClusterConnection conn) throws ModuleException, InterruptedException {
        Args args = ctx.args();
        K8sArgs.checkMergeType(args.raw("merge_type"), args.position("merge_type"));
        Object definition = args.raw("resource_definition");
        Map<String, Object> first = Manifests.read(ctx, definition == null && args.path("src") == null ? new LinkedHashMap<String, Object>() : definition,
                definition == null ? args.path("src") : null, new Manifests.Completion(o -> o.putAll(merged(o, service(args))), true)).get(0);
        ObjectChange.Options options = new ObjectChange.Options(args.string("state"), args.bool("apply"), null, false, args.bool("force"),
                args.strings("merge_type"), Map.of(), List.of(), ctx.checkMode());
        return K8s.changeEach(ctx, conn, List.of(first), options, WaitSpec.none());
    }

    /** The Service the task's own arguments declare, an argument not given being null (and sent as such, as kubernetes.core does). */
    private static Map<String, Object> service(Args args) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("type", args.string("type"));
        spec.put("ports", args.list("ports"));
        spec.put("selector", args.map("selector"));
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", args.string("name"));
        metadata.put("namespace", args.string("namespace"));
        Map<String, Object> service = new LinkedHashMap<>();
        service.put("kind", "Service");
        service.put("apiVersion", "v1");
        service.put("spec", spec);
        service.put("metadata", metadata);
        return service;
    }

    /** kubernetes.core's merge_dicts: mappings merge key by key; elsewhere {@code over}'s value wins unless it is empty or null. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> merged(Map<String, Object> under, Map<String, Object> over) {
        Set<String> keys = new LinkedHashSet<>(under.keySet());
        keys.addAll(over.keySet());
        Map<String, Object> out = new LinkedHashMap<>();
        for (String k : keys) {
            Object x = under.get(k);
            Object y = over.get(k);
            if (!under.containsKey(k) || !over.containsKey(k)) {
                out.put(k, under.containsKey(k) ? x : y);
            } else if (x instanceof Map<?, ?> mx && y instanceof Map<?, ?> my) {
                out.put(k, merged((Map<String, Object>) mx, (Map<String, Object>) my));
            } else {
                out.put(k, truthy(y) ? y : x);
            }
        }
        return out;
    }

    private static boolean truthy(Object value) {
        return value != null && !Boolean.FALSE.equals(value) && !"".equals(value) && !(value instanceof Number n && n.doubleValue() == 0)
                && !(value instanceof Collection<?> c && c.isEmpty()) && !(value instanceof Map<?, ?> m && m.isEmpty());
    }
}
