package io.runbook.lab;

import io.runbook.lab.controllers.ClusterControllers;
import io.runbook.lab.controllers.LoadBalancerAddresses;
import io.runbook.lab.server.Defaulting;
import io.runbook.lab.server.Faults;
import io.runbook.lab.server.LabDispatcher;
import io.runbook.lab.server.LabServer;
import io.runbook.lab.server.ObjectStore;
import io.runbook.lab.server.PodLogs;
import io.runbook.lab.server.ResourceCatalog;
import io.runbook.lab.tls.LabCertificates;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A set of simulated Kubernetes clusters in this JVM, each an API server on its own 127.0.0.1 port that kubectl,
 * Helm and fabric8 accept, with controllers that make workloads become ready. Start with {@link #start}, reach a
 * cluster with {@link #cluster}, hand {@link #writeKubeconfig} to other processes, and {@link #close} at the end.
 *
 * <pre>{@code
 * try (Lab lab = Lab.start(LabOptions.builder().clusters(List.of("mgmt", "cp-1")).build())) {
 *   lab.cluster("mgmt").client().namespaces().list();
 * }
 * }</pre>
 */
public final class Lab implements AutoCloseable {
  private static final String CLUSTER_BASICS = """
      apiVersion: v1
      kind: Namespace
      metadata: {name: default}
      ---
      apiVersion: v1
      kind: Namespace
      metadata: {name: kube-system}
      ---
      apiVersion: v1
      kind: Namespace
      metadata: {name: kube-public}
      ---
      apiVersion: v1
      kind: Namespace
      metadata: {name: kube-node-lease}
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: kubernetes, namespace: default, labels: {component: apiserver, provider: kubernetes}}
      spec:
        clusterIP: 10.96.0.1
        ports: [{name: https, port: 443, protocol: TCP, targetPort: 6443}]
      """;

  private final LabOptions options;
  private final Vertx vertx;
  private final Vertx clientVertx;
  private final io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory clientFactory;
  private final ScheduledExecutorService controllerThreads;
  private final Map<String, LabCluster> clusters = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
  private final String caPem;

  private Lab(LabOptions options, Vertx vertx, ScheduledExecutorService controllerThreads, String caPem) {
    this.options = options;
    this.vertx = vertx;
    // the in-process clients (cluster.client(), the simulated operators) share one quiet Vert.x of their own:
    // fabric8 would start one per client, each with the 2 s blocked-thread warnings a loaded machine trips
    this.clientVertx = Vertx.vertx(quiet(new VertxOptions().setEventLoopPoolSize(2).setUseDaemonThread(true)
        .setFileSystemOptions(new io.vertx.core.file.FileSystemOptions().setFileCachingEnabled(false)
            .setClassPathResolvingEnabled(false))));
    this.clientFactory = new io.fabric8.kubernetes.client.vertx.EventLoopWebSocketsFactory(clientVertx);
    this.controllerThreads = controllerThreads;
    this.caPem = caPem;
  }

  /** Starts every cluster of {@code options}; on failure, whatever was started is stopped again. */
  public static Lab start(LabOptions options) {
    // two event loops are plenty for loopback traffic
    Vertx vertx = Vertx.vertx(quiet(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(2)
        .setInternalBlockingPoolSize(2)));
    ScheduledExecutorService threads = Executors.newScheduledThreadPool(2, r -> {
      Thread t = new Thread(r, "lab-controllers");
      t.setDaemon(true);
      return t;
    });
    LabCertificates certificates = options.tls() ? LabCertificates.generate() : null;
    Lab lab = new Lab(options, vertx, threads, certificates == null ? null : certificates.caPem());
    // clusters start in parallel: most of a start is waiting for a listening socket and TLS set-up
    ExecutorService starters = Executors.newFixedThreadPool(Math.min(4, options.clusters().size()));
    try {
      LoadBalancerAddresses addresses = new LoadBalancerAddresses(options.loadBalancerNetworks());
      List<Future<LabCluster>> started = new ArrayList<>();
      for (String name : options.clusters()) {
        started.add(starters.submit(() -> lab.startCluster(name, certificates, addresses)));
      }
      for (int i = 0; i < started.size(); i++) {
        lab.clusters.put(options.clusters().get(i), started.get(i).get());
      }
      if (certificates != null) {
        lab.warmUpTls();
      }
      return lab;
    } catch (ExecutionException e) {
      lab.close();
      throw e.getCause() instanceof RuntimeException r ? r
          : new IllegalStateException("the lab could not start: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      lab.close();
      throw new IllegalStateException("interrupted while starting the lab", e);
    } finally {
      starters.shutdownNow();
    }
  }

  /**
   * Options whose blocked-thread checker never warns: on a loaded 2-core machine any thread can stall past Vert.x's
   * limits (2 s, 60 s for workers), and its warnings and stack traces would reach the operator's terminal as noise.
   */
  static VertxOptions quiet(VertxOptions options) {
    return options.setMaxEventLoopExecuteTime(Long.MAX_VALUE).setMaxWorkerExecuteTime(Long.MAX_VALUE)
        .setWarningExceptionTime(Long.MAX_VALUE).setBlockedThreadCheckInterval(TimeUnit.HOURS.toMillis(1));
  }

  /** The lab's Vert.x instances (its servers', its clients'), for tests. */
  List<Vertx> vertxInstances() {
    return List.of(vertx, clientVertx);
  }

  /** The HTTP transport of the lab's own clients (a quiet Vert.x shared by all of them), for more clients of its clusters. */
  public io.fabric8.kubernetes.client.http.HttpClient.Factory httpClientFactory() {
    return clientFactory;
  }

  private LabCluster startCluster(String name, LabCertificates certificates, LoadBalancerAddresses addresses) {
    ObjectStore store = new ObjectStore();
    ResourceCatalog catalog = new ResourceCatalog();
    store.addListener(change -> {
      if (change.path().contains("customresourcedefinitions")) {
        catalog.refresh(store.list(ResourceCatalog.builtIn("apiextensions.k8s.io", "customresourcedefinitions"),
            null));
      }
    });
    Defaulting defaulting = new Defaulting();
    PodLogs logs = new PodLogs();
    Faults faults = new Faults();
    LabDispatcher dispatcher = new LabDispatcher(store, catalog, defaulting, logs);
    LabServer server = new LabServer(vertx, dispatcher, store, logs, faults, certificates == null ? null
        : new LabServer.Tls(certificates.serverCertificatePem(), certificates.serverKeyPem()));
    int port = server.start();
    String url = (certificates == null ? "http" : "https") + "://127.0.0.1:" + port;
    ClusterControllers controllers = new ClusterControllers(name, store, catalog, defaulting, faults, logs,
        addresses, options.podReadyDelay(), controllerThreads);
    LabCluster cluster = new LabCluster(name, url, caPem, dispatcher, store, catalog, server, controllers, logs, faults,
        clientFactory);
    cluster.seed(CLUSTER_BASICS);
    cluster.seed(node(name + "-node"));
    return cluster;
  }

  /**
   * The cluster's one node, as a kubelet registers it: typed clients (python-kubernetes, so kubernetes.core's
   * k8s_drain and k8s_taint) refuse a node whose {@code status.nodeInfo} lacks any of its fields.
   */
  private static String node(String name) {
    return "apiVersion: v1\nkind: Node\nmetadata: {name: " + name + ", labels: {kubernetes.io/hostname: " + name
        + ", kubernetes.io/os: linux, kubernetes.io/arch: amd64}}\n"
        + "spec: {podCIDR: 10.244.0.0/24, podCIDRs: [10.244.0.0/24]}\n"
        + "status:\n"
        + "  conditions: [{type: Ready, status: \"True\", reason: KubeletReady, message: kubelet is posting ready status}]\n"
        + "  addresses: [{type: InternalIP, address: 10.0.0.10}, {type: Hostname, address: " + name + "}]\n"
        + "  capacity: {cpu: \"8\", memory: 32Gi, pods: \"110\"}\n"
        + "  allocatable: {cpu: \"8\", memory: 32Gi, pods: \"110\"}\n"
        + "  nodeInfo: {kubeletVersion: v1.31.0, kubeProxyVersion: v1.31.0, architecture: amd64, operatingSystem: linux,"
        + " osImage: Debian GNU/Linux 12 (bookworm), kernelVersion: 6.1.0-28-amd64, containerRuntimeVersion:"
        + " containerd://1.7.22, bootID: 5f0c2b8e-0d7e-4d3e-9a51-7b2f3c1e9a40, machineID: 9a6f3c1e2b8d4e5f8a7b6c5d4e3f2a1b,"
        + " systemUUID: 4c4c4544-0042-3510-8052-b4c04f4e4d32}\n";
  }

  /**
   * One TLS handshake and request with every cluster before the lab is handed out: the first TLS handshake of a
   * JVM is slow (crypto set-up, cold code), and on a loaded machine a client's first handshake would otherwise run
   * into its own deadline (Go clients such as Helm and kubectl give up after 10 s: "TLS handshake timeout"). A
   * plain socket, not java.net.http: loading the JDK's HTTP client here would fix its settings for the whole JVM
   * (the uri module sets one before it loads it).
   */
  private void warmUpTls() {
    try {
      java.security.KeyStore trust = java.security.KeyStore.getInstance(java.security.KeyStore.getDefaultType());
      trust.load(null, null);
      trust.setCertificateEntry("lab-ca", java.security.cert.CertificateFactory.getInstance("X.509")
          .generateCertificate(new java.io.ByteArrayInputStream(caPem.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
      javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(
          javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      for (LabCluster cluster : clusters.values()) {
        java.net.URI uri = java.net.URI.create(cluster.apiUrl());
        try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) context.getSocketFactory()
            .createSocket(uri.getHost(), uri.getPort())) {
          socket.setSoTimeout((int) TimeUnit.MINUTES.toMillis(2));
          socket.startHandshake();
          socket.getOutputStream().write(("GET /version HTTP/1.1\r\nHost: " + uri.getHost() + "\r\nConnection: close\r\n\r\n")
              .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
          socket.getInputStream().readAllBytes();
        }
      }
    } catch (java.io.IOException | java.security.GeneralSecurityException e) {
      // only a warm-up: a client that connects later sees whatever the server does
    }
  }

  public LabOptions options() {
    return options;
  }

  /** The cluster of that name; IllegalArgumentException when the lab has none. */
  public LabCluster cluster(String name) {
    LabCluster cluster = clusters.get(name);
    if (cluster == null) {
      throw new IllegalArgumentException("the lab has no cluster '" + name + "' (it has " + clusters.keySet() + ")");
    }
    return cluster;
  }

  /** All clusters, in the order of {@link LabOptions#clusters()}. */
  public List<LabCluster> clusters() {
    return List.copyOf(clusters.values());
  }

  /** A kubeconfig with one context per cluster, named after it; the first cluster is the current context. */
  public String kubeconfigYaml() {
    return Kubeconfig.yaml(new ArrayList<>(clusters.values()), caPem);
  }

  /** Writes {@link #kubeconfigYaml()} to {@code file} (owner read/write only where the file system allows). */
  public void writeKubeconfig(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    // owner-only from the start: it holds the clusters' credentials (tokens, with TLS the CA)
    PrivateFiles.write(file, kubeconfigYaml());
  }

  /** Stops every cluster, its controllers and server threads. Idempotent. */
  @Override
  public void close() {
    // every cluster's server stops at once, then all are waited for together
    List<CompletableFuture<Void>> stopping = new ArrayList<>();
    clusters.values().forEach(c -> stopping.add(c.closeAsync()));
    try {
      CompletableFuture.allOf(stopping.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // best effort: the ports are released when the event loops stop below
    }
    controllerThreads.shutdownNow();
    for (Vertx v : List.of(clientVertx, vertx)) {
      try {
        v.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        // best effort: the event loop threads are daemons of a JVM that is ending its use of the lab
      }
    }
  }
}
