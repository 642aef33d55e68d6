package io.runbook.modules.k8s;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.Args;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.engine.module.RunScheduler;
import io.runbook.engine.module.WrittenArgs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code k8s_drain}: kubernetes.core's {@code k8s_drain} (2.4.0). {@code cordon} and {@code uncordon} set the node's
 * {@code spec.unschedulable} when it differs; {@code drain} cordons it, then evicts its pods ({@link DrainSelection}
 * says which) through the {@code pods/eviction} subresource, so PodDisruptionBudgets hold (with
 * {@code disable_eviction}, deletes them), and with {@code wait_timeout} watches until they are gone. A drain that
 * finds pods it may not evict evicts none and un-cordons the node it cordoned. The result is kubernetes.core's sentence.
 * As kubernetes.core's, the module does not run in check mode (the task is skipped).
 */
public final class K8sDrain extends KubernetesCoreModule {
    private static final ResourceDefinitionContext PODS = CoreKinds.find("v1", "Pod").orElseThrow();
    private static final ArgSpec SPEC = K8sArgs.withConnection(ArgSpec.builder()
            .arg(Arg.str("state").defaultValue("drain").choices("cordon", "drain", "uncordon")
                    .description("cordon: mark unschedulable; drain: cordon and evict the pods; uncordon: mark schedulable"))
            .arg(Arg.str("name").required().description("the node's name"))
            .arg(Arg.dict("delete_options").description("drain: terminate_grace_period, force, ignore_daemonsets, delete_emptydir_data,"
                    + " disable_eviction, wait_timeout, wait_sleep")))
            .build();

    public K8sDrain() {
        super("k8s_drain", SPEC, "kubernetes.core.k8s_drain: cordon, drain (evict its pods) or uncordon a node");
    }

    @Override
    public boolean supportsCheckMode() {
        return false;
    }

    @Override
    void checkOwn(WrittenArgs args) {
        DrainOptions.checkWritten(args.values().get("delete_options"), args.position("delete_options"));
    }

    @Override
    Result read(ModuleContext ctx, ClusterConnection conn) throws ModuleException, InterruptedException {
        Args args = ctx.args();
        DrainOptions options = DrainOptions.of(args.raw("delete_options"), args.position("delete_options"));
        String name = args.string("name");
        NodeRequests node = new NodeRequests(conn, name);
        Map<?, ?> spec = node.read("Node " + name + " not found.", false).get("spec") instanceof Map<?, ?> s ? s : Map.of();
        boolean unschedulable = Boolean.TRUE.equals(spec.get("unschedulable"));
        String state = args.string("state");
        if (!"drain".equals(state)) {
            boolean cordon = "cordon".equals(state);
            String marked = cordon ? "unschedulable" : "schedulable";
            if (unschedulable == cordon) {
                return Result.ok().with("result", "node " + name + " already marked " + marked + ".");
            }
            node.patchSpec(Map.of("unschedulable", cordon));
            return Result.changed().with("result", "node " + name + " marked " + marked + ".");
        }
        return drain(ctx, conn, node, name, unschedulable, options);
    }

