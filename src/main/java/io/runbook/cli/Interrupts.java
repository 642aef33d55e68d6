package io.runbook.cli;

import sun.misc.Signal;

/**
 * Ctrl-C: the first one stops the run cleanly (running tasks are interrupted, the recap is printed, exit
 * 99); a second one exits at once. SIGTERM stops it the same way, silently; a second SIGTERM (or Ctrl-C after one)
 * exits at once, for a process whose clean stop hangs.
 */
final class Interrupts {
    private Interrupts() {
    }

    static void onCtrlC(Runnable stop) {
        try {
            java.util.concurrent.atomic.AtomicBoolean seen = new java.util.concurrent.atomic.AtomicBoolean();
            Signal.handle(new Signal("INT"), s -> {
                if (seen.getAndSet(true)) {
                    Runtime.getRuntime().halt(io.runbook.engine.exec.ExitCode.INTERRUPTED);
                }
                System.err.println();
                System.err.println("[ERROR]: interrupted by the user; stopping (press Ctrl-C again to quit at once)");
                stop.run();
            });
            Signal.handle(new Signal("TERM"), s -> {
                if (seen.getAndSet(true)) {
                    Runtime.getRuntime().halt(io.runbook.engine.exec.ExitCode.INTERRUPTED);
                }
                stop.run();
            });
        } catch (IllegalArgumentException e) {
            // no such signal on this platform: the default handling applies
        }
    }
}
