package io.runbook.modules.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.impl.KubernetesClientImpl;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.modules.ssh.KubeApiTunnel;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * One cluster's HTTP client (fabric8's, with the kubeconfig's credentials, TLS, token refresh and retries), its
 * discovery cache and, when a module needs fabric8's DSL, one fabric8 client on that HTTP client; shared by every task
 * of the run through {@link ModuleContext#shared} and closed at the end of the run.
 * <p>The fabric8 client is created on first use of {@link #client()}: a named object's GET, apply and DELETE
 * ({@link #requests()}) and a Secret watch ({@link SecretWatch}) need only the HTTP client, the configuration and the
 * run's JSON mapper, and a fabric8 client registers sixty-odd API group adapters and handlers when it is created
 * (0.1 ms of CPU per cluster once warm, 0.25 ms for the first thousand in a fresh JVM). Whichever exists is closed at
 * the end: the fabric8 client (which closes its HTTP client), else the HTTP client.
 */
public final class ClusterConnection implements AutoCloseable {
    private final ClusterTarget target;
    private final Config config;
    private final HttpClient http;
    private final KubernetesSerialization serialization;
    private final Executor tasks;
    private final Object clientLock = new Object();
    private volatile KubernetesClient client;
    private final String apiAddress;
    private final Discovery discovery;
    private final ObjectRequests requests;
    private final Object confirming = new Object();
    private volatile boolean confirmed;
    private final PredictedObjects predicted = new PredictedObjects();

    private ClusterConnection(ClusterTarget target, Config config, HttpClient http, KubernetesSerialization serialization, Executor tasks,
                              String apiAddress) {
        this.target = target;
        this.config = config;
        this.http = http;
        this.serialization = serialization;
        this.tasks = tasks;
        this.apiAddress = apiAddress;
        this.discovery = new Discovery(this::client);
        this.requests = new ObjectRequests(http, config.getMasterUrl(), serialization, target.requestTimeout(), new FirstAnswerCheck());
    }

    /**
     * The connection for the host the module runs on, created on first use, to a server confirmed to be a
     * Kubernetes API (else the host is unreachable, saying so).
     */
    public static ClusterConnection of(ModuleContext ctx) throws ModuleException, InterruptedException {
        ClusterConnection conn = unchecked(ctx);
        conn.confirmKubernetesApi();
        return conn;
    }

    /**
     * The connection for the host the module runs on, created on first use, whose check that the server is a
     * Kubernetes API may be answered by the module's first request instead of a request of its own: a named object's
     * GET, apply or delete through {@link #requests()} whose answer only a Kubernetes API gives (the object of the
     * kind asked for, or the API's NotFound Status for it) proves it; any other answer runs the check first, so the
     * user sees the same error as from {@link #of}. A module using this must make its first request through
     * {@link #requests()} or call {@link #requireKubernetesApi()} before anything else, and call it before it returns
     * (a module that sent no request has proved nothing); what it throws is {@link Unusable}.
     */
    static ClusterConnection provenByFirstAnswer(ModuleContext ctx) throws ModuleException, InterruptedException {
        return unchecked(ctx);
    }

    private static ClusterConnection unchecked(ModuleContext ctx) throws ModuleException, InterruptedException {
        ClusterTarget target;
        try {
            target = ClusterTarget.of(ctx);
        } catch (ConfigProblem e) {
            throw new ModuleException(e.getMessage());
        }
        ClientTransport transport = ctx.shared(ClientTransport.class, ClientTransport.class, ClientTransport::new);
        KubeApiTunnel tunnel = target.sshTunnel() == null ? null : KubeApiTunnel.of(ctx, target.sshTunnel());
        // taken before the connection's factory runs: a shared object is never asked for inside another's creation
        Kubeconfigs kubeconfigs = ctx.shared(Kubeconfigs.class, Kubeconfigs.class, Kubeconfigs::new);
        ClusterConnection conn;
        try {
            conn = ctx.shared(List.of("k8s", target.kubeconfig(), String.valueOf(target.context()), String.valueOf(target.sshTunnel())),
                    ClusterConnection.class, () -> open(ctx, target, transport, tunnel, kubeconfigs));
        } catch (ConfigProblem e) {
            throw new ModuleException(e.getMessage());
        } catch (TunnelProblem e) {
            throw e.failure;
        }
        return conn;
    }

    /**
     * Runs the check of {@link #of} now unless an answer already proved the server a Kubernetes API; its failure
     * (the host unreachable, saying why) comes as {@link Unusable}, for callers that cannot throw checked exceptions.
     */
    void requireKubernetesApi() {
        try {
            confirmKubernetesApi();
        } catch (ModuleException e) {
            throw new Unusable(e);
        } catch (InterruptedException e) {
            throw KubernetesClientException.launderThrowable(e);
        }
    }

    /** What {@link ObjectRequests} asks of the connection about its first answers. */
    private final class FirstAnswerCheck implements ObjectRequests.ApiCheck {
        @Override
        public boolean known() {
            return confirmed;
        }

        @Override
        public void proven() {
            confirmed = true;
        }

        @Override
        public void require() {
            requireKubernetesApi();
        }
    }

    /** Once per run (until it succeeds): the server is a Kubernetes API ({@link ApiIdentity}). */
    private void confirmKubernetesApi() throws ModuleException, InterruptedException {
        if (confirmed) {
            return;
        }
        synchronized (confirming) {
            if (confirmed) {
                return;
            }
            java.util.Optional<String> problem;
            long start = System.nanoTime();
            try {
                problem = ApiIdentity.problem(this, discovery, target.requestTimeout());
                FirstUseTimes.apiCheck(start);
            } catch (KubernetesClientException e) {
                throw ApiFailure.translate(this, e);
            }
            if (problem.isPresent()) {
                throw ModuleException.unreachable("the server at " + apiAddress() + " (" + target.describe()
                        + ") is not a Kubernetes API: " + problem.get() + "; check the server address in the kubeconfig", null);
            }
            confirmed = true;
        }
    }

    private static ClusterConnection open(ModuleContext ctx, ClusterTarget target, ClientTransport transport, KubeApiTunnel tunnel,
                                          Kubeconfigs kubeconfigs) {
        long start = System.nanoTime();
        ClientConfig client = ClientConfig.of(ctx, target, tunnel, kubeconfigs);
        Config config = client.config();
        // the HTTP client a fabric8 client would get from KubernetesClientBuilder.build() (interceptors for the
        // kubeconfig's credentials and token refresh, TLS, proxy, retries); the fabric8 client itself only when needed
        HttpClient http = transport.factory().newBuilder(config).build();
        try {
            ClientConfig.masterUrlCheck(config);
        } catch (RuntimeException e) {
            http.close();
            throw e;
        }
        FirstUseTimes.client(start);
        return new ClusterConnection(target, config, http, transport.serialization(), transport.tasks(), client.address());
    }

    /**
     * The host's kubeconfig reduced to its own context (made current), cluster and user, from the run's parsed
     * kubeconfigs (each file is parsed once per run, not once per host): what Helm gets. A copy the caller may change.
     */
    public static Map<String, Object> oneContextKubeconfig(ModuleContext ctx, ClusterTarget target) throws ModuleException {
        Kubeconfigs kubeconfigs = ctx.shared(Kubeconfigs.class, Kubeconfigs.class, Kubeconfigs::new);
        try {
            return kubeconfigs.oneContext(target, () -> ClientConfig.kubeconfigYaml(ctx, target));
        } catch (ConfigProblem e) {
            throw new ModuleException(e.getMessage());
        }
    }

    public ClusterTarget target() {
        return target;
    }

    /**
     * The cluster's fabric8 client, for fabric8's DSL (typed resources, informers, logs, discovery): created on first
     * use on the connection's HTTP client, with the run's task executor and JSON mapper (what
     * {@code KubernetesClientBuilder.build()} does, without the builder's JSON mapper of its own and its reflection).
     */
    public KubernetesClient client() {
        KubernetesClient c = client;
        if (c != null) {
            return c;
        }
        synchronized (clientLock) {
            if (client == null) {
                Executor executor = tasks;
                client = new KubernetesClientImpl(http, config, () -> executor, serialization);
            }
            return client;
        }
    }

    /** Whether {@link #client()} has created the fabric8 client (for tests). */
    boolean hasClient() {
        return client != null;
    }

    /** The cluster's HTTP client: the fabric8 client's own, created with the connection. */
    HttpClient http() {
        return http;
    }

    /** The client configuration (the kubeconfig's context, with the run's time-outs). */
    Config config() {
        return config;
    }

    /** The run's JSON mapper (fabric8's serialization, shared by every cluster). */
    KubernetesSerialization serialization() {
        return serialization;
    }

    /** The run's executor for the clients' asynchronous work (watch events, informers, logs). */
    Executor executor() {
        return tasks;
    }

    public Discovery discovery() {
        return discovery;
    }

    /** What check-mode tasks of this run predicted for this cluster (empty outside check mode). */
    public PredictedObjects predicted() {
        return predicted;
    }

    /**
     * The kind for {@code apiVersion}/{@code kind}: served by the cluster, or, in check mode, defined by a
     * CustomResourceDefinition an earlier task of the run would have created.
     */
    public Optional<ResourceDefinitionContext> resolve(String apiVersion, String kind, boolean check) {
        Optional<ResourceDefinitionContext> core = CoreKinds.find(apiVersion, kind);
        if (core.isPresent()) {
            return core;
        }
        // the cluster's discovery is read only from a server known to be a Kubernetes API: any web server answers 404
        // for a group it does not know, which would read as a kind not served
        requireKubernetesApi();
        Optional<ResourceDefinitionContext> served = discovery.resolve(apiVersion, kind);
        return served.isPresent() || !check ? served : predicted.definedKind(apiVersion, kind);
    }

    /**
     * As {@link #resolve}, for kubernetes.core's modules: an api_version without a group ({@code v1}, their default)
     * also finds the kind in the one group serving it at that version ({@code Deployment}: {@code apps/v1}), as their
     * Python client does.
     */
    public Optional<ResourceDefinitionContext> resolveAsKubernetesCore(String apiVersion, String kind, boolean check) {
        Optional<ResourceDefinitionContext> exact = resolve(apiVersion, kind, check);
        if (exact.isPresent() || apiVersion == null || apiVersion.contains("/")) {
            return exact;
        }
        return discovery.resolveVersion(apiVersion, kind);
    }

    /** As {@link #resolve}, for a kind in whichever group serves (or, in check mode, would serve) it. */
    public Optional<ResourceDefinitionContext> resolveKind(String kind, boolean check) {
        requireKubernetesApi();
        Optional<ResourceDefinitionContext> served = discovery.resolveKind(kind);
        return served.isPresent() || !check ? served : predicted.definedKind(null, kind);
    }

    /** One named object as a task sees it: in check mode, what earlier tasks predicted wins over the server. */
    public Map<String, Object> get(ResourceDefinitionContext kind, String namespace, String name, boolean check) {
        String ns = kind.isNamespaceScoped() ? namespace : null;
        if (check) {
            Optional<PredictedObjects.Prediction> p = predicted.lookup(apiVersion(kind), kind.getKind(), ns, name);
            if (p.isPresent()) {
                return p.get().gone() ? null : p.get().object();
            }
        }
        return get(kind, ns, name);
    }

    /** Whether a namespace exists for a task: in check mode, one an earlier task would create does. */
    public boolean namespaceExists(String name, boolean check) {
        Optional<Boolean> p = check ? predicted.namespace(name) : Optional.empty();
        return p.orElseGet(() -> client().namespaces().withName(name).get() != null);
    }

    /** {@code group/version}, or {@code version} for the core group. */
    public static String apiVersion(ResourceDefinitionContext kind) {
        return kind.getGroup() == null || kind.getGroup().isEmpty() ? kind.getVersion() : kind.getGroup() + "/" + kind.getVersion();
    }

    /** The operations on one kind, in {@code namespace} when the kind is namespaced (null namespace = all). */
    public MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> ops(
            ResourceDefinitionContext kind) {
        return client().genericKubernetesResources(kind);
    }

    /** One named object as a tree of maps ({@link ObjectJson}), or null when it does not exist. */
    public Map<String, Object> get(ResourceDefinitionContext kind, String namespace, String name) {
        return requests.get(kind, kind.isNamespaceScoped() ? namespace : null, name);
    }

    /** A named object's GET, server-side apply and DELETE, each one request without fabric8's DSL around it. */
    ObjectRequests requests() {
        return requests;
    }

    /**
     * An object of fabric8's model (from its DSL: a list's items, an informer's or a watch's objects, pods) as a tree of
     * maps, the form readiness rules, masking and diffs work on. A named object's GET and apply answers are read into
     * that form directly ({@link #get}, {@link ObjectRequests}).
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> toMap(Object object) {
        return serialization.convertValue(object, Map.class);
    }

    /** The API server address as the kubeconfig gives it, for messages. */
    public String apiAddress() {
        return apiAddress;
    }

    @Override
    public void close() {
        KubernetesClient c;
        synchronized (clientLock) {
            c = client;
        }
        try {
            if (c != null) {
                c.close();  // closes the HTTP client too
            } else {
                http.close();
            }
        } catch (RuntimeException e) {
            // the run is over; the shared transport may already be closed, which closes this client's connections too
        }
    }

    /**
     * The server is not a Kubernetes API, or cannot be talked to, as the check of {@link #of} found when a module's
     * first request could not prove it: {@code failure} is what the user sees (the host unreachable, saying why).
     */
    static final class Unusable extends RuntimeException {
        final ModuleException failure;

        Unusable(ModuleException failure) {
            super(failure.getMessage(), failure);
            this.failure = failure;
        }
    }

    /** The bastion of kube_ssh_tunnel could not be used (the host is unreachable, as the failure says). */
    static final class TunnelProblem extends RuntimeException {
        final ModuleException failure;

        TunnelProblem(ModuleException failure) {
            super(failure.getMessage(), failure);
            this.failure = failure;
        }
    }

    /** A kubeconfig problem found while opening the connection (the task fails, the host is not unreachable). */
    static final class ConfigProblem extends RuntimeException {
        ConfigProblem(String message) {
            super(message);
        }
    }
}
