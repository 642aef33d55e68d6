package io.runbook.modules.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.runbook.engine.error.UserError;
import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.ArgType;
import io.runbook.engine.module.Args;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.engine.module.RunScheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code k8s_info}: reads objects by kind, name and selectors; never changes anything. An unknown kind is
 * {@code api_found: false}, not an error. With {@code wait}, watches until the selected objects exist and
 * satisfy the kind's readiness, a condition, or a field predicate.
 */
public final class K8sInfo extends K8sModule {
    private static final ArgSpec SPEC = K8sArgs.withConnection(K8sArgs.withWait(ArgSpec.builder()
            .arg(Arg.str("kind").required())
            .arg(Arg.str("api_version").aliases("api", "version")
                    .description("group/version; default: v1 (core, else the one group serving the kind at v1) when the task is written"
                            + " for kubernetes.core (kubernetes.core.k8s_info, or kubeconfig, context, wait_condition, wait_sleep or"
                            + " wait_timeout given), else the version the cluster serves the kind in, core v1 first"))
            .arg(Arg.str("name"))
            .arg(Arg.str("namespace").description("default: the host's namespace; all namespaces when the host has none"))
            .arg(Arg.list("label_selectors").elements(ArgType.STR).description("like app=web, tier!=db, env in (a,b), !legacy"))
            .arg(Arg.list("field_selectors").elements(ArgType.STR).description("like metadata.name=x, status.phase!=Running"))))
            .build();

    /** Arguments only kubernetes.core.k8s_info takes (the engine's own k8s_info has none of them). */
    private static final List<String> CORE_ONLY = List.of("kubeconfig", "context", "wait_condition", "wait_sleep", "wait_timeout");

