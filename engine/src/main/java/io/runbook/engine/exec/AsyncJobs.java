package io.runbook.engine.exec;

import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The run's background jobs: tasks started with {@code async} and {@code poll: 0} run here, in the engine's process,
 * while their hosts go on; {@code async_status} asks for them by id. The run waits for the jobs still running before
 * it ends (Ansible leaves them running on the hosts, where this process's connections would end them).
 */
final class AsyncJobs {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Map<String, CompletableFuture<ModuleCall.Outcome>> jobs = new ConcurrentHashMap<>();
    private final AtomicInteger threads = new AtomicInteger();
    private volatile ExecutorService pool;

    /** Starts {@code body} in the background; its id, as Ansible's ({@code j} + digits + {@code .} + process id). */
    String start(Supplier<ModuleCall.Outcome> body) {
        String jid = newId();
        jobs.put(jid, CompletableFuture.supplyAsync(body, pool()));
        return jid;
    }

    static String newId() {
        return "j" + (100_000_000_000L + (RANDOM.nextLong() & Long.MAX_VALUE) % 900_000_000_000L) + "." + ProcessHandle.current().pid();
    }

    /** The job of this id, or null (never started, or cleaned up). */
    CompletableFuture<ModuleCall.Outcome> get(String jid) {
        return jobs.get(jid);
    }

    /** Forgets the job (its work goes on if it runs). */
    void remove(String jid) {
        jobs.remove(jid);
    }

    /** How many jobs are still running. */
    long running() {
        return jobs.values().stream().filter(f -> !f.isDone()).count();
    }

    /** Waits for the jobs still running (each ends at its own async limit at the latest). */
    void awaitAll() throws InterruptedException {
        for (CompletableFuture<ModuleCall.Outcome> job : jobs.values()) {
            try {
                job.get();
            } catch (java.util.concurrent.ExecutionException e) {
                // its failure is its result's; nobody asked for it
            }
        }
    }

    /** Stops waiting for the jobs (Ctrl-C): their threads are interrupted. */
    void stop() {
        ExecutorService p = pool;
        if (p != null) {
            p.shutdownNow();
            try {
                p.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private synchronized ExecutorService pool() {
        if (pool == null) {
            pool = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "async-job-" + threads.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
        return pool;
    }
}
