package io.runbook.engine.exec;

import io.runbook.engine.playbook.RoleSearch;
import io.runbook.engine.report.RunListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How to run a playbook: the command-line choices. Built with {@link #builder()}.
 *
 * @param journal        the run journal: told how each task instance ended, and asked when resuming
 * @param connectionVars variables a delegated task takes from the delegate host rather than the original
 *                       (besides every {@code ansible_*} variable), e.g. {@code kubeconfig}
 * @param gathering      when plays gather facts, as Ansible's DEFAULT_GATHERING: {@code implicit} (unless
 *                       {@code gather_facts: false}), {@code explicit} (only with {@code gather_facts: true}) or
 *                       {@code smart} (implicit, once per host)
 * @param defaultStrategy the strategy of plays that name none (ANSIBLE_STRATEGY)
 * @param configFile     the ansible.cfg in force, or null ({@code ansible_config_file})
 * @param connection     {@code -c}: the connection of hosts that set no {@code ansible_connection}, or null
 * @param connectionDefaults the connection variables the command line sets ({@code -u}: {@code ansible_user},
 *                       {@code -b}: {@code ansible_become}, {@code --become-user}, {@code --become-method}, {@code -K}'s
 *                       password): below the keywords and every variable, as Ansible's command line; the passwords
 *                       ({@code -k}, {@code -K}, their files) only log in and become, as no variable a task sees
 *                       ({@link #visibleConnectionDefaults}, {@link #commandLinePasswords})
 * @param factPath       the {@code fact_path} of plays' fact gathering when a play sets none (Ansible's
 *                       DEFAULT_FACT_PATH: {@code ANSIBLE_FACT_PATH}, ansible.cfg's {@code fact_path}), or null
 * @param hashBehaviour  how a variable defined again combines with the value below it (Ansible's hash_behaviour)
 * @param errorOnMissingHandler whether a notification no handler answers to stops the run (Ansible's
 *                       ERROR_ON_MISSING_HANDLER, on by default) or is only warned about
 * @param noLog          the {@code no_log} of tasks no level sets it for (Ansible's DEFAULT_NO_LOG, off by default)
 * @param step           {@code --step}: each task is confirmed before it runs (until the answer is continue)
 * @param environment    the run's environment (what ansible-playbook would inherit): lookups, facts, modules and the
 *                       processes they start read it, never the JVM's ({@link io.runbook.engine.env.RunEnvironment})
 * @param pollInterval   the seconds between checks of an {@code async} task that sets no {@code poll} (Ansible's
 *                       DEFAULT_POLL_INTERVAL: {@code ANSIBLE_POLL_INTERVAL}, ansible.cfg's {@code poll_interval}, 15)
 */
public record RunOptions(List<String> inventories, Map<String, Object> extraVars, boolean check, boolean diff,
                         String limit, Set<String> tags, Set<String> skipTags, String startAtTask, int forks,
                         int verbosity, Duration taskTimeout, Set<String> connectionVars, List<RunListener> listeners,
                         Map<Class<?>, Object> services, TaskJournal journal, RoleSearch roleSearch, String gathering,
                         String defaultStrategy, boolean forceHandlers, String configFile, String connection,
                         String factPath, io.runbook.engine.vars.HashBehaviour hashBehaviour,
                         boolean errorOnMissingHandler, boolean noLog, Map<String, Object> connectionDefaults, boolean step,
                         int pollInterval, io.runbook.engine.env.RunEnvironment environment) {

    /** The command line's passwords' variables: Ansible keeps them in its play context, not in a host's variables. */
    private static final Set<String> PASSWORDS = Set.of("ansible_password", "ansible_become_password");

    /**
     * {@link #connectionDefaults} as variables the tasks see: all but the passwords (asked for each task and host:
     * the map itself when the command line gave no password).
     */
    public Map<String, Object> visibleConnectionDefaults() {
        if (java.util.Collections.disjoint(connectionDefaults.keySet(), PASSWORDS)) {
            return connectionDefaults;
        }
        Map<String, Object> out = new java.util.LinkedHashMap<>(connectionDefaults);
        out.keySet().removeAll(PASSWORDS);
        return out;
    }

    /** The command line's passwords, what a connection logs in and becomes with where the variables give none. */
    public Map<String, Object> commandLinePasswords() {
        if (java.util.Collections.disjoint(connectionDefaults.keySet(), PASSWORDS)) {
            return Map.of();
        }
        Map<String, Object> out = new java.util.LinkedHashMap<>(connectionDefaults);
        out.keySet().retainAll(PASSWORDS);
        return out;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link RunOptions}; defaults match ansible-playbook's except forks (20). */
    public static final class Builder {
        private List<String> inventories = List.of();
        private Map<String, Object> extraVars = Map.of();
        private boolean check;
        private boolean diff;
        private String limit;
        private Set<String> tags = Set.of("all");
        private Set<String> skipTags = Set.of();
        private String startAtTask;
        private boolean step;
        private int forks = 20;
        private int verbosity;
        private Duration taskTimeout;
        private Set<String> connectionVars = Set.of();
        private final List<RunListener> listeners = new ArrayList<>();
        private final Map<Class<?>, Object> services = new HashMap<>();
        private RoleSearch roleSearch = RoleSearch.defaults();
        private String gathering = "implicit";
        private String defaultStrategy = "linear";
        private boolean forceHandlers;
        private String configFile;
        private String connection;
        private Map<String, Object> connectionDefaults = Map.of();
        private String factPath;
        private io.runbook.engine.vars.HashBehaviour hashBehaviour = io.runbook.engine.vars.HashBehaviour.REPLACE;
        private TaskJournal journal = TaskJournal.NONE;
        private boolean errorOnMissingHandler = true;
        private boolean noLog;
        private int pollInterval = 15;
        private io.runbook.engine.env.RunEnvironment environment = io.runbook.engine.env.RunEnvironment.EMPTY;

        public Builder inventories(List<String> v) { this.inventories = List.copyOf(v); return this; }
        public Builder extraVars(Map<String, Object> v) {
            // -e '{"a": null}' sets a to null: Map.copyOf would refuse it
            this.extraVars = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(v));
            return this;
        }
        public Builder check(boolean v) { this.check = v; return this; }
        public Builder diff(boolean v) { this.diff = v; return this; }
        public Builder limit(String v) { this.limit = v; return this; }
        public Builder tags(Set<String> v) { this.tags = v.isEmpty() ? Set.of("all") : Set.copyOf(v); return this; }
        public Builder skipTags(Set<String> v) { this.skipTags = Set.copyOf(v); return this; }
        public Builder startAtTask(String v) { this.startAtTask = v; return this; }
        public Builder forks(int v) { this.forks = Math.max(1, v); return this; }
        public Builder verbosity(int v) { this.verbosity = v; return this; }
        public Builder taskTimeout(Duration v) { this.taskTimeout = v; return this; }
        public Builder connectionVars(Set<String> v) { this.connectionVars = Set.copyOf(v); return this; }
        public Builder listener(RunListener l) { this.listeners.add(l); return this; }
        public <T> Builder service(Class<T> type, T instance) { this.services.put(type, instance); return this; }
        public Builder roleSearch(RoleSearch v) { this.roleSearch = v; return this; }
        public Builder gathering(String v) { this.gathering = v; return this; }
        public Builder defaultStrategy(String v) { this.defaultStrategy = v; return this; }
        public Builder forceHandlers(boolean v) { this.forceHandlers = v; return this; }
        public Builder configFile(String v) { this.configFile = v; return this; }
        public Builder connection(String v) { this.connection = v; return this; }
        public Builder connectionDefaults(Map<String, Object> v) { this.connectionDefaults = Map.copyOf(v); return this; }
        public Builder journal(TaskJournal v) { this.journal = v; return this; }
        public Builder factPath(String v) { this.factPath = v; return this; }
        public Builder hashBehaviour(io.runbook.engine.vars.HashBehaviour v) { this.hashBehaviour = v; return this; }
        public Builder errorOnMissingHandler(boolean v) { this.errorOnMissingHandler = v; return this; }
        public Builder noLog(boolean v) { this.noLog = v; return this; }
        public Builder step(boolean v) { this.step = v; return this; }
        public Builder pollInterval(int v) { this.pollInterval = v; return this; }
        public Builder environment(io.runbook.engine.env.RunEnvironment v) { this.environment = v; return this; }

        public RunOptions build() {
            return new RunOptions(inventories, extraVars, check, diff, limit, tags, skipTags, startAtTask, forks,
                    verbosity, taskTimeout, connectionVars, List.copyOf(listeners), Map.copyOf(services), journal,
                    roleSearch, gathering, defaultStrategy, forceHandlers, configFile, connection, factPath,
                    hashBehaviour, errorOnMissingHandler, noLog, connectionDefaults, step, pollInterval, environment);
        }
    }
}
