package io.runbook.modules.k8s;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.ArgType;
import io.runbook.engine.module.Args;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code k8s_log}: kubernetes.core's {@code k8s_log} (2.4.0), a pod's log as {@code kubectl logs} reads it. A kind
 * without a log of its own (a Deployment, a StatefulSet, a Job...) stands for the first pod its {@code spec.selector}
 * selects, as does {@code label_selectors}; the log is read with the task's container, since_seconds, previous and
 * tail_lines. Never changed; runs in check mode (it only reads).
 */
public final class K8sLog extends KubernetesCoreModule {
    private static final ArgSpec SPEC = K8sArgs.withConnection(ArgSpec.builder()
            .arg(Arg.str("kind").defaultValue("Pod").description("Pod, or a kind whose spec.selector picks the pod (Deployment, StatefulSet, Job...)"))
            .arg(Arg.str("name").description("the object's name (only one of name and label_selectors)"))
            .arg(Arg.str("namespace").description("default: the host's namespace, else default"))
            .arg(Arg.str("api_version").defaultValue("v1").aliases("api", "version").description("group/version of kind (apps/v1 for a Deployment)"))
            .arg(Arg.list("label_selectors").elements(ArgType.STR).defaultValue(List.of())
                    .description("the first pod these select (only one of name and label_selectors)"))
            .arg(Arg.str("container").description("the container; required for a pod of several (or all_containers)"))
            .arg(Arg.str("since_seconds").description("only lines written in the last so many seconds"))
            .arg(Arg.bool("previous").defaultValue(false).description("the log of the container's previous instance"))
            .arg(Arg.integer("tail_lines").description("only the last so many lines"))
            .arg(Arg.bool("all_containers").description("the logs of every container of the pod, one after the other")))
            .mutuallyExclusive("container", "all_containers")
            .build();

    public K8sLog() {
        super("k8s_log", SPEC, "kubernetes.core.k8s_log: read a pod's log (or the first pod of a Deployment, of a selector), as kubectl logs");
    }

    @Override
    Result read(ModuleContext ctx, ClusterConnection conn) throws ModuleException, InterruptedException {
        Args args = ctx.args();
        String name = args.string("name");
        String selector = String.join(",", args.strings("label_selectors"));
        if (name != null && !selector.isEmpty()) {
            throw new ModuleException("Only one of name or label_selectors can be provided");
        }
        String namespace = args.string("namespace") != null ? args.string("namespace") : conn.target().namespaceOrDefault();
        String apiVersion = args.string("api_version");
        ResourceDefinitionContext kind = served(conn, apiVersion, args.string("kind"), ctx.checkMode());
        if (!"pods".equals(kind.getPlural()) || !"".equals(kind.getGroup() == null ? "" : kind.getGroup())) {
            if (name == null) {
                throw new ModuleException("name must be provided for resources that do not support the log subresource");
            }
            Map<String, Object> owner = conn.get(kind, namespace, name, ctx.checkMode());
            if (owner == null) {
                throw new ModuleException(kind.getKind() + " " + namespace + "/" + name + " not found.");
            }
            selector = String.join(",", podSelector(owner));
        }
        if (!selector.isEmpty()) {
            List<Pod> pods = conn.client().pods().inNamespace(namespace).withLabelSelector(selector).list().getItems();
            if (pods.isEmpty()) {
                throw new ModuleException("No pods in namespace " + namespace + " matched selector " + selector);
            }
            name = pods.get(0).getMetadata().getName();
        }
        String log = read(conn, args, namespace, name);
        return Result.ok().with("log", log).with("log_lines", Arrays.asList(log.split("\n", -1)));
    }

