package io.runbook.cli;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition, never for a fixed time: the deadline only bounds a test that would otherwise hang. */
final class Await {
    private Await() {
    }

    static void until(Duration max, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still waiting for " + what + " after " + max.toSeconds() + " s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }
}
