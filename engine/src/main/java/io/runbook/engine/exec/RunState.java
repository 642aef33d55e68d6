package io.runbook.engine.exec;

import io.runbook.engine.inventory.Inventory;
import io.runbook.engine.module.ModuleRegistry;
import io.runbook.engine.playbook.TaskParser;
import io.runbook.engine.report.HostStats;
import io.runbook.engine.report.Redactor;
import io.runbook.engine.vars.Conditions;
import io.runbook.engine.vars.Templar;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

/** Everything one run shares: options, inventory, templating, the worker pool, stats and resources. */
final class RunState implements AutoCloseable {
    final RunOptions options;
    final Inventory inventory;
    final ModuleRegistry modules;
    final TaskParser taskParser;
    final Templar templar = new Templar();
    final Conditions conditions = new Conditions();
    final Redactor redactor;
    final Listeners listeners;
    final RunResources resources = new RunResources();
    final Map<String, HostStats> stats = new TreeMap<>();
    final Map<String, HostState> hosts = new java.util.concurrent.ConcurrentHashMap<>();
    final ExecutorService workers;
    final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "runbook-timer"));
    final AtomicBoolean interrupted = new AtomicBoolean();
    volatile boolean startReached;
    volatile boolean stopPlaybook;
    volatile boolean fatalStop;
    /** A play could not start (a play keyword rendered to something invalid): the run ends as an input error. */
    volatile boolean playbookError;

    RunState(RunOptions options, Inventory inventory, ModuleRegistry modules, Redactor redactor) {
        this.options = options;
        this.inventory = inventory;
        this.modules = modules;
        this.taskParser = new TaskParser(modules, options.roleSearch(), new io.runbook.engine.playbook.RoleCache(), java.nio.file.Path.of("").toAbsolutePath());
        this.redactor = redactor;
        this.listeners = new Listeners(options.listeners());
        this.workers = Executors.newFixedThreadPool(options.forks(), r -> daemon(r, "runbook-worker"));
        this.startReached = options.startAtTask() == null;
    }

    HostState host(String name) {
        return hosts.computeIfAbsent(name, HostState::new);
    }

    synchronized HostStats stats(String host) {
        return stats.computeIfAbsent(host, h -> new HostStats());
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void close() {
        workers.shutdownNow();
        timers.shutdownNow();
        resources.close();
    }
}
