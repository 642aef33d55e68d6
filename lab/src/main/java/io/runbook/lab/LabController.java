package io.runbook.lab;

import java.time.Duration;

/**
 * A simulated controller added to a lab cluster (an operator, a token issuer, ...), run in that cluster's
 * reconcile loop after the built-in controllers: after every change to any object of the cluster, and when it
 * asked to be run again.
 *
 * <p>It is called on a lab controller thread, never concurrently with the other controllers of the same cluster.
 * It should read the cluster's state and write what differs (through {@link LabCluster#client()}), return
 * quickly, and be idempotent: its own writes trigger further calls.
 */
@FunctionalInterface
public interface LabController {
  /**
   * Brings {@code cluster} one step closer to what this controller wants.
   *
   * @return how soon to be called again even if nothing changes, or null to wait for the next change
   */
  Duration reconcile(LabCluster cluster);
}
