package io.runbook.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The ansible-playbook runs of {@link AnsibleParityTest}, started ahead on two threads while the engine's runs go on in
 * the test's thread: ansible-playbook (one fork, as the cases need) keeps one core busy for seconds per case, which on
 * a 2-core machine left the other idle. Runs that name the same playbook file never overlap, whichever program runs
 * them ({@link #exclusive}): a case's playbook may write fixed paths (relpaths.out, /tmp/runbook-parity-yaml11-mode)
 * that its other runs write too; different playbooks write only their own temporary folders. A case that installs packages also holds the machine's
 * {@link DpkgTestLock}.
 */
final class ParityRuns<R> {
    private final ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "parity-ansible");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, CompletableFuture<R>> started = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> files = new ConcurrentHashMap<>();

    /** Starts {@code run} for {@code key} (once) under the locks of {@code playbooks}. */
    void ahead(String key, String playbooks, Supplier<R> run) {
        started.computeIfAbsent(key, k -> CompletableFuture.supplyAsync(() -> exclusive(playbooks, run), pool));
    }

    /** The result of the run started for {@code key} (started now if it was not), waiting for it. */
    R result(String key, String playbooks, Supplier<R> run) {
        ahead(key, playbooks, run);
        return started.get(key).join();
    }

    /** {@code run} while no other run of any of {@code playbooks} (space-separated file names) goes on. */
    R exclusive(String playbooks, Supplier<R> run) {
        // always in the same order: two runs that share files cannot each hold one the other waits for
        List<ReentrantLock> locks = Arrays.stream(playbooks.split(" ")).sorted().distinct()
                .map(f -> files.computeIfAbsent(f, x -> new ReentrantLock())).toList();
        locks.forEach(ReentrantLock::lock);
        try {
            return DpkgTestLock.needed(playbooks) ? DpkgTestLock.whileHeld(run) : run.get();
        } finally {
            locks.forEach(ReentrantLock::unlock);
        }
    }
}
