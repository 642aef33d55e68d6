package io.runbook.cli;

import io.runbook.engine.exec.ConnectionCheck;
import io.runbook.engine.exec.HostPatterns;
import io.runbook.engine.exec.RunOptions;
import io.runbook.engine.exec.SelfReferenceCheck;
import io.runbook.engine.inventory.Inventory;
import io.runbook.engine.module.ConnectionTypes;
import io.runbook.engine.module.ModuleRegistry;
import io.runbook.engine.playbook.Playbook;
import io.runbook.engine.playbook.PlaybookParser;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Readies the engine on a second core while picocli builds the command line: parsing a small playbook held in memory
 * runs the first-time set-up of what reading the user's playbook needs (the YAML reader, the module registry, the
 * template and condition parsers, argument checks), and an inventory of one host and the checks of the playbook
 * against it, all of which in a fresh JVM costs more than the work itself; then it
 * reads runbook.yml and ansible.cfg, which the command reads first. Nothing is kept and nothing is written; a failure
 * is ignored (the command reads the same files and reports their problems).
 * {@link #await} is called before the command touches the engine, so that only one thread initialises engine classes
 * at a time (two threads initialising classes that refer to each other can wait for each other forever).
 * {@code -Drunbook.noWarmUp=true} turns it off (to measure what it saves: bench/syntax-check.sh).
 */
final class StartupWarmUp {
    private static final String PLAYBOOK = """
            - name: warm-up
              hosts: all
              gather_facts: false
              vars:
                ns: "{{ mesh | default('tsb') }}-system"
              tasks:
                - name: a message
                  debug:
                    msg: "{{ inventory_hostname }} in {{ ns | upper }}{% if x is defined %} {{ x }}{% endif %}"
                  when: role == 'cp' and (region | default('eu')) in ['eu', 'us']
                  loop: [a, b]
                - set_fact:
                    n: "{{ 4 | int }}"
                - assert:
                    that: [n | int == 4]
            """;
    private static Thread thread;

    private StartupWarmUp() {
    }

    /** Starts the warm-up (once) on a daemon thread. */
    static synchronized void start() {
        if (thread == null && !Boolean.getBoolean("runbook.noWarmUp")) {
            thread = new Thread(StartupWarmUp::run, "startup-warm-up");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Waits until the warm-up is done (at most 5 s); returns at once when none was started. */
    static void await() {
        Thread started;
        synchronized (StartupWarmUp.class) {
            started = thread;
        }
        if (started == null) {
            return;
        }
        try {
            started.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void run() {
        try {
            Playbook parsed = new PlaybookParser(ModuleRegistry.load()).parseText(PLAYBOOK, Path.of("startup-warm-up.yml"));
            Inventory inventory = Inventory.load(List.of("startup-warm-up,"), null);
            RunOptions options = RunOptions.builder().connectionVars(Set.of("kubeconfig", "kube_context")).build();
            HostPatterns.check(parsed, inventory, options);
            SelfReferenceCheck.check(parsed, inventory, options);
            ConnectionCheck.check(parsed, inventory, options, ConnectionTypes.load());
            // what the command reads first: runbook.yml and ansible.cfg (read again by the command; only read here)
            ProjectConfig.find(Path.of(""));
            Settings.current();
        } catch (RuntimeException | Error ignored) {
            // the command reads the same files next and reports their problems
        }
    }
}
