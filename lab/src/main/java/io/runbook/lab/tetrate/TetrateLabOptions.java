package io.runbook.lab.tetrate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How to run the Tetrate behaviours on a {@link io.runbook.lab.Lab}.
 *
 * @param mesh {@code tsb} or {@code tse}: also the MP namespace
 * @param mpFqdn the management plane's name, e.g. {@code tsb.dr.example.test}
 * @param organization the Tetrate organization (ManagementPlane {@code spec.organization})
 * @param managementCluster the lab cluster that hosts the (new) management plane
 * @param controlPlaneClusters the lab clusters onboarded as control planes; empty means every other cluster
 * @param stateDir where the MP root CA is kept ({@code mp-root-ca.crt}, what playbooks pin, and its key)
 * @param resolver how control planes resolve {@code mpFqdn} (the lab DNS server in the application)
 * @param envoyAddresses loopback addresses the MP's envoy may be served on, tried in order
 * @param timing the scaled delays
 */
public record TetrateLabOptions(String mesh, String mpFqdn, String organization, String managementCluster,
    List<String> controlPlaneClusters, Path stateDir, MpNameResolver resolver, List<String> envoyAddresses,
    Timing timing) {

  public TetrateLabOptions {
    if (!mesh.equals("tsb") && !mesh.equals("tse")) {
      throw new IllegalArgumentException("mesh must be tsb or tse, not '" + mesh + "'");
    }
    controlPlaneClusters = List.copyOf(controlPlaneClusters);
    envoyAddresses = List.copyOf(envoyAddresses);
    Objects.requireNonNull(stateDir, "stateDir");
    Objects.requireNonNull(resolver, "resolver");
    Objects.requireNonNull(timing, "timing");
  }

  /** The MP namespace: the mesh name. */
  public String namespace() {
    return mesh;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Defaults: {@code tsb}, {@code tsb.dr.example.test}, organization {@code tetrate} ({@code tse} for TSE), cluster
   * {@code mgmt}, every other cluster a control plane, envoy on 127.0.1.10–127.0.1.199 (127.0.1.200 is the lost
   * MP's), standard timing.
   * {@code stateDir} and {@code resolver} must be given.
   */
  public static final class Builder {
    private String mesh = "tsb";
    private String mpFqdn = "tsb.dr.example.test";
    private String organization;
    private String managementCluster = "mgmt";
    private List<String> controlPlaneClusters = List.of();
    private Path stateDir;
    private MpNameResolver resolver;
    private List<String> envoyAddresses = defaultPool();
    private Timing timing = Timing.standard();

    public Builder mesh(String value) {
      mesh = value;
      return this;
    }

    public Builder mpFqdn(String value) {
      mpFqdn = value;
      return this;
    }

    public Builder organization(String value) {
      organization = value;
      return this;
    }

    public Builder managementCluster(String value) {
      managementCluster = value;
      return this;
    }

    public Builder controlPlaneClusters(List<String> value) {
      controlPlaneClusters = value;
      return this;
    }

    public Builder stateDir(Path value) {
      stateDir = value;
      return this;
    }

    public Builder resolver(MpNameResolver value) {
      resolver = value;
      return this;
    }

    public Builder envoyAddresses(List<String> value) {
      envoyAddresses = value;
      return this;
    }

    public Builder timing(Timing value) {
      timing = value;
      return this;
    }

    public TetrateLabOptions build() {
      // TSE's organization is "tse" (facts §3); TSB installs commonly use "tetrate"
      String org = organization != null ? organization : mesh.equals("tse") ? "tse" : "tetrate";
      return new TetrateLabOptions(mesh, mpFqdn, org, managementCluster, controlPlaneClusters, stateDir,
          resolver, envoyAddresses, timing);
    }

    /** The default envoy addresses: 127.0.1.10–127.0.1.199, in order. */
    public static List<String> defaultPool() {
      List<String> pool = new ArrayList<>();
      for (int i = 10; i < 200; i++) {
        pool.add("127.0.1." + i);
      }
      return pool;
    }
  }
}