    @Override
    public String name() {
        return "k8s_info";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    /** kubernetes.core's connection arguments the engine does not take stop the run before it starts. */
    @Override
    public void checkWritten(io.runbook.engine.module.WrittenArgs args) {
        K8sArgs.checkWrittenConnection(args);
    }

    @Override
    public String description() {
        return "Read Kubernetes objects, optionally waiting until they are ready or match a predicate";
    }

    @Override
    Result run(ModuleContext ctx, ClusterConnection conn) throws ModuleException, InterruptedException {
        Args args = ctx.args();
        K8sArgs.checkConnection(args::raw, args::position);
        String kindName = args.string("kind");
        boolean core = writtenForKubernetesCore(args, ctx.writtenAction());
        WaitSpec wait = core ? WaitSpec.fromKubernetesCoreArgs(args) : WaitSpec.fromCollectionArgs(args);
        String apiVersion = args.string("api_version") != null ? args.string("api_version") : core ? "v1" : null;
        Optional<ResourceDefinitionContext> found = core ? conn.resolveAsKubernetesCore(apiVersion, kindName, ctx.checkMode())
                : apiVersion != null ? conn.resolve(apiVersion, kindName, ctx.checkMode()) : conn.resolveKind(kindName, ctx.checkMode());
        if (found.isEmpty()) {
            String unfound = core ? "Failed to find API for resource with apiVersion \"" + apiVersion + "\" and kind \"" + kindName + "\""
                    : "the cluster does not serve kind " + kindName + (apiVersion == null ? "" : " in " + apiVersion);
            return Result.ok().with("api_found", false).with("resources", List.of()).withMsg(unfound);
        }
        ResourceDefinitionContext kind = found.get();
        String namespace = kind.isNamespaceScoped() ? (args.string("namespace") != null ? args.string("namespace") : conn.target().namespace()) : null;
        Result waited = Result.ok();
        List<Map<String, Object>> seen = null;
        if (wait.enabled() && ctx.checkMode()) {
            // check mode predicts and never waits (as wait_pods): the selection is reported as it is, or would be
            seen = read(conn, kind, namespace, args, true);
            waited = waited.withMsg("check mode, not waiting for " + describe(args, kind, namespace) + " to be " + wait.describe()
                    + ": " + seen.size() + " found");
        }
        if (wait.enabled() && seen == null) {
            return awaitObjects(ctx, conn, kind, namespace, args, wait);
        }
        if (seen == null) {
            seen = read(conn, kind, namespace, args, ctx.checkMode());
        }
        return found(ctx, waited, seen);
    }

    /**
     * Whether the task is written for kubernetes.core's k8s_info: by the collection's name
     * ({@code kubernetes.core.k8s_info}) or with an argument only that module takes. Its {@code api_version} is then
     * kubernetes.core's default, v1, where the engine's own form finds the kind in any group.
     */
    static boolean writtenForKubernetesCore(Args args, String writtenAction) {
        return K8sArgs.writtenForKubernetesCore(args, writtenAction, CORE_ONLY);
    }

    /** The result: what was waited, and the objects as their values' secrecy asks. */
    private static Result found(ModuleContext ctx, Result waited, List<Map<String, Object>> seen) {
        List<Map<String, Object>> resources = new ArrayList<>();
        for (Map<String, Object> object : seen) {
            SecretMask.register(ctx, object);
            resources.add(SecretMask.typed(ctx, withoutManagedFields(object)));
        }
        return waited.with("api_found", true).with("resources", resources);
    }

    /**
     * Watches the selection until it is as {@code wait} asks, without a thread (a later result: the host's fork goes to
     * the next host meanwhile); the objects the wait saw last are the answer, with no second read that could disagree
     * with it. The informers are closed however the wait ends.
     */
    private static Result awaitObjects(ModuleContext ctx, ClusterConnection conn, ResourceDefinitionContext kind, String namespace,
                                       Args args, WaitSpec wait) {
        RunScheduler scheduler = ctx.scheduler();
        ObjectWait watch = new ObjectWait(conn);
        String label = describe(args, kind, namespace);
        return watch.answerLater(scheduler, () -> {
            if (args.string("name") != null && args.strings("label_selectors").isEmpty() && args.strings("field_selectors").isEmpty()) {
                watch.named(kind, namespace == null ? conn.target().namespaceOrDefault() : namespace, args.string("name"), label);
            } else {
                watch.selection(select(conn, kind, namespace, args), label);
            }
            // kubernetes.core waits for each object it found in turn, each with the whole wait_timeout
            return wait.kubernetesCore() ? watch.untilEachSatisfiedLater(wait, ctx.progress(), label + " " + wait.describe(), scheduler)
                    : watch.untilSatisfiedLater(wait, ctx.progress(), label + " " + wait.describe(), scheduler);
        }, outcome -> {
            Result waited = Result.ok().with("duration", outcome.millis() / 1000.0);
            if (outcome.done()) {
                return found(ctx, waited, outcome.objects());
            }
            if (wait.kubernetesCore()) {
                // kubernetes.core waits for what it finds: a selection still empty at the timeout is its answer; an
                // object found and not ready fails the task with its message alone (no resources), the reasons in not_ready
                return outcome.objects().isEmpty() ? found(ctx, waited, List.of())
                        : Result.failed(timedOutAsKubernetesCore(kind, wait)).with("not_ready", outcome.pendingText());
            }
            String why = outcome.hopeless() != null ? "gave up waiting: " + outcome.hopeless()
                    : "timed out after " + wait.timeout().toSeconds() + " s waiting for " + label + " to be " + wait.describe() + ": " + outcome.pendingText();
            return found(ctx, waited.withFailed(true).withMsg(why), outcome.objects());
        });
    }

    /**
     * kubernetes.core's message when an object found is not ready in time (its waiter counts whole seconds, and has
     * counted the whole {@code wait_timeout} when it gives up).
     */
    private static String timedOutAsKubernetesCore(ResourceDefinitionContext kind, WaitSpec wait) {
        return "Failed to gather information about " + kind.getKind() + "(s) even after waiting for " + wait.timeout().toSeconds() + " seconds";
    }

    /** The selected objects; in check mode as earlier tasks of the run predicted them. */
    static List<Map<String, Object>> read(ClusterConnection conn, ResourceDefinitionContext kind, String namespace, Args args,
                                                  boolean check) {
        String name = args.string("name");
        if (name != null && args.strings("label_selectors").isEmpty() && args.strings("field_selectors").isEmpty()) {
            Map<String, Object> one = conn.get(kind, namespace == null && kind.isNamespaceScoped() ? conn.target().namespaceOrDefault() : namespace,
                    name, check);
            return one == null ? List.of() : List.of(one);
        }
        List<Map<String, Object>> served = new ArrayList<>();
        if (!check || conn.discovery().resolve(ClusterConnection.apiVersion(kind), kind.getKind()).isPresent()) {
            select(conn, kind, namespace, args).list().getItems().forEach(o -> served.add(conn.toMap(o)));
        }
        if (!check || conn.predicted().isEmpty()) {
            return served;
        }
        java.util.function.Predicate<Map<String, Object>> selects = Selectors.labels(args.strings("label_selectors"))
                .and(Selectors.fields(args.strings("field_selectors")))
                .and(o -> name == null || name.equals(ObjectRef.of(o).name()));
        return conn.predicted().overlay(ClusterConnection.apiVersion(kind), kind.getKind(), namespace, served, selects);
    }

    static FilterWatchListDeletable<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> select(
            ClusterConnection conn, ResourceDefinitionContext kind, String namespace, Args args) {
        FilterWatchListDeletable<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> op =
                namespace == null ? (kind.isNamespaceScoped() ? conn.ops(kind).inAnyNamespace() : conn.ops(kind)) : conn.ops(kind).inNamespace(namespace);
        List<String> labels = args.strings("label_selectors");
        if (!labels.isEmpty()) {
            op = op.withLabelSelector(String.join(",", labels));
        }
        if (args.string("name") != null) {
            op = op.withField("metadata.name", args.string("name"));
        }
        for (String field : args.strings("field_selectors")) {
            op = field(op, field, args);
        }
        return op;
    }

    private static FilterWatchListDeletable<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> field(
            FilterWatchListDeletable<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> op,
            String selector, Args args) {
        int neq = selector.indexOf("!=");
        if (neq > 0) {
            return op.withoutField(selector.substring(0, neq).trim(), selector.substring(neq + 2).trim());
        }
        int eq = selector.indexOf('=');
        if (eq <= 0) {
            throw new UserError(args.position("field_selectors"), "argument 'field_selectors': '" + selector + "' is not field=value or field!=value");
        }
        String value = selector.substring(selector.startsWith("==", eq) ? eq + 2 : eq + 1).trim();
        return op.withField(selector.substring(0, eq).trim(), value);
    }

    private static String describe(Args args, ResourceDefinitionContext kind, String namespace) {
        String where = namespace == null ? "" : namespace + "/";
        if (args.string("name") != null) {
            return kind.getKind() + " " + where + args.string("name");
        }
        List<String> labels = args.strings("label_selectors");
        return kind.getKind() + (labels.isEmpty() ? "" : " " + String.join(",", labels)) + (namespace == null ? "" : " in " + namespace);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withoutManagedFields(Map<String, Object> object) {
        if (object.get("metadata") instanceof Map<?, ?> metadata) {
            ((Map<String, Object>) metadata).remove("managedFields");
        }
        return object;
    }
}
