package io.runbook.lab.controllers;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The lab's pool of LoadBalancer addresses, shared by all its clusters so that no two Services get the same one.
 * Addresses come from the configured /24 networks in order (.10 to .253 of each); a Service that is deleted and
 * created again under the same cluster/namespace/name gets its old address back, as a sticky cloud LB would.
 */
public final class LoadBalancerAddresses {
  private final List<String> networks;
  private final AtomicInteger next = new AtomicInteger();
  private final Map<String, String> assigned = new ConcurrentHashMap<>();

  /** @param networks first three octets with a trailing dot, e.g. "203.0.113." */
  public LoadBalancerAddresses(List<String> networks) {
    this.networks = List.copyOf(networks);
  }

  public String addressFor(String serviceKey) {
    return assigned.computeIfAbsent(serviceKey, k -> {
      int n = next.getAndIncrement();
      int range = n / 244;
      if (range >= networks.size()) {
        throw new IllegalStateException("the lab's LoadBalancer address pool is exhausted");
      }
      return networks.get(range) + (n % 244 + 10);
    });
  }
}