    /** The pod's log for each container asked (all of them, or the one given, or the server's choice), one after the other. */
    private static String read(ClusterConnection conn, Args args, String namespace, String pod) throws ModuleException {
        Map<String, String> query = new LinkedHashMap<>();
        if (args.string("container") != null && !args.string("container").isEmpty()) {
            query.put("container", args.string("container"));
        }
        if (args.string("since_seconds") != null && !args.string("since_seconds").isEmpty()) {
            query.put("sinceSeconds", args.string("since_seconds"));
        }
        if (args.bool("previous")) {
            query.put("previous", "true");
        }
        if (args.integer("tail_lines") != null && args.integer("tail_lines") != 0) {
            query.put("tailLines", String.valueOf(args.integer("tail_lines")));
        }
        List<String> containers = new ArrayList<>();
        if (Boolean.TRUE.equals(args.raw("all_containers"))) {
            containers.addAll(containers(conn, namespace, pod));
        } else {
            containers.add(null);
        }
        StringBuilder log = new StringBuilder();
        try {
            for (String container : containers) {
                if (container != null) {
                    query.put("container", container);
                }
                String text = conn.requests().podLog(namespace, pod, query);
                if (text == null) {
                    throw new ModuleException("Pod " + namespace + "/" + pod + " not found.");
                }
                log.append(text);
            }
        } catch (KubernetesClientException e) {
            if (ApiFailure.isConnectivity(e)) {
                throw e;
            }
            throw new ModuleException("Unable to retrieve log from Pod due to: " + message(e), e);
        }
        return log.toString();
    }

    /** The names of the pod's containers, as its status lists them (kubernetes.core's all_containers). */
    @SuppressWarnings("unchecked")
    private static List<String> containers(ClusterConnection conn, String namespace, String pod) throws ModuleException {
        ResourceDefinitionContext pods = CoreKinds.find("v1", "Pod").orElseThrow();
        Map<String, Object> found = conn.get(pods, namespace, pod);
        Object statuses = found == null || !(found.get("status") instanceof Map<?, ?> status) ? null : status.get("containerStatuses");
        if (!(statuses instanceof List<?> list)) {
            throw new ModuleException("Unable to retrieve log from Pod due to: " + (found == null ? "pod " + namespace + "/" + pod + " not found"
                    : "pod " + namespace + "/" + pod + " has no containerStatuses"));
        }
        List<String> names = new ArrayList<>();
        list.forEach(c -> names.add(String.valueOf(((Map<String, Object>) c).get("name"))));
        return names;
    }

    private static String message(KubernetesClientException e) {
        return e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : ApiFailure.describe(e);
    }

    /**
     * The label selector of an object's {@code spec.selector}, as kubernetes.core reads it: matchLabels as key=value,
     * matchExpressions as key, !key, key in (a, b), key notin (a, b); a plain mapping (a DeploymentConfig's) as key=value.
     */
    @SuppressWarnings("unchecked")
    static List<String> podSelector(Map<String, Object> object) throws ModuleException {
        Object spec = object.get("spec");
        Object selector = spec instanceof Map<?, ?> s ? s.get("selector") : null;
        if (!(selector instanceof Map<?, ?> sel) || sel.isEmpty()) {
            throw new ModuleException(object.get("apiVersion") + " " + object.get("kind") + " does not support the log subresource directly,"
                    + " and no Pod selector was found on the object");
        }
        List<String> out = new ArrayList<>();
        Object labels = sel.get("matchLabels");
        Object expressions = sel.get("matchExpressions");
        if (!(labels instanceof Map<?, ?> ml && !ml.isEmpty()) && !(expressions instanceof List<?> me && !me.isEmpty())) {
            sel.forEach((k, v) -> out.add(k + "=" + v));
            return out;
        }
        if (labels instanceof Map<?, ?> ml) {
            ml.forEach((k, v) -> out.add(k + "=" + v));
        }
        if (expressions instanceof List<?> me) {
            for (Object e : me) {
                Map<String, Object> expression = (Map<String, Object>) e;
                String key = String.valueOf(expression.get("key"));
                String operator = String.valueOf(expression.get("operator"));
                switch (operator) {
                    case "Exists" -> out.add(key);
                    case "DoesNotExist" -> out.add("!" + key);
                    case "In", "NotIn" -> out.add(key + " " + operator.toLowerCase(java.util.Locale.ROOT) + " ("
                            + String.join(", ", ((List<Object>) expression.getOrDefault("values", List.of())).stream().map(String::valueOf).toList()) + ")");
                    default -> throw new ModuleException("The k8s_log module does not support the " + operator.toLowerCase(java.util.Locale.ROOT)
                            + " matchExpression operator");
                }
            }
        }
        return out;
    }
}