    private Result drain(ModuleContext ctx, ClusterConnection conn, NodeRequests node, String name, boolean unschedulable,
                         DrainOptions options) throws ModuleException {
        List<String> said = new ArrayList<>();
        if (!unschedulable) {
            node.patchSpec(Map.of("unschedulable", true));
            said.add("node " + name + " marked unschedulable.");
        } else {
            said.add("node " + name + " already marked unschedulable.");
        }
        boolean cordoned = !unschedulable;
        DrainSelection selection = select(conn, node, name, cordoned, options);
        List<String> warnings = new ArrayList<>(selection.warnings());
        boolean changed = cordoned;
        if (selection.evicted().isEmpty()) {
            return answer(ctx, changed, said, warnings);
        }
        for (String pod : selection.evicted()) {
            changed |= evict(conn, pod, options);
        }
        said.add(selection.evicted().size() + " Pod(s) deleted from node.");
        if (options.waitTimeout() == null) {
            return answer(ctx, changed, said, warnings);
        }
        boolean anyChange = changed;
        Duration timeout = options.waitTimeout() == 0 ? Duration.ofDays(365) : Duration.ofSeconds(options.waitTimeout());
        RunScheduler scheduler = ctx.scheduler();
        ObjectWait watch = new ObjectWait(conn);
        return watch.answerLater(scheduler, () -> {
            for (String pod : selection.evicted()) {
                String[] id = pod.split("/", 2);
                watch.named(PODS, id[0], id[1], "Pod " + pod);
            }
            return watch.untilGoneLater(timeout, ctx.progress(), "waiting for the evicted pods to go", scheduler);
        }, done -> {
            if (!done.done()) {
                warnings.add("timeout reached while pods were still running.");
            }
            return answer(ctx, anyChange, said, warnings);
        });
    }

    /** The node's pods sorted as kubernetes.core sorts them; a failure (the cordon undone) when some may not be evicted. */
    private static DrainSelection select(ClusterConnection conn, NodeRequests node, String name, boolean cordoned, DrainOptions options)
            throws ModuleException {
        DrainSelection selection;
        try {
            List<Map<String, Object>> pods = new ArrayList<>();
            conn.ops(PODS).inAnyNamespace().withField("spec.nodeName", name).list().getItems().forEach(p -> pods.add(conn.toMap(p)));
            selection = DrainSelection.of(pods, options);
        } catch (KubernetesClientException e) {
            if (ApiFailure.isConnectivity(e)) {
                throw e;
            }
            if (e.getCode() != 404) {
                revert(node, cordoned);
                throw new ModuleException("Failed to list pod from node " + name + " due to: " + NodeRequests.reason(e), e);
            }
            selection = new DrainSelection(List.of(), List.of(), List.of());
        }
        if (!selection.errors().isEmpty()) {
            revert(node, cordoned);
            throw new ModuleException("Pod deletion errors: " + String.join(" ", selection.errors()));
        }
        return selection;
    }

    /** Evicts (or deletes) one pod; false when it was already gone. */
    private static boolean evict(ClusterConnection conn, String pod, DrainOptions options) throws ModuleException {
        String[] id = pod.split("/", 2);
        Map<String, Object> deleteOptions = new LinkedHashMap<>();
        if (options.gracePeriod() != null && options.gracePeriod() != 0) {
            deleteOptions.put("gracePeriodSeconds", options.gracePeriod());
        }
        try {
            if (options.disableEviction()) {
                return conn.requests().delete(PODS, id[0], id[1], deleteOptions, false) != null;
            }
            Map<String, Object> eviction = new LinkedHashMap<>();
            eviction.put("apiVersion", "policy/v1");
            eviction.put("kind", "Eviction");
            eviction.put("metadata", Map.of("name", id[1], "namespace", id[0]));
            if (!deleteOptions.isEmpty()) {
                eviction.put("deleteOptions", deleteOptions);
            }
            conn.requests().postSubresource(PODS, id[0], id[1], "eviction", eviction);
            return true;
        } catch (KubernetesClientException e) {
            if (ApiFailure.isConnectivity(e)) {
                throw e;
            }
            if (e.getCode() == 404) {
                return false;
            }
            throw new ModuleException("Failed to delete pod " + pod + " due to: " + NodeRequests.reason(e), e);
        }
    }

    /** A failed drain leaves the node as it found it: the cordon it made is undone. */
    private static void revert(NodeRequests node, boolean cordoned) throws ModuleException {
        if (cordoned) {
            node.patchSpec(Map.of("unschedulable", false));
        }
    }

    private static Result answer(ModuleContext ctx, boolean changed, List<String> said, List<String> warnings) {
        warnings.forEach(ctx::warn);
        return Result.changed(changed).with("result", String.join(" ", said));
    }
}
