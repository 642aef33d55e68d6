package io.runbook.lab.controllers;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The lab's pool of LoadBalancer addresses, shared by all its clusters so that no two Services get the same one.
 * Addresses come from the documentation ranges 203.0.113.0/24 then 198.51.100.0/24; a Service that is deleted
 * and created again under the same cluster/namespace/name gets its old address back, as a sticky cloud LB would.
 */
public final class LoadBalancerAddresses {
  private static final String[] RANGES = {"203.0.113.", "198.51.100."};
  private final AtomicInteger next = new AtomicInteger();
  private final Map<String, String> assigned = new ConcurrentHashMap<>();

  public String addressFor(String serviceKey) {
    return assigned.computeIfAbsent(serviceKey, k -> {
      int n = next.getAndIncrement();
      int range = n / 244;
      if (range >= RANGES.length) {
        throw new IllegalStateException("the lab's LoadBalancer address pool is exhausted");
      }
      return RANGES[range] + (n % 244 + 10);
    });
  }
}
