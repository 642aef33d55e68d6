package io.runbook.cli;

import io.runbook.engine.exec.ConnectionCheck;
import io.runbook.engine.exec.HostPatterns;
import io.runbook.engine.exec.Listing;
import io.runbook.engine.exec.RunOptions;
import io.runbook.engine.exec.SelfReferenceCheck;
import io.runbook.engine.exec.VaultedValueCheck;
import io.runbook.engine.inventory.Inventory;
import io.runbook.engine.journal.RunFiles;
import io.runbook.engine.module.ConnectionTypes;
import io.runbook.engine.playbook.Playbook;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The playbooks of one run, as the command line names them: ansible-playbook takes several and runs them one after
 * the other. Each is parsed and checked with the inventory as seen from its own folder (the {@code group_vars/}
 * and {@code host_vars/} next to it count, as Ansible's vars plugins read them next to the playbook that runs).
 * All of them are read and checked before any runs, so a mistake in the last changes nothing: where
 * ansible-playbook reads each playbook only when its turn comes, after the ones before it have run.
 */
final class RunPlaybooks {
    /** One playbook and the inventory its plays see. */
    record Entry(Playbook playbook, Inventory inventory) {
    }

    private final List<Entry> entries;

    private RunPlaybooks(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * Reads the playbooks in order. The inventory of each new folder loads on a thread of its own while the playbook
     * in it is parsed (a thousand hosts' inventory costs about what the playbook's parse does at start-up); a folder's
     * inventory is loaded once. Errors come as if everything were read one after the other: the inventory's before
     * its playbook's (as ansible-playbook's do), the first playbook's before the second folder's inventory's.
     *
     * @param inventoryOf the inventory as seen from a playbook folder
     * @param parse       parses one playbook file
     */
    static RunPlaybooks read(List<Path> files, Function<Path, Inventory> inventoryOf, Function<Path, Playbook> parse) {
        Map<Path, InventoryLoading> byFolder = new HashMap<>();
        List<InventoryLoading> inventories = new ArrayList<>();
        List<Playbook> books = new ArrayList<>();
        RuntimeException parseError = null;
        Error parseFailure = null;
        for (Path file : files) {
            Path folder = folder(file);
            inventories.add(byFolder.computeIfAbsent(folder, f -> InventoryLoading.start(() -> inventoryOf.apply(f))));
            try {
                books.add(parse.apply(file));
            } catch (RuntimeException e) {
                parseError = e;
                break;
            } catch (Error e) {
                parseFailure = e;
                break;
            }
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < inventories.size(); i++) {
            Inventory inventory = inventories.get(i).join();
            if (i == books.size()) {
                // the playbook that failed to parse, once every inventory before it (and its own) loaded cleanly
                if (parseFailure != null) {
                    throw parseFailure;
                }
                throw parseError;
            }
            entries.add(new Entry(books.get(i), inventory));
        }
        return new RunPlaybooks(entries);
    }

    /**
     * The same playbooks with their inventories read again ({@code inventoryOf}, once per folder): as Ansible asks its
     * vars plugins on demand, those of the roles' {@code vars_plugins/} folders, known once the playbooks are read,
     * give variables from the first play on.
     */
    RunPlaybooks withInventories(Function<Path, Inventory> inventoryOf) {
        Map<Path, Inventory> byFolder = new HashMap<>();
        return new RunPlaybooks(entries.stream().map(e -> new Entry(e.playbook(),
                byFolder.computeIfAbsent(folder(e.playbook().file()), inventoryOf))).toList());
    }

    /** One folder's inventory, loading on a thread of its own; {@link #join} gives it or throws what its load threw. */
    private static final class InventoryLoading {
        // a FutureTask, not a CompletableFuture: that one's class initialisation sets up the common ForkJoinPool
        private final java.util.concurrent.FutureTask<Inventory> result;

        private InventoryLoading(java.util.function.Supplier<Inventory> load) {
            result = new java.util.concurrent.FutureTask<>(load::get);
        }

        static InventoryLoading start(java.util.function.Supplier<Inventory> load) {
            InventoryLoading loading = new InventoryLoading(load);
            Thread t = new Thread(loading.result, "runbook-inventory");
            // the thread that reads the command line's start-up files: it never holds the JVM open
            t.setDaemon(true);
            t.start();
            return loading;
        }

        /** The inventory, or what its load threw, thrown as it was (a user error, an unchecked exception, an error). */
        Inventory join() {
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        return result.get();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    } catch (java.util.concurrent.ExecutionException e) {
                        Throwable cause = e.getCause();
                        if (cause instanceof RuntimeException r) {
                            throw r;
                        }
                        if (cause instanceof Error err) {
                            throw err;
                        }
                        throw new IllegalStateException(cause);
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** The inventory the run starts with: as seen from the first playbook's folder. */
    Inventory firstInventory() {
        return entries.get(0).inventory();
    }

    List<Playbook> playbooks() {
        return entries.stream().map(Entry::playbook).toList();
    }

    /**
     * The warnings of every inventory (each once, with ansible's for one without hosts, run for {@code pattern}, unless
     * {@code localhostWarning} is off) and every playbook, in the order they were read.
     */
    void warnings(String pattern, boolean localhostWarning, Consumer<String> warn) {
        inventories().forEach(i -> {
            i.warnings().forEach(warn);
            if (localhostWarning) {
                i.hostListWarnings(pattern).forEach(warn);
            }
        });
        entries.forEach(e -> e.playbook().warnings().forEach(warn));
    }

    /** The deprecations every playbook showed while it was read, in the order they were read. */
    void deprecations(Consumer<io.runbook.engine.module.Deprecation> show) {
        entries.forEach(e -> e.playbook().deprecations().forEach(show));
    }

    /**
     * The lines of every inventory (each once) up to {@code verbosity}, in order: at {@code -v} the inventory plugins'
     * files read, at {@code -vvv} the plugins that declined or parsed each source.
     */
    void inventoryPlugins(int verbosity, Consumer<String> show) {
        inventories().forEach(i -> i.pluginsUsed(verbosity).forEach(show));
    }

    /** The {@code -vvvv} lines of every inventory (each once), in the order they were read. */
    void inventoryDetails(Consumer<String> show) {
        inventories().forEach(i -> i.details().forEach(show));
    }

    /** Each inventory once (playbooks of one folder share theirs). */
    private List<Inventory> inventories() {
        List<Inventory> seen = new ArrayList<>();
        for (Entry e : entries) {
            if (seen.stream().noneMatch(i -> i == e.inventory())) {
                seen.add(e.inventory());
            }
        }
        return seen;
    }

    /** The checks every run makes before its first task: host patterns, self references, connections. */
    void check(RunOptions options, io.runbook.engine.module.ModuleRegistry modules) {
        // the connection types on the class path, looked up once: the run's Python connection plugins use them too
        ConnectionTypes types = ConnectionTypes.load();
        modules.actionPlugins().connections().types(types);
        ConnectionTypes withPlugins = types.withPlugins(modules.actionPlugins().connections()::has);
        for (Entry e : entries) {
            HostPatterns.check(e.playbook(), e.inventory(), options);
            SelfReferenceCheck.check(e.playbook(), e.inventory(), options);
            ConnectionCheck.check(e.playbook(), e.inventory(), options, withPlugins);
        }
    }

    /**
     * Before a run (or its check-mode rehearsal): every {@code !vault} value it can use must open with the password
     * given for its vault id ({@link VaultedValueCheck}); a mistyped password changes nothing.
     */
    void checkVaultedValues(RunOptions options) {
        VaultedValueCheck check = new VaultedValueCheck(options);
        entries.forEach(e -> check.add(e.playbook(), e.inventory()));
        check.throwIfAny();
    }

    /** {@code --syntax-check}'s report: each playbook's name, as ansible-playbook prints them once all passed. */
    void printSyntaxChecked(PrintWriter out) {
        for (Entry e : entries) {
            out.println();
            out.println("playbook: " + e.playbook().file());
        }
    }

    /** {@code --list-tasks}, {@code --list-hosts}, {@code --list-tags}: one listing per playbook, in order. */
    void printListing(PrintWriter out, RunOptions options, boolean hosts, boolean tasks, boolean tags) {
        for (Entry e : entries) {
            new Listing(e.playbook(), options).print(out, e.inventory(), hosts, tasks, tags);
        }
    }

    /** The files every playbook reads (see {@link RunFiles}) with their SHA-256, for the run's journal. */
    Map<String, String> files(List<String> inventorySources, List<Path> extraVarsFiles) {
        Map<String, String> out = new TreeMap<>();
        entries.forEach(e -> out.putAll(RunFiles.of(e.playbook(), inventorySources, extraVarsFiles)));
        return out;
    }

    private static Path folder(Path file) {
        return file.toAbsolutePath().normalize().getParent();
    }
}
