package io.runbook.lab.server;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Failures injected into one lab cluster: an unavailable or silent API, and pods that never become ready. */
public final class Faults {
  /** Pods in {@code namespace} whose labels include all of {@code labels} wait forever with {@code reason}. */
  public record StuckPods(String namespace, Map<String, String> labels, String reason, String message) {
    public boolean matches(String podNamespace, Map<String, String> podLabels) {
      return (namespace == null || namespace.equals(podNamespace))
          && labels.entrySet().stream().allMatch(e -> e.getValue().equals(podLabels.get(e.getKey())));
    }
  }

  /** Requests with {@code method} whose path starts with {@code pathPrefix} are held unanswered until released. */
  public record Hold(String method, String pathPrefix) {
    boolean matches(String requestMethod, String path) {
      return method.equalsIgnoreCase(requestMethod) && path != null && path.startsWith(pathPrefix);
    }
  }

  private final List<Hold> holds = new CopyOnWriteArrayList<>();
  private volatile boolean unavailable;
  private volatile boolean unresponsive;
  private volatile java.time.Duration latency = java.time.Duration.ZERO;
  private final List<StuckPods> stuckPods = new CopyOnWriteArrayList<>();

  public boolean unavailable() {
    return unavailable;
  }

  public void unavailable(boolean value) {
    unavailable = value;
  }

  public boolean unresponsive() {
    return unresponsive;
  }

  public void unresponsive(boolean value) {
    unresponsive = value;
  }

  public java.time.Duration latency() {
    return latency;
  }

  public void latency(java.time.Duration value) {
    latency = value == null || value.isNegative() ? java.time.Duration.ZERO : value;
  }

  public void hold(Hold rule) {
    holds.add(rule);
  }

  public void clearHolds() {
    holds.clear();
  }

  public boolean holds(String method, String path) {
    for (Hold hold : holds) {
      if (hold.matches(method, path)) {
        return true;
      }
    }
    return false;
  }

  /** Whether any hold rule is set (every request asks, before its path is read for {@link #holds}). */
  public boolean holding() {
    return !holds.isEmpty();
  }

  public void addStuckPods(StuckPods rule) {
    stuckPods.add(rule);
  }

  public void clearStuckPods() {
    stuckPods.clear();
  }

  /** Lifts the rules made for one namespace only (other tests' holds on a shared cluster stay). */
  public void clearStuckPods(String namespace) {
    stuckPods.removeIf(r -> namespace.equals(r.namespace()));
  }

  public StuckPods stuckRuleFor(String namespace, Map<String, String> labels) {
    return stuckPods.stream().filter(r -> r.matches(namespace, labels)).findFirst().orElse(null);
  }
}
