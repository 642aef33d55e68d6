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
    /** The run's inventory: replaced (never changed in place) when group_by adds a host to a group. */
    volatile Inventory inventory;
    final ModuleRegistry modules;
    final TaskParser taskParser;
    final Templar templar;
    final Conditions conditions;
    final Redactor redactor;
    final Listeners listeners;
    final RunResources resources = new RunResources();
    final Map<String, HostStats> stats = new TreeMap<>();
    final Map<String, HostState> hosts = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger hostNumbers = new java.util.concurrent.atomic.AtomicInteger();
    final ExecutorService workers;
    final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "runbook-timer"));
    final AtomicBoolean interrupted = new AtomicBoolean();
    final TaskJournal journal;
    final TaskIds ids;
    final Resumption resumption;
    /** When the run began: now, or the first session's start when resuming. */
    final java.time.Instant started;
    volatile boolean startReached;
    /** Whether any play matched at least one host (a playbook whose every play matched none warns). */
    volatile boolean anyHostMatched;
    volatile boolean stopPlaybook;
    volatile boolean fatalStop;
    /** A play could not start (a play keyword rendered to something invalid): the run ends as an input error. */
    volatile boolean playbookError;
    /** A mistake found while a task ran that stops the whole run at once, without a recap (see {@link RunAborted}). */
    volatile io.runbook.engine.error.UserError aborted;

    RunState(RunOptions options, Inventory inventory, ModuleRegistry modules, Redactor redactor, java.nio.file.Path playbookDir) {
        this.options = options;
        this.inventory = inventory;
        this.modules = modules;
        this.taskParser = new TaskParser(modules, options.roleSearch(), new io.runbook.engine.playbook.RoleCache(), java.nio.file.Path.of("").toAbsolutePath());
        this.redactor = redactor;
        this.templar = new Templar(redactor::add);
        this.templar.lookups(new LookupRegistry(this));
        this.conditions = new Conditions(templar);
        this.listeners = new Listeners(options.listeners());
        this.workers = Executors.newFixedThreadPool(options.forks(), r -> daemon(r, "runbook-worker"));
        this.startReached = options.startAtTask() == null;
        this.journal = options.journal();
        this.ids = new TaskIds(playbookDir);
        this.resumption = new Resumption(this);
        this.started = journal.firstStarted().orElse(java.time.Instant.now());
    }

    HostState host(String name) {
        return hosts.computeIfAbsent(name, n -> {
            HostState h = new HostState(n, hostNumbers.getAndIncrement());
            h.replaying = journal.resuming();
            return h;
        });
    }

    /**
     * Puts {@code host} into {@code group} (made when missing, under {@code parents}) for the rest of the run, as
     * group_by does; whether that changed the inventory.
     */
    synchronized boolean addToGroup(String host, String group, java.util.List<String> parents) {
        Inventory before = inventory;
        inventory = before.withHostInGroup(host, group, parents);
        return inventory != before;
    }

    /** Adds or updates a host for the rest of the run, as add_host does; whether that changed the inventory. */
    synchronized boolean addHost(String host, java.util.List<String> groups, Map<String, Object> vars) {
        Inventory before = inventory;
        inventory = before.withHost(host, groups, vars);
        return inventory != before;
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
