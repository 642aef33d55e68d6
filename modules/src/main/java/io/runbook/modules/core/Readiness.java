package io.runbook.modules.core;

/**
 * One thing {@code wait_for} waits for: checked repeatedly until it is ready or time runs out.
 * {@link #check} returns null when ready, otherwise why not (kept as the last error).
 */
interface Readiness {
    /** The reason given for an attempt the overall deadline cut short; it never hides an earlier, real reason. */
    String CUT_SHORT = "no answer within the time left";

    /** What is awaited, for progress lines: "127.0.0.1:8443 to accept connections". */
    String describe();

    /** The failure message at the timeout, as ansible-core 2.14's wait_for words it: "Timeout when waiting for 127.0.0.1:8443". */
    String timeoutMessage();

    /** Null when ready; otherwise the reason it is not, such as "connection refused". {@code budget} is the time left. */
    String check(java.time.Duration budget) throws InterruptedException, io.runbook.engine.module.ModuleException;
}
