package io.runbook.engine.exec;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import io.runbook.engine.inventory.Host;
import io.runbook.engine.playbook.Play;
import io.runbook.engine.playbook.Task;
import io.runbook.engine.playbook.VarsFile;
import io.runbook.engine.yaml.YMap;
import io.runbook.engine.yaml.YNode;
import io.runbook.engine.yaml.YamlLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One play while it runs: its hosts and current batch, and how a task's variables are layered for a host
 * (lowest first): inventory, play vars, vars_files, block and task vars, include parameters, facts and
 * registered results, the magic variables, extra vars.
 */
final class PlayScope {
    final RunState run;
    final Play play;
    final List<String> playHosts;
    volatile List<HostState> batch = List.of();
    /** Set by {@code meta: end_play}: the batches still to come do not run either. */
    volatile boolean playEnded;
    private final Map<String, Map<String, Object>> varsFiles = new ConcurrentHashMap<>();
    private final Map<String, Object> groups;

    PlayScope(RunState run, Play play, List<String> playHosts) {
        this.run = run;
        this.play = play;
        this.playHosts = List.copyOf(playHosts);
        this.groups = new LinkedHashMap<>(run.inventory.groupsMap());
    }

    private final Set<Task> announced = ConcurrentHashMap.newKeySet();

    /** Whether to print the task's banner now: always with linear; once per task and batch with free. */
    boolean announce(Task task) {
        return !play.strategy().equals("free") || announced.add(task);
    }

    void newBatch(List<HostState> hosts) {
        batch = hosts;
        announced.clear();
    }

    /** The variables {@code task} sees on {@code host}. */
    VarScope vars(HostState host, Task task) {
        return vars(host, task.keywords().vars());
    }

    VarScope vars(HostState host, Map<String, Object> taskVars) {
        List<Map<String, Object>> layers = new ArrayList<>();
        if (play.connection() != null) {
            // the play's connection: keyword, below every variable: a host's own ansible_connection wins, as in Ansible
            layers.add(Map.of("ansible_connection", play.connection()));
        }
        layers.add(run.inventory.hostVars(host.name));
        layers.add(play.vars());
        VarScope base = new VarScope(List.of(run.inventory.hostVars(host.name), play.vars(), magic(host), run.options.extraVars()), run.templar);
        layers.add(varsFiles(host, base));
        layers.add(taskVars);
        for (Map<String, Object> p : host.includeParams) {
            layers.add(p);
        }
        layers.add(host.facts);
        layers.add(magic(host));
        layers.add(run.options.extraVars());
        return new VarScope(layers, run.templar);
    }

    private Map<String, Object> magic(HostState host) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("inventory_hostname", host.name);
        m.put("inventory_hostname_short", host.name.split("\\.")[0]);
        List<String> groupNames = run.inventory.host(host.name).map(Host::groupNames).orElse(List.of());
        m.put("group_names", groupNames);
        m.put("groups", groups);
        m.put("hostvars", new HostVars());
        List<String> active = batch.stream().filter(HostState::active).map(h -> h.name).toList();
        m.put("ansible_play_batch", active);
        m.put("ansible_play_hosts", playHosts.stream().filter(h -> run.host(h).active()).toList());
        m.put("ansible_play_hosts_all", playHosts);
        m.put("play_hosts", active);
        m.put("ansible_check_mode", run.options.check());
        m.put("ansible_diff_mode", run.options.diff());
        m.put("playbook_dir", play.baseDir().toString());
        m.put("ansible_run_tags", List.copyOf(run.options.tags()));
        m.put("ansible_date_time", dateTime());
        m.put("omit", ModuleCall.OMIT);
        m.put("ansible_skip_tags", List.copyOf(run.options.skipTags()));
        m.put("ansible_inventory_sources", List.copyOf(run.options.inventories()));
        m.put("runbook_run_started", String.valueOf(run.started.getEpochSecond()));
        m.put("runbook_resumed", run.journal.resuming());
        return m;
    }

    /** Ansible's {@code ansible_date_time} (a fact there; here always present, read when the task runs). */
    private static Map<String, Object> dateTime() {
        java.time.ZonedDateTime now = java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC);
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("epoch", String.valueOf(now.toEpochSecond()));
        t.put("iso8601", now.withNano(0).format(java.time.format.DateTimeFormatter.ISO_INSTANT));
        t.put("date", now.toLocalDate().toString());
        t.put("time", now.toLocalTime().withNano(0).toString());
        return t;
    }

    private Map<String, Object> varsFiles(HostState host, VarScope base) {
        if (play.varsFiles().isEmpty()) {
            return Map.of();
        }
        return varsFiles.computeIfAbsent(host.name, h -> {
            Map<String, Object> out = new LinkedHashMap<>();
            for (VarsFile vf : play.varsFiles()) {
                out.putAll(loadVarsFile(vf, base));
            }
            return out;
        });
    }

    private Map<String, Object> loadVarsFile(VarsFile vf, VarScope vars) {
        List<Path> tried = new ArrayList<>();
        for (String candidate : vf.candidates()) {
            Path p = play.baseDir().resolve(run.templar.renderString(candidate, vars, vf.position())).normalize();
            tried.add(p);
            if (Files.isRegularFile(p)) {
                Optional<YNode> doc = YamlLoader.load(p);
                if (doc.isEmpty() || doc.get() instanceof io.runbook.engine.yaml.YScalar s && s.isNull()) {
                    return Map.of();
                }
                if (!(doc.get() instanceof YMap)) {
                    throw new UserError(doc.get().position(), "a vars file must be a mapping of variables, got " + doc.get().describe(),
                            "write one 'name: value' per line");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) doc.get().toPlain();
                return m;
            }
        }
        throw new UserError(vf.position(), "vars file not found: " + tried);
    }

    /** {@code hostvars}: every inventory host's variables, computed when one is read. */
    private final class HostVars extends AbstractMap<String, Object> implements io.runbook.engine.vars.LazyVariables {
        @Override
        public Object get(Object key) {
            if (!(key instanceof String name) || run.inventory.host(name).isEmpty()) {
                return null;
            }
            HostState other = run.host(name);
            return new VarScope(List.of(run.inventory.hostVars(name), play.vars(), other.facts, magic(other),
                    run.options.extraVars()), run.templar);
        }

        @Override
        public boolean containsKey(Object key) {
            return key instanceof String name && run.inventory.host(name).isPresent();
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            Map<String, Object> all = new LinkedHashMap<>();
            run.inventory.hosts().forEach(h -> all.put(h.name(), get(h.name())));
            return all.entrySet();
        }
    }

    static SourcePosition where(Task task) {
        return task.position();
    }
}
