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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

/** Everything one run shares: options, inventory, templating, the worker pool, stats and resources. */
final class RunState implements AutoCloseable {
    final RunOptions options;
    /** The run's inventory: replaced (never changed in place) when group_by adds a host to a group. */
    volatile Inventory inventory;
    /** The folder of the playbook that runs: the inventory's {@code group_vars/} and {@code host_vars/} next to it count. */
    private java.nio.file.Path playbookDir;
    /** What add_host and group_by did, in order: done again on the inventory refresh_inventory reads. */
    private final java.util.List<Dynamic> dynamic = new java.util.ArrayList<>();
    /** Hosts a refresh_inventory dropped, with the last inventory that had them: a play they are in goes on with it. */
    private final Map<String, Inventory> departed = new java.util.concurrent.ConcurrentHashMap<>();
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
    final Workers workers;
    final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "runbook-timer"));
    final AtomicBoolean interrupted = new AtomicBoolean();
    /** --step's questions, and whether they are still asked. */
    final StepMode step;
    final TaskDebugger debugger;
    /** The modules' {@link io.runbook.engine.module.Result#later} results the run waits for, without a thread each. */
    final LaterResults later = new LaterResults(timers, interrupted);
    /** Ansible's throttle: how many hosts may run a task at once. */
    final ThrottleGate throttle = new ThrottleGate();
    final TaskJournal journal;
    final TaskIds ids;
    final Resumption resumption;
    /** Tasks started with async and poll: 0, for async_status. */
    final AsyncJobs asyncJobs = new AsyncJobs();
    /** When the run began: now, or the first session's start when resuming. */
    final java.time.Instant started;
    volatile boolean startReached;
    /** Whether any play of the running playbook matched at least one host (a playbook whose every play matched none warns). */
    volatile boolean anyHostMatched;
    volatile boolean stopPlaybook;
    volatile boolean fatalStop;
    /** A mistake found while a task ran that stops the whole run at once, without a recap (see {@link RunAborted}). */
    volatile io.runbook.engine.error.UserError aborted;
    /** The exit code of {@link #aborted} when it is not the one {@link ExitCode#of} gives it. */
    volatile Integer abortedCode;

    RunState(RunOptions options, Inventory inventory, ModuleRegistry modules, Redactor redactor, java.nio.file.Path playbookDir) {
        this.options = options;
        this.inventory = inventory;
        this.playbookDir = playbookDir;
        this.modules = modules;
        this.taskParser = new TaskParser(modules, options.roleSearch(), new io.runbook.engine.playbook.RoleCache(),
                java.nio.file.Path.of("").toAbsolutePath(), options.hashBehaviour());
        this.redactor = redactor;
        this.templar = new Templar(redactor::add);
        this.templar.lookups(new LookupRegistry(this));
        this.templar.templatePlugins(modules.pythonPlugins());
        this.templar.environment(options.environment());
        // Ansible's DEFAULT_JINJA2_NATIVE (ANSIBLE_JINJA2_NATIVE, ansible.cfg's jinja2_native)
        this.templar.jinja2Native(Boolean.TRUE.equals(((io.runbook.engine.config.SettingValues) options.services()
                .getOrDefault(io.runbook.engine.config.SettingValues.class, io.runbook.engine.config.SettingValues.NONE))
                .base().get("DEFAULT_JINJA2_NATIVE")));
        this.conditions = new Conditions(templar);
        this.listeners = new Listeners(options.listeners());
        this.templar.warnings(listeners::warning);  // the controller's display: each warning once per run
        PromptInput input = new PromptInput(listeners);
        this.step = new StepMode(options.step(), input);
        this.debugger = new TaskDebugger(options.services().get(TaskDebuggerSetting.class) instanceof TaskDebuggerSetting d && d.on(),
                input);
        this.workers = Workers.of(options.forks(), r -> daemon(r, "runbook-worker"));
        this.startReached = options.startAtTask() == null;
        this.journal = options.journal();
        // the first playbook's folder for the whole run: a resumed run of the same playbooks names its tasks alike
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
        String named = groupName(group);
        java.util.List<String> under = parents.stream().map(this::groupName).toList();
        return change(new Dynamic(host, true, i -> i.withHostInGroup(host, named, under)));
    }

    /** Adds or updates a host for the rest of the run, as add_host does; whether that changed the inventory. */
    synchronized boolean addHost(String host, java.util.List<String> groups, Map<String, Object> vars) {
        java.util.List<String> named = groups.stream().map(this::groupName).toList();
        return change(new Dynamic(host, false, i -> i.withHost(host, named, vars)));
    }

    /**
     * After include_role read a role: its {@code vars_plugins/}, when new, give the hosts' variables from now on (for
     * the rest of the run), as Ansible's role loading adds the role's plugin folders.
     */
    synchronized void roleLoaded() {
        change(new Dynamic(null, false, Inventory::withRoleVarsPlugins));
    }

    /** The run's TRANSFORM_INVALID_GROUP_CHARS (a service the application registers; never when it has not). */
    private io.runbook.engine.inventory.GroupNameChars groupNameChars() {
        return (io.runbook.engine.inventory.GroupNameChars) options.services().getOrDefault(
                io.runbook.engine.inventory.GroupNameChars.class, io.runbook.engine.inventory.GroupNameChars.NEVER);
    }

    /**
     * The name a group group_by or add_host names gets: as written when the inventory has it, else as the inventory's
     * {@link io.runbook.engine.inventory.GroupNameChars} setting makes it (with its -vvvv line and warning), as
     * Ansible's add_group makes a new group.
     */
    private String groupName(String group) {
        if (inventory.hasGroup(group)) {
            return group;
        }
        return groupNameChars().safe(group, new io.runbook.engine.inventory.GroupNameChars.Notes() {
                    @Override
                    public void detail(String line) {
                        listeners.verbose(4, null, line);
                    }

                    @Override
                    public void warning(String text) {
                        listeners.warning(text);
                    }
                });
    }

    /** One add_host or group_by; a group_by is not done again for a host the refreshed inventory no longer has. */
    private record Dynamic(String host, boolean needsHost, java.util.function.UnaryOperator<Inventory> how) {
        Inventory apply(Inventory i) {
            return needsHost && i.host(host).isEmpty() ? i : how.apply(i);
        }
    }

    private boolean change(Dynamic d) {
        Inventory before = inventory;
        try {
            inventory = d.apply(before);
        } catch (io.runbook.engine.error.PluginFailure e) {
            // a vars plugin raised about the new host or group: the run stops before its next task, as
            // ansible-playbook's does when it asks the plugins for that host's variables
            if (aborted == null) {
                aborted = e;
            }
            return false;
        }
        if (inventory != before) {
            dynamic.add(d);
        }
        return inventory != before;
    }

    /**
     * The next playbook of a run of several starts. In another folder, the inventory is read again as seen from
     * there (Ansible's vars plugins read the {@code group_vars/} and {@code host_vars/} next to the playbook that
     * runs), and what add_host and group_by did so far is done again on it; in the same folder nothing changes.
     */
    synchronized void enterPlaybook(java.nio.file.Path folder) {
        if (folder.equals(playbookDir)) {
            return;
        }
        playbookDir = folder;
        refreshInventory();
    }

    /**
     * {@code meta: refresh_inventory}, as Ansible's: the inventory sources read again (a source that now names other
     * hosts changes the next plays' hosts), then what add_host and group_by did so far done again on it.
     */
    synchronized void refreshInventory() {
        Inventory fresh = Inventory.load(options.inventories(), playbookDir, options.hashBehaviour(), groupNameChars(),
                options.extraVars(), (io.runbook.engine.inventory.InventorySettings) options.services().getOrDefault(
                        io.runbook.engine.inventory.InventorySettings.class, io.runbook.engine.inventory.InventorySettings.WARN));
        fresh.warnings().forEach(listeners::warning);
        for (Dynamic d : dynamic) {
            fresh = d.apply(fresh);
        }
        Inventory before = inventory;
        for (io.runbook.engine.inventory.Host h : before.hosts()) {
            if (fresh.host(h.name()).isEmpty()) {
                departed.put(h.name(), before);
            }
        }
        inventory = fresh;
    }

    /**
     * The inventory that knows {@code host}: the run's, or for a host a refresh_inventory dropped the last one that
     * had it (as in Ansible, the play it is in keeps running it with its variables and groups; later plays do not
     * have it).
     */
    Inventory inventoryOf(String host) {
        Inventory now = inventory;
        return now.host(host).isPresent() ? now : departed.getOrDefault(host, now);
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
        // jobs of async tasks with poll: 0 still running end first (their connections end with the run); Ctrl-C stops them
        if (interrupted.get()) {
            asyncJobs.stop();
        } else {
            long running = asyncJobs.running();
            if (running > 0) {
                listeners.warning("waiting for " + running + " async job" + (running == 1 ? "" : "s") + " (poll: 0) to finish");
                try {
                    asyncJobs.awaitAll();
                } catch (InterruptedException e) {
                    asyncJobs.stop();
                    Thread.currentThread().interrupt();
                }
            }
        }
        workers.shutdownNow();
        timers.shutdownNow();
        // after a Ctrl-C too the closes are waited for (each at most its limit; a second Ctrl-C quits at once): what a
        // wait left on a server when it was cancelled (cluster_probe's Job and Secret) is deleted before the process ends
        boolean interrupted = Thread.interrupted();
        try {
            resources.close();
        } finally {
            modules.pluginHost().close();  // the Python plugins' process: its filters, lookups and vars plugins
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
