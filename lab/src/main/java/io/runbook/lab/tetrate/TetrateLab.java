package io.runbook.lab.tetrate;

import io.runbook.lab.Lab;
import io.runbook.lab.LabCluster;
import io.runbook.lab.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The Tetrate behaviours on top of a {@link Lab}: the simulated MP operator on the management cluster, the MP's
 * front envoy served over HTTPS on a loopback address, and a simulated control plane on every CP cluster. Start it
 * on a running lab, then {@link #apply} a scenario on fresh clusters (or {@link #resume} one whose cluster state
 * was restored from snapshots); {@link #close} stops it (not the lab).
 *
 * <pre>{@code
 * try (Lab lab = Lab.start(LabOptions.builder().clusters(List.of("mgmt", "cp-1", "cp-2", "cp-3")).build());
 *      TetrateLab tetrate = TetrateLab.start(lab, TetrateLabOptions.builder()
 *          .stateDir(Path.of(".lab-state")).resolver(labDns::resolve).build())) {
 *   ScenarioSetup setup = tetrate.apply(Scenario.MANAGEMENT_CLUSTER_LOST, Variants.defaults(), backupDir);
 *   // seed the DNS zone: mp_fqdn A setup.dnsAddress(); playbooks pin setup.rootCaFile()
 * }
 * }</pre>
 */
public final class TetrateLab implements AutoCloseable {
  /** Where the lost management plane used to be; nothing serves it. */
  public static final String OLD_MP_ADDRESS = "127.0.1.200";
  private static final String CRASH_MESSAGE = "back-off 5m0s restarting failed container";

  private final Lab lab;
  private final TetrateLabOptions options;
  private final ScheduledExecutorService threads;
  private final ManagementPlaneEndpoint endpoint;
  private final List<LabCluster> controlPlanes;
  private final OperatorClients clients = new OperatorClients();
  private volatile MpCertificates rootCa;
  private volatile boolean firewalled;
  /** The external Postgres and Elasticsearch as the scenario's variants have them. */
  private volatile ExternalStores stores = ExternalStores.defaults();
  private volatile boolean controlPlanesHeld;
  private volatile ManagementPlaneOperator managementPlaneOperator;
  private final Map<String, java.util.concurrent.atomic.AtomicLong> ticks = new java.util.concurrent.ConcurrentHashMap<>();
  /** The lab's reconcile loops cannot drop a controller, so ours go idle once this is set. */
  private volatile boolean closed;

  private TetrateLab(Lab lab, TetrateLabOptions options, MpCertificates rootCa, ManagementPlaneEndpoint endpoint) {
    this.lab = lab;
    this.options = options;
    this.rootCa = rootCa;
    this.endpoint = endpoint;
    this.controlPlanes = controlPlaneClusters(lab, options);
    // a thread per control plane (up to a bound): a request the lab holds for one (holdRequests) stalls only that one
    this.threads = Executors.newScheduledThreadPool(Math.min(controlPlanes.size(), 8) + 1, r -> {
      Thread t = new Thread(r, "lab-tetrate");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Starts the operators on {@code lab}'s clusters. The MP root CA is read from the state dir when it is there
   * (so a later run serves the same chain), else created and written there.
   */
  public static TetrateLab start(Lab lab, TetrateLabOptions options) throws IOException {
    return start(lab, options, false);
  }

  /**
   * {@link #start} with the control planes held from the first moment ({@link #holdControlPlanes}): nothing they
   * log or write can predate the state the caller sets up before releasing them.
   */
  public static TetrateLab startHeld(Lab lab, TetrateLabOptions options) throws IOException {
    return start(lab, options, true);
  }

  private static TetrateLab start(Lab lab, TetrateLabOptions options, boolean held) throws IOException {
    Path cert = options.stateDir().resolve("mp-root-ca.crt");
    Path key = options.stateDir().resolve("mp-root-ca.key");
    MpCertificates ca;
    if (Files.exists(cert) && Files.exists(key)) {
      ca = MpCertificates.read(cert, key);
    } else {
      ca = MpCertificates.newRootCa("tetrate-lab-root-ca");
      ca.write(cert, key);
    }
    ManagementPlaneEndpoint endpoint = ManagementPlaneEndpoint.bind(options.envoyAddresses(), options.mpFqdn(), ca);
    TetrateLab tetrate = new TetrateLab(lab, options, ca, endpoint);
    tetrate.controlPlanesHeld = held;
    tetrate.schedule();
    return tetrate;
  }

  private void schedule() {
    Timing timing = options.timing();
    if (hasCluster(options.managementCluster())) {
      LabCluster mgmt = lab.cluster(options.managementCluster());
      String ns = options.namespace();
      var operator = new ManagementPlaneOperator(clients.forCluster(mgmt), ns, endpoint, timing,
          line -> mgmt.appendPodLogs(ns, Map.of("name", "tsb-operator"), null, line),
          new StoreConnections(clients.forCluster(mgmt), ns, () -> stores),
          (component, line) -> mgmt.appendPodLogs(ns, Map.of("app", component), component, line));
      managementPlaneOperator = operator;
      // a component that cannot use its database crash-loops, as the real ones do
      mgmt.failPods(ns, Map.of(ManagementPlaneOperator.FAULT_ANNOTATION, StoreConnections.FAULT), "CrashLoopBackOff",
          CRASH_MESSAGE);
      mgmt.runPods(new ProbePods(clients.forCluster(mgmt),
          ClusterNetwork.management(options.resolver(), endpoint::address, () -> stores)));
      mgmt.addController(cluster -> closed ? null : operator.reconcile());
    }
    for (LabCluster cluster : controlPlanes) {
      cluster.runPods(new ProbePods(clients.forCluster(cluster),
          ClusterNetwork.controlPlane(options.resolver(), endpoint::address, () -> stores, () -> firewalled)));
    }
    // only a slow machine makes a loopback TLS probe slow (the firewall is simulated, not waited out): a short
    // timeout would log "i/o timeout" for a management plane that is merely busy
    Duration probeTimeout = Duration.ofSeconds(10);
    MpProbe probe = new MpProbe(options.mpFqdn(), options.resolver(), () -> firewalled, probeTimeout);
    for (LabCluster cluster : controlPlanes) {
      var operator = new ControlPlaneOperator(cluster, clients.forCluster(cluster), probe, options.organization(),
          timing);
      repeat(() -> {
        if (!controlPlanesHeld) {
          try {
            operator.tick();
          } finally {
            ticks.computeIfAbsent(cluster.name(), n -> new java.util.concurrent.atomic.AtomicLong()).incrementAndGet();
          }
        }
      }, timing.controlPlaneTick());
    }
  }

  /** Whether the MP operator still has components to create (an install whose waves are not all out). */
  public boolean managementPlaneInstalling() {
    ManagementPlaneOperator operator = managementPlaneOperator;
    return operator != null && operator.wavesPending();
  }

  /** What the MP's front envoy serves now. */
  ManagementPlaneEndpoint.Serving managementPlaneServing() {
    return endpoint.serving();
  }

  /** The fewest ticks any control plane has completed since the start (held time does not count): to wait for ticks. */
  public long controlPlaneTicks() {
    return controlPlanes.stream().mapToLong(c -> {
      var n = ticks.get(c.name());
      return n == null ? 0 : n.get();
    }).min().orElse(Long.MAX_VALUE);
  }

  /**
   * While held, the control planes do nothing (no probes, no log lines, no token re-issue): a resumed estate
   * holds them until its restored management plane serves again, so its restart leaves no trace in their logs.
   */
  public void holdControlPlanes(boolean held) {
    controlPlanesHeld = held;
  }

  private void repeat(Runnable task, Duration every) {
    threads.scheduleWithFixedDelay(() -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        // one failed round must not end the simulation; the next round tries again
      }
    }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Sets up {@code scenario} on fresh clusters: the control planes' {@code istio-system} (tokens of the old key,
   * trusting the old root CA), the surviving MP where there is one, the backup files in {@code backupDir}, and the
   * scenario's faults. The resolver is given the starting A record ({@link MpNameResolver#initialRecord}).
   */
  public ScenarioSetup apply(Scenario scenario, Variants variants, Path backupDir) throws IOException {
    firewalled = false;
    useStores(variants.stores());
    MpCertificates trusted = rootCa;
    if (!variants.sameRootCa()) {
      // the new MP's chain is not the one the control planes trust
      MpCertificates fresh = MpCertificates.newRootCa("tetrate-lab-new-root-ca");
      fresh.write(rootCaFile(), options.stateDir().resolve("mp-root-ca.key"));
      rootCa = fresh;
      endpoint.reissue(options.mpFqdn(), fresh);
    }
    String oldKid = ManagementPlaneManifests.OLD_KID;
    // the old MP's key: the surviving MP holds it, and the backup is a copy of it
    String oldKey = ManagementPlaneManifests.signingKey(options.namespace(), oldKid,
        MpCertificates.newSigningKeyPem());
    for (LabCluster cluster : controlPlanes) {
      cluster.seed(ControlPlaneManifests.istioSystem(cluster.name(), options.organization(), options.mpFqdn(),
          trusted.caPem(), oldKid));
    }
    if (scenario.managementPlaneAlive() && hasCluster(options.managementCluster())) {
      seedSurvivingManagementPlane(scenario, oldKey);
    }
    writeBackups(backupDir, variants, oldKey);
    resume(scenario);
    String dnsAddress = scenario.managementPlaneAlive() ? endpoint.address() : OLD_MP_ADDRESS;
    options.resolver().initialRecord(options.mpFqdn(), dnsAddress);
    return new ScenarioSetup(scenario, variants, dnsAddress, oldKid, backupDir, rootCaFile());
  }

  private void seedSurvivingManagementPlane(Scenario scenario, String signingKeyYaml) {
    LabCluster mgmt = lab.cluster(options.managementCluster());
    String ns = options.namespace();
    boolean failed = scenario == Scenario.MANAGEMENT_PLANE_FAILED;
    String fault = failed ? "crashloop" : null;
    String yaml = ManagementPlaneManifests.installed(ns, "mp", options.organization(), fault);
    // a surviving MP had completed its installation before things went wrong
    mgmt.seed(failed ? yaml : yaml + "status:\n  phase: INSTALLED\n");
    String manifest = ManagementPlaneManifests.releaseManifest(ns, "mp", options.organization(), fault);
    Map<String, Object> values = ManagementPlaneManifests.valuesMap(options.organization());
    mgmt.seed(failed ? HelmReleaseSecrets.deployedThenFailed("mp", ns, values, manifest)
        : HelmReleaseSecrets.deployed("mp", ns, values, manifest));
    mgmt.seed(signingKeyYaml);
    mgmt.seed(ManagementPlaneManifests.credentials(ns));
  }

  private void writeBackups(Path backupDir, Variants variants, String signingKeyYaml) throws IOException {
    // owner-only, as backup.yml writes them: the key and the credentials are secrets
    PrivateFiles.createDirectories(backupDir);
    Path key = backupDir.resolve("iam-signing-key.yaml");
    if (variants.signingKeyBackupPresent()) {
      PrivateFiles.write(key, signingKeyYaml);
    } else {
      Files.deleteIfExists(key);
    }
    PrivateFiles.write(backupDir.resolve("mp-values.yaml"), ManagementPlaneManifests.values(options.organization()));
    PrivateFiles.write(backupDir.resolve("credentials.yaml"), ManagementPlaneManifests.credentials(options.namespace()));
    // the configuration as backup.yml records it while the old MP was healthy (its Elasticsearch had history)
    PrivateFiles.write(backupDir.resolve("configuration.yaml"), configuration().fingerprintYaml(true));
  }

  private ConfigDatabase configuration() {
    return ConfigDatabase.lab(options.organization(), controlPlaneClusters());
  }

  /** What the external stores are like from now on (the API serves their configuration and metrics history). */
  private void useStores(ExternalStores value) {
    stores = value;
    endpoint.data(configuration(), value.metricsHistory());
  }

  /** {@link #resume(Scenario)} with the variants that live outside the clusters (the external stores). */
  public void resume(Scenario scenario, Variants variants) {
    useStores(variants.stores());
    resume(scenario);
  }

  /** The external Postgres and Elasticsearch as they are now. */
  public ExternalStores stores() {
    return stores;
  }

  /**
   * (Re-)applies the faults of {@code scenario} that cluster state does not carry (pod failure rules, an API that
   * answers 503, the CP→MP firewall): after {@link #apply}, or after restoring the clusters from snapshots.
   */
  public void resume(Scenario scenario) {
    String ns = options.namespace();
    switch (scenario) {
      case MANAGEMENT_PLANE_FAILED -> lab.cluster(options.managementCluster()).failPods(ns,
          Map.of(ManagementPlaneOperator.FAULT_ANNOTATION, "crashloop"), "CrashLoopBackOff", CRASH_MESSAGE);
      case CENTRAL_CONTROL_PLANE_FAILED -> lab.cluster(options.managementCluster()).failPods(ns,
          Map.of("app", "central"), "CrashLoopBackOff", CRASH_MESSAGE);
      case CONNECTIVITY_LOST -> firewalled = true;
      case EDGE_CONTROL_PLANE_FAILED -> controlPlane(1).failPods(ControlPlaneManifests.NAMESPACE,
          Map.of("app", "edge"), "CrashLoopBackOff", CRASH_MESSAGE);
      case WORKLOAD_CLUSTER_LOST -> controlPlane(2).unavailable(true);
      case MANAGEMENT_CLUSTER_LOST -> { }
    }
  }

  /** The contract's cp-2 / cp-3: the n-th control plane (0-based), or the last one of a smaller lab. */
  private LabCluster controlPlane(int index) {
    if (controlPlanes.isEmpty()) {
      throw new IllegalStateException("the lab has no control-plane cluster");
    }
    return controlPlanes.get(Math.min(index, controlPlanes.size() - 1));
  }

  /** While true, control planes cannot reach the MP (their connections time out); the lab's own checks still can. */
  public void firewall(boolean blocked) {
    firewalled = blocked;
  }

  /** The loopback address the MP's envoy is served on (its LoadBalancer address). */
  public String envoyAddress() {
    return endpoint.address();
  }

  /** {@code <state dir>/mp-root-ca.crt}: the CA the MP's server certificate chains to (the playbooks' ca_path). */
  public Path rootCaFile() {
    return options.stateDir().resolve("mp-root-ca.crt");
  }

  /** The key id the live MP signs tokens with, null while it is not up. */
  public String currentKid() {
    return endpoint.serving().kid();
  }

  public TetrateLabOptions options() {
    return options;
  }

  /** The names of the control-plane clusters, in order. */
  public List<String> controlPlaneClusters() {
    return controlPlanes.stream().map(LabCluster::name).toList();
  }

  private boolean hasCluster(String name) {
    return lab.clusters().stream().anyMatch(c -> c.name().equals(name));
  }

  private static List<LabCluster> controlPlaneClusters(Lab lab, TetrateLabOptions options) {
    List<LabCluster> result = new ArrayList<>();
    if (options.controlPlaneClusters().isEmpty()) {
      lab.clusters().stream().filter(c -> !c.name().equals(options.managementCluster())).forEach(result::add);
    } else {
      options.controlPlaneClusters().forEach(name -> result.add(lab.cluster(name)));
    }
    return result;
  }

  /** Stops the operators and the MP endpoint; the lab keeps running. */
  @Override
  public void close() {
    closed = true;
    threads.shutdownNow();
    endpoint.close();
    clients.close();
  }
}
