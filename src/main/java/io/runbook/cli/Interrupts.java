package io.runbook.cli;

import sun.misc.Signal;

/**
 * Ctrl-C: the first one stops the run cleanly (running tasks are interrupted, the recap is printed, exit
 * 99); a second one exits at once.
 */
final class Interrupts {
    private Interrupts() {
    }

    static void onCtrlC(Runnable stop) {
        try {
            final boolean[] seen = {false};
            Signal.handle(new Signal("INT"), s -> {
                if (seen[0]) {
                    Runtime.getRuntime().halt(io.runbook.engine.exec.ExitCode.INTERRUPTED);
                }
                seen[0] = true;
                System.err.println();
                System.err.println("[ERROR]: interrupted by the user; stopping (press Ctrl-C again to quit at once)");
                stop.run();
            });
            Signal.handle(new Signal("TERM"), s -> stop.run());
        } catch (IllegalArgumentException e) {
            // no such signal on this platform: the default handling applies
        }
    }
}
