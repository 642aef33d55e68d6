package io.runbook.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.runbook.lab.controllers.ClusterControllers;
import io.runbook.lab.server.Faults;
import io.runbook.lab.server.Json;
import io.runbook.lab.server.LabDispatcher;
import io.runbook.lab.server.LabServer;
import io.runbook.lab.server.ObjectStore;
import io.runbook.lab.server.PodLogs;
import io.runbook.lab.server.ResourceCatalog;
import io.runbook.lab.server.ResourceType;
import io.runbook.lab.server.Selectors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * One simulated Kubernetes cluster of a {@link Lab}: its API address, a client for tests and scenarios, seeding,
 * the log lines its pods serve, and failure injection. Thread-safe. Obtained from {@link Lab#cluster(String)};
 * stopped by {@link Lab#close()}.
 */
public final class LabCluster {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private final String name;
  private final String apiUrl;
  private final String caPem;
  private final LabDispatcher dispatcher;
  private final ObjectStore store;
  private final ResourceCatalog catalog;
  private final LabServer server;
  private final ClusterControllers controllers;
  private final PodLogs logs;
  private final Faults faults;
  private final io.fabric8.kubernetes.client.http.HttpClient.Factory httpClients;
  private KubernetesClient client;

  LabCluster(String name, String apiUrl, String caPem, LabDispatcher dispatcher, ObjectStore store,
      ResourceCatalog catalog, LabServer server, ClusterControllers controllers, PodLogs logs, Faults faults,
      io.fabric8.kubernetes.client.http.HttpClient.Factory httpClients) {
    this.httpClients = httpClients;
    this.name = name;
    this.apiUrl = apiUrl;
    this.caPem = caPem;
    this.dispatcher = dispatcher;
    this.store = store;
    this.catalog = catalog;
    this.server = server;
    this.controllers = controllers;
    this.logs = logs;
    this.faults = faults;
  }

  /** The cluster's object store, for the lab's own controllers. */
  ObjectStore store() {
    return store;
  }

  /** The cluster's name, which is also its kubeconfig context, cluster and user name. */
  public String name() {
    return name;
  }

  /** The API server URL, {@code http://127.0.0.1:PORT} (or https with TLS). */
  public String apiUrl() {
    return apiUrl;
  }

  /**
   * A kubeconfig holding only this cluster (context, cluster and user named after it, and current), for clients
   * that cannot pick a context, such as helm-java.
   */
  public String kubeconfigYaml() {
    return Kubeconfig.yaml(List.of(this), caPem);
  }

  /** A fabric8 client for this cluster (default namespace {@code default}), created on first use, closed with the lab. */
  public synchronized KubernetesClient client() {
    if (client == null) {
      ConfigBuilder config = new ConfigBuilder(Config.empty()).withMasterUrl(apiUrl).withNamespace("default")
          .withOauthToken("lab-token-" + name).withRequestTimeout(30_000).withConnectionTimeout(10_000);
      if (caPem != null) {
        config.withCaCertData(Base64.getEncoder().encodeToString(caPem.getBytes(StandardCharsets.UTF_8)));
      }
      client = new KubernetesClientBuilder().withConfig(config.build()).withHttpClientFactory(httpClients).build();
    }
    return client;
  }

  /**
   * Creates or updates (server-side-apply semantics) every object of a multi-document YAML text, in order.
   * Namespaced objects without a namespace go to {@code default}. A {@code status} given in the YAML is stored
   * as well. Returns {@code kind/name} of each object. Throws IllegalArgumentException naming the failing object.
   */
  public List<String> seed(String multiDocumentYaml) {
    List<String> seeded = new ArrayList<>();
    try (var parser = YAML.getFactory().createParser(multiDocumentYaml)) {
      var documents = YAML.readValues(parser, JsonNode.class);
      while (documents.hasNext()) {
        JsonNode document = documents.next();
        if (document instanceof ObjectNode object && object.size() > 0) {
          seeded.add(seedOne(object));
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the seed YAML: " + e.getMessage(), e);
    }
    return seeded;
  }

  /**
   * Every stored object except those a controller owns or derives (ReplicaSets, Pods, Events, Endpoints), as one
   * multi-document YAML text that {@link #seed(String)} accepts: a way to keep a lab's state between runs. The
   * owned objects are re-created by the controllers after seeding; pod logs are not part of the snapshot.
   */
  public String snapshotYaml() {
    StringBuilder sb = new StringBuilder();
    try {
      List<ObjectNode> objects = new ArrayList<>(store.snapshot());
      // namespaces and CRDs first, so that seeding the snapshot finds them before their contents
      objects.sort(java.util.Comparator.comparingInt((ObjectNode o) -> switch (o.path("kind").asText()) {
        case "Namespace" -> 0;
        case "CustomResourceDefinition" -> 1;
        default -> 2;
      }).thenComparing(o -> o.path("kind").asText() + "/" + Json.namespace(o) + "/" + Json.name(o)));
      for (ObjectNode object : objects) {
        if (!object.path("metadata").path("ownerReferences").isEmpty() || derived(object)) {
          continue;
        }
        ObjectNode copy = object.deepCopy();
        ObjectNode meta = Json.meta(copy);
        for (String field : List.of("uid", "resourceVersion", "creationTimestamp", "generation", "managedFields")) {
          meta.remove(field);
        }
        sb.append("---\n").append(YAML.writeValueAsString(copy).replaceFirst("^---\\s*\n", ""));
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the snapshot of cluster " + name, e);
    }
    return sb.toString();
  }

  /** Objects the controllers derive from others: pod Events and the Endpoints of Services. */
  private static boolean derived(JsonNode object) {
    return object.path("kind").asText().equals("Event")
        || "lab".equals(Json.text(object, "metadata", "labels", "endpoints.lab.runbook.io/managed"));
  }

  /** {@link #seed(String)} with the content of a file. */
  public List<String> seed(Path yamlFile) throws IOException {
    return seed(Files.readString(yamlFile));
  }

  private String seedOne(ObjectNode object) {
    String label = object.path("kind").asText() + "/" + Json.name(object);
    ResourceType type = catalog.findByKind(object.path("apiVersion").asText(), object.path("kind").asText())
        .orElseThrow(() -> new IllegalArgumentException("cluster " + name + " does not serve "
            + object.path("apiVersion").asText() + " " + object.path("kind").asText() + " (" + label + ")"));
    String namespace = type.namespaced() ? Json.meta(object).path("namespace").asText("default") : null;
    JsonNode status = object.get("status");
    String path = type.path(namespace, Json.name(object));
    try {
      call(HttpMethod.PATCH, path + "?fieldManager=lab-seed&force=true", "application/apply-patch+yaml", object, label);
    } catch (IllegalArgumentException e) {
      if (!String.valueOf(e.getMessage()).contains("already exists")) {
        throw e;
      }
      // a controller created it (e.g. a namespace's default ServiceAccount) between the apply's read and create
      call(HttpMethod.PATCH, path + "?fieldManager=lab-seed&force=true", "application/apply-patch+yaml", object, label);
    }
    if (status != null && type.subresources().contains("status")) {
      ObjectNode withStatus = Json.object();
      withStatus.set("status", status);
      call(HttpMethod.PATCH, path + "/status", "application/merge-patch+json", withStatus, label);
    }
    return label;
  }

  private void call(HttpMethod method, String path, String contentType, ObjectNode body, String label) {
    RecordedRequest request = new RecordedRequest("HTTP/1.1", method, path,
        Headers.builder().add("Content-Type", contentType).build(),
        new Buffer(Json.write(body).getBytes(StandardCharsets.UTF_8)));
    MockResponse response = dispatcher.dispatch(request);
    if (response.code() >= 300) {
      String message = new String(response.getBody().getBytes(), StandardCharsets.UTF_8);
      throw new IllegalArgumentException("cannot seed " + label + " into cluster " + name + ": "
          + Json.text(Json.parseAny(message), "message"));
    }
  }

  /** Appends a line (or several, separated by newlines) to a pod's log; a null container means all containers. */
  public void appendPodLog(String namespace, String pod, String container, String line) {
    logs.append(namespace, pod, container, line);
  }

  /** Appends a line to the log of every current pod in {@code namespace} carrying all {@code labels}; returns how many. */
  public int appendPodLogs(String namespace, Map<String, String> labels, String container, String line) {
    int count = 0;
    for (ObjectNode pod : store.list(ResourceCatalog.builtIn("", "pods"), namespace)) {
      Map<String, String> podLabels = Selectors.labelsOf(pod);
      if (labels.entrySet().stream().allMatch(e -> e.getValue().equals(podLabels.get(e.getKey())))) {
        logs.append(namespace, Json.name(pod), container, line);
        count++;
      }
    }
    return count;
  }

  /** The log lines a pod's container serves (null container: all containers), oldest first. */
  public List<String> podLog(String namespace, String pod, String container) {
    return logs.read(namespace, pod, container).stream().map(PodLogs.Line::text).toList();
  }

  /**
   * From now on, pods in {@code namespace} (null: any) carrying all {@code labels} never become ready: their
   * containers wait with {@code reason} (e.g. {@code ImagePullBackOff}) and {@code message}. Pods already ready
   * fall back to waiting too.
   */
  public void failPods(String namespace, Map<String, String> labels, String reason, String message) {
    faults.addStuckPods(new Faults.StuckPods(namespace, Map.copyOf(labels), reason, message));
    controllers.poke();
  }

  /**
   * From now on {@code program} decides what the pods that run to completion (Job pods, {@code restartPolicy:
   * Never}) print and exit with, when it claims them; see {@link PodProgram}.
   */
  public void runPods(PodProgram program) {
    controllers.runPods(program);
  }

  /** The HTTP transport of the lab's own clients, for another client of this cluster (see {@link Lab#httpClientFactory}). */
  public io.fabric8.kubernetes.client.http.HttpClient.Factory httpClientFactory() {
    return httpClients;
  }

  /** How many reconcile passes (built-in and added controllers) this cluster has completed. */
  public long reconcilePasses() {
    return controllers.passes();
  }

  /** Asks for a pass of the added controllers soon: one of them heard news from its own store listener. */
  void wakeControllers() {
    controllers.wakeAdded();
  }

  /** Asks for a reconcile pass soon, as a change would. */
  public void reconcileSoon() {
    controllers.poke();
  }

  /**
   * Whether the pod has reached the state this cluster keeps it in: held by a failure rule ({@link #failPods}) with
   * that rule's reason, else Running and Ready (or Succeeded); false while it is still starting or going away.
   */
  public boolean podAtRest(io.fabric8.kubernetes.api.model.Pod pod) {
    if (pod.getMetadata().getDeletionTimestamp() != null || pod.getStatus() == null) {
      return false;
    }
    var status = pod.getStatus();
    var rule = faults.stuckRuleFor(pod.getMetadata().getNamespace(),
        pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels());
    if (rule != null) {
      return status.getContainerStatuses().stream().anyMatch(c -> c.getState() != null
          && c.getState().getWaiting() != null && rule.reason().equals(c.getState().getWaiting().getReason()));
    }
    return "Succeeded".equals(status.getPhase()) || status.getConditions().stream()
        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /** Lifts every {@link #failPods} rule; the pods then start normally after the ready delay. */
  public void clearPodFailures() {
    faults.clearStuckPods();
    controllers.poke();
  }

  /** Lifts the {@link #failPods} rules of one namespace; its pods then start normally after the ready delay. */
  public void clearPodFailures(String namespace) {
    faults.clearStuckPods(namespace);
    controllers.poke();
  }

  /** Whether the API answers (false while {@link #unavailable} makes it answer 503). */
  public boolean available() {
    return !faults.unavailable();
  }

  /** While true, every API request is answered {@code 503 ServiceUnavailable}. */
  public void unavailable(boolean value) {
    faults.unavailable(value);
  }

  /** Every API request is answered this much later (zero: no delay), like a slow or distant API server. */
  public void latency(java.time.Duration delay) {
    faults.latency(delay);
  }

  /**
   * Requests with {@code method} (such as {@code POST}) whose path starts with {@code pathPrefix} are accepted and held
   * unanswered, as by a stalled admission webhook, until {@link #releaseHeldRequests}: a client's operation (a Helm
   * install creating its objects) stays half done for as long as a test needs, however fast the machine.
   */
  public void holdRequests(String method, String pathPrefix) {
    faults.hold(new Faults.Hold(method, pathPrefix));
  }

  /**
   * Waits (without polling) until at least {@code count} requests are held unanswered ({@link #holdRequests},
   * {@link #unresponsive}); false if {@code limit} passed first.
   */
  public boolean awaitHeldRequests(int count, java.time.Duration limit) throws InterruptedException {
    return server.awaitHeld(count, limit);
  }

  /** Holds no more requests; those held whose clients are still connected are served now. */
  public void releaseHeldRequests() {
    faults.clearHolds();
    server.releaseHeld();
  }

  /** While true, API requests are accepted but never answered (clients time out). */
  public void unresponsive(boolean value) {
    faults.unresponsive(value);
  }

  /** How many requests the cluster holds unanswered now ({@link #unresponsive}, {@link #holdRequests}). */
  public int heldRequests() {
    return server.unanswered() + server.heldCount();
  }

  /**
   * Adds a simulated controller to this cluster's reconcile loop (see {@link LabController} for when and how it
   * is called). Controllers cannot be removed; they stop with the lab.
   */
  public void addController(LabController controller) {
    controllers.add(() -> {
      java.time.Duration again = controller.reconcile(this);
      return again == null ? Long.MAX_VALUE : System.nanoTime() + again.toNanos();
    });
  }

  /**
   * While false, the cluster does not listen at all: clients get "connection refused", as from a cluster that is
   * down. Listening again reuses the same port (IllegalStateException if another process took it meanwhile).
   */
  public void reachable(boolean value) {
    server.listening(value);
  }

  synchronized void close() {
    try {
      closeAsync().get(10, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      // best effort, as the server's own close
    }
  }

  /** Stops the controllers and the client, and starts stopping the server; the future says when it has stopped. */
  synchronized java.util.concurrent.CompletableFuture<Void> closeAsync() {
    controllers.close();
    if (client != null) {
      client.close();
    }
    return server.stopAsync();
  }
}
