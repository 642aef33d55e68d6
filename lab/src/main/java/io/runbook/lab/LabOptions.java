package io.runbook.lab;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How to start a {@link Lab}.
 *
 * @param clusters cluster names, in order; each becomes a kubeconfig context of the same name (never empty,
 *     no duplicates, DNS-label-like names)
 * @param tls serve HTTPS with a lab CA (pinned in the kubeconfig) instead of plain HTTP
 * @param podReadyDelay how long a pod stays Pending/ContainerCreating before it runs and becomes Ready
 * @param loadBalancerNetworks the /24 networks LoadBalancer addresses come from, in order, each written as its
 *     first three octets with a trailing dot (e.g. {@code "203.0.113."}); a loopback network such as
 *     {@code "127.0.10."} lets a scenario really serve the addresses on this machine
 */
public record LabOptions(List<String> clusters, boolean tls, Duration podReadyDelay,
    List<String> loadBalancerNetworks) {

  public LabOptions {
    clusters = List.copyOf(clusters);
    if (clusters.isEmpty()) {
      throw new IllegalArgumentException("a lab needs at least one cluster");
    }
    if (clusters.stream().distinct().count() != clusters.size()) {
      throw new IllegalArgumentException("cluster names must be unique: " + clusters);
    }
    for (String name : clusters) {
      if (!name.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?")) {
        throw new IllegalArgumentException("invalid cluster name '" + name
            + "': use lower-case letters, digits, '-' and '.'");
      }
    }
    loadBalancerNetworks = List.copyOf(loadBalancerNetworks);
    if (loadBalancerNetworks.isEmpty() || !loadBalancerNetworks.stream()
        .allMatch(n -> n.matches("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){2}\\."))) {
      throw new IllegalArgumentException("LoadBalancer networks must be written like \"203.0.113.\": "
          + loadBalancerNetworks);
    }
    Objects.requireNonNull(podReadyDelay, "podReadyDelay");
    if (podReadyDelay.isNegative()) {
      throw new IllegalArgumentException("podReadyDelay must not be negative");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Defaults: no clusters yet, HTTP, pods ready after 300 ms, LoadBalancer addresses from 203.0.113.0/24. */
  public static final class Builder {
    private final List<String> clusters = new ArrayList<>();
    private boolean tls;
    private Duration podReadyDelay = Duration.ofMillis(300);
    private List<String> loadBalancerNetworks = List.of("203.0.113.", "198.51.100.");

    public Builder clusters(List<String> names) {
      clusters.clear();
      clusters.addAll(names);
      return this;
    }

    public Builder tls(boolean value) {
      tls = value;
      return this;
    }

    public Builder podReadyDelay(Duration value) {
      podReadyDelay = value;
      return this;
    }

    public Builder loadBalancerNetworks(List<String> networks) {
      loadBalancerNetworks = List.copyOf(networks);
      return this;
    }

    public LabOptions build() {
      return new LabOptions(clusters, tls, podReadyDelay, loadBalancerNetworks);
    }
  }
}
