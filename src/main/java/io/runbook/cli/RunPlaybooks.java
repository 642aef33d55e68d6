package io.runbook.cli;

import io.runbook.engine.exec.ConnectionCheck;
import io.runbook.engine.exec.HostPatterns;
import io.runbook.engine.exec.Listing;
import io.runbook.engine.exec.RunOptions;
import io.runbook.engine.exec.SelfReferenceCheck;
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
     * Reads the playbooks in order. The inventory of each new folder is loaded before the playbook in it is parsed
     * (its errors come first, as ansible-playbook's do); a folder's inventory is loaded once.
     *
     * @param inventoryOf the inventory as seen from a playbook folder
     * @param parse       parses one playbook file
     */
    static RunPlaybooks read(List<Path> files, Function<Path, Inventory> inventoryOf, Function<Path, Playbook> parse) {
        Map<Path, Inventory> byFolder = new HashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Path file : files) {
            Inventory inventory = byFolder.computeIfAbsent(folder(file), inventoryOf);
            entries.add(new Entry(parse.apply(file), inventory));
        }
        return new RunPlaybooks(entries);
    }

    /** The inventory the run starts with: as seen from the first playbook's folder. */
    Inventory firstInventory() {
        return entries.get(0).inventory();
    }

    List<Playbook> playbooks() {
        return entries.stream().map(Entry::playbook).toList();
    }

    /** The warnings of every inventory (each once) and every playbook, in the order they were read. */
    void warnings(Consumer<String> warn) {
        List<Inventory> seen = new ArrayList<>();
        for (Entry e : entries) {
            if (seen.stream().noneMatch(i -> i == e.inventory())) {
                seen.add(e.inventory());
                e.inventory().warnings().forEach(warn);
            }
        }
        entries.forEach(e -> e.playbook().warnings().forEach(warn));
    }

    /** The checks every run makes before its first task: host patterns, self references, connections. */
    void check(RunOptions options) {
        for (Entry e : entries) {
            HostPatterns.check(e.playbook(), e.inventory(), options);
            SelfReferenceCheck.check(e.playbook(), e.inventory(), options);
            ConnectionCheck.check(e.playbook(), e.inventory(), options, ConnectionTypes.load());
        }
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
