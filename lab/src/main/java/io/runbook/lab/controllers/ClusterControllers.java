package io.runbook.lab.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import io.runbook.lab.server.Defaulting;
import io.runbook.lab.server.Json;
import io.runbook.lab.server.Faults;
import io.runbook.lab.server.ObjectStore;
import io.runbook.lab.server.PodLogs;
import io.runbook.lab.server.ResourceCatalog;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Everything one lab cluster does on its own, as one level-triggered reconcile pass: any change to the store
 * schedules a pass (changes arriving together share one), a pass runs every controller over the whole store and
 * writes only what differs, and its own writes schedule the next pass until nothing changes.
 */
public final class ClusterControllers implements AutoCloseable {
  private static final long DEBOUNCE_MILLIS = 15;
  private final ScheduledExecutorService executor;
  private final Housekeeping housekeeping;
  private final WorkloadControllers workloads;
  private final SetControllers sets;
  private final PodLifecycle pods;
  private final ServiceEndpoints endpoints;
  private final CrdConditions crds;
  private final AtomicBoolean pending = new AtomicBoolean();
  /** Whether the next pass runs the built-in controllers (else only the added ones): see {@link #concernsBuiltIns}. */
  private final AtomicBoolean builtInsWanted = new AtomicBoolean(true);
  private final java.util.concurrent.atomic.AtomicLong passes = new java.util.concurrent.atomic.AtomicLong();
  private final List<LongSupplier> extras = new CopyOnWriteArrayList<>();
  private final java.util.Set<String> reported = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final String cluster;
  private volatile boolean closed;

  public ClusterControllers(String cluster, ObjectStore store, ResourceCatalog catalog, Defaulting defaulting,
      Faults faults, PodLogs logs, LoadBalancerAddresses addresses, Duration readyDelay,
      ScheduledExecutorService executor) {
    this.executor = executor;
    this.cluster = cluster;
    ControllerObjects objects = new ControllerObjects(store);
    this.housekeeping = new Housekeeping(objects, catalog, addresses, cluster);
    this.workloads = new WorkloadControllers(objects, defaulting);
    this.sets = new SetControllers(objects, workloads);
    this.endpoints = new ServiceEndpoints(objects);
    this.crds = new CrdConditions(objects);
    this.pods = new PodLifecycle(objects, faults, logs, readyDelay, cluster + "-node");
    store.addListener(change -> {
      if (concernsBuiltIns(store, change)) {
        builtInsWanted.set(true);
      }
      requestPass(DEBOUNCE_MILLIS);
    });
  }

  /**
   * Whether a change can matter to a built-in controller. None of them reads Secrets or ConfigMaps: one without owner
   * references concerns them only when it is deleted and something is about it (an object it owns, an event naming it:
   * they go with it) or something is being deleted (its namespace may be emptying, then goes). Passing over the built-ins for the
   * others keeps a client writing and deleting Secrets from paying for a whole pass (every kind listed and parsed) per
   * request: with hundreds of clusters in one lab, that was most of the lab's CPU time.
   */
  static boolean concernsBuiltIns(ObjectStore store, ObjectStore.Change change) {
    JsonNode object = change.object();
    String kind = object.path("kind").asText("");
    if (!(kind.equals("Secret") || kind.equals("ConfigMap")) || !object.path("metadata").path("ownerReferences").isEmpty()) {
      return true;
    }
    if (!change.deleted()) {
      return false;
    }
    // read from the stored JSON as it is, without the dispatcher's lock: this runs inside the store's change
    // announcement, and taking that lock here could deadlock with a write that holds it. A store that never held an
    // owner reference, an event or a deletion has nothing to search (a plain cluster whose tokens a client rotates).
    String uid = Json.uid(object);
    return uid == null || uid.isEmpty() || store.relationsSeen() && store.mentionsAny(uid, "\"deletionTimestamp\"");
  }

  /**
   * Adds a controller run after the built-in ones in every pass; it returns the nanoTime at which it wants to run
   * again, or Long.MAX_VALUE.
   */
  public void add(LongSupplier controller) {
    extras.add(controller);
    poke();
  }

  /** Adds a program that decides what pods running to completion print and exit with (see {@link io.runbook.lab.PodProgram}). */
  public void runPods(io.runbook.lab.PodProgram program) {
    pods.addProgram(program);
    poke();
  }

  /** Asks for a pass soon, e.g. after a fault rule changed. */
  public void poke() {
    builtInsWanted.set(true);
    requestPass(DEBOUNCE_MILLIS);
  }

  /**
   * Asks for a pass of the added controllers soon, for news one of them heard from its own store listener. The
   * store's announcement of a change reaches this loop's listener first: when a pass was already pending then, that
   * pass may start and read the added controller's state before its listener has recorded the news, and no later
   * pass would come for it.
   */
  public void wakeAdded() {
    requestPass(DEBOUNCE_MILLIS);
  }

  /** A pass of every controller, at a time one of them asked for. */
  private void timedPass() {
    builtInsWanted.set(true);
    requestPass(0);
  }

  private void requestPass(long delayMillis) {
    if (!closed && pending.compareAndSet(false, true)) {
      executor.schedule(this::pass, delayMillis, TimeUnit.MILLISECONDS);
    }
  }

  private synchronized void pass() {
    pending.set(false);
    if (closed) {
      return;
    }
    try {
      long builtInsDue = builtInsWanted.getAndSet(false) ? reconcileBuiltIns() : Long.MAX_VALUE;
      long extrasDue = Long.MAX_VALUE;
      for (LongSupplier extra : extras) {
        extrasDue = Math.min(extrasDue, runExtra(extra));
      }
      // a built-in's time (a pod turning ready) is a pass of every controller; an added one's (a Secret re-issued
      // later) only of the added ones
      schedule(builtInsDue, this::timedPass);
      if (extrasDue < builtInsDue) {
        schedule(extrasDue, () -> requestPass(0));
      }
    } catch (RuntimeException e) {
      // a failed pass must not stop the loop: say so (once per distinct failure), and try again shortly
      report("a controller pass failed, retrying in 0.5 s", e);
      executor.schedule(this::timedPass, 500, TimeUnit.MILLISECONDS);
    } finally {
      passes.incrementAndGet();
    }
  }

  private void schedule(long dueNanos, Runnable pass) {
    if (dueNanos != Long.MAX_VALUE) {
      long waitMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(dueNanos - System.nanoTime()) + 1);
      executor.schedule(pass, waitMillis, TimeUnit.MILLISECONDS);
    }
  }

  /** Runs the built-in controllers; returns the nanoTime at which one of them is next due, or MAX_VALUE. */
  private long reconcileBuiltIns() {
    long housekeepingDue = housekeeping.reconcile();
    crds.reconcile();
    workloads.reconcile();
    sets.reconcile();
    long due = Math.min(housekeepingDue, pods.reconcile());
    endpoints.reconcile();
    return due;
  }

  /** How many passes have completed: a pass that completes after this count grew twice started after it was read. */
  public long passes() {
    return passes.get();
  }

  private long runExtra(LongSupplier extra) {
    try {
      return extra.getAsLong();
    } catch (RuntimeException e) {
      // a failing added controller is retried shortly, like a crashing operator being restarted
      report("a lab operator failed, retrying in 1 s", e);
      return System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
    }
  }

  /** A lab bug must not pass silently, nor flood the output while it repeats: each distinct failure is said once. */
  private void report(String what, RuntimeException e) {
    String failure = e.toString();
    if (reported.add(failure)) {
      System.err.println("lab " + cluster + ": " + what + ": " + failure);
    }
  }

  @Override
  public void close() {
    closed = true;
  }
}
