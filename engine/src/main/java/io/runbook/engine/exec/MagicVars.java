package io.runbook.engine.exec;

import io.runbook.engine.inventory.Host;
import java.util.List;
import java.util.Map;

/** Ansible's magic variables of one host in one play (without hostvars and groups, which the play adds). */
final class MagicVars {
    private MagicVars() {
    }

    static Map<String, Object> of(RunState run, PlayScope scope, HostState host) {
        ComputedVars m = new ComputedVars();
        m.put("inventory_hostname", host.name);
        m.put("inventory_hostname_short", Host.shortName(host.name));
        m.put("group_names", run.inventoryOf(host.name).host(host.name).map(Host::groupNames).orElse(List.of()));
        // a pass over the play's hosts each: computed when a task reads them (a run over a thousand hosts made these
        // lists for every host and task, a million names per task)
        List<HostState> batch = scope.batch;
        m.later("ansible_play_batch", () -> batch.stream().filter(HostState::active).map(h -> h.name).toList());
        m.later("ansible_play_hosts", () -> scope.playHosts.stream().filter(h -> run.host(h).active()).toList());
        m.put("ansible_play_hosts_all", scope.playHosts);
        m.later("play_hosts", () -> m.get("ansible_play_batch"));
        m.put("ansible_play_name", scope.playName);
        m.put("ansible_check_mode", run.options.check());
        m.put("ansible_diff_mode", run.options.diff());
        m.put("ansible_forks", run.options.forks());
        m.put("ansible_verbosity", run.options.verbosity());
        m.put("playbook_dir", scope.play.baseDir().toString());
        m.put("ansible_playbook_python", io.runbook.engine.inventory.Inventory.CONTROLLER_PYTHON);
        m.put("ansible_config_file", run.options.configFile());
        m.put("ansible_version", AnsibleVersion.INFO);
        m.put("ansible_run_tags", List.copyOf(run.options.tags()));
        m.put("ansible_skip_tags", List.copyOf(run.options.skipTags()));
        m.put("ansible_inventory_sources", List.copyOf(run.options.inventories()));
        m.put("runbook_run_started", String.valueOf(run.started.getEpochSecond()));
        m.put("runbook_resumed", run.journal.resuming());
        if (!host.gathered.containsKey("ansible_date_time")) {
            // a fact in Ansible (gathered); here always present, read when the task first uses it
            m.later("ansible_date_time", io.runbook.engine.facts.LocalFacts::dateTime);
        }
        m.put("omit", CallInputs.OMIT);
        return m;
    }
}
