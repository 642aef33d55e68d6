package io.runbook.engine.exec;

import io.runbook.engine.builtin.AddHost;
import io.runbook.engine.builtin.GroupBy;
import io.runbook.engine.module.Module;
import io.runbook.engine.playbook.Task;
import java.util.List;
import java.util.Map;

/**
 * What an {@code add_host} or {@code group_by} a resumed run replays did to the inventory, done again: the journal
 * keeps their results, not the inventory, and without this the hosts and groups they made are missing from the
 * later plays of the resumed session (a play on them matches no host), most visibly in a run of several playbooks
 * where one adds the hosts the next works on. Their journaled result says what to do, as it told the run the first
 * time ({@link ModuleCall}): one result, or one per loop item.
 */
final class ReplayedInventoryChanges {
    private ReplayedInventoryChanges() {
    }

    static void apply(RunState run, Task task, HostState host, Map<String, Object> result) {
        Module module = run.modules.find(task.moduleName()).orElse(null);
        if (!(module instanceof AddHost) && !(module instanceof GroupBy)) {
            return;
        }
        if (result.get("results") instanceof List<?> items) {
            items.stream().filter(Map.class::isInstance).forEach(item -> one(run, module, host, cast(item)));
        } else {
            one(run, module, host, result);
        }
    }

    private static void one(RunState run, Module module, HostState host, Map<String, Object> result) {
        if (Boolean.TRUE.equals(result.get("failed")) || Boolean.TRUE.equals(result.get("skipped"))) {
            return;
        }
        if (module instanceof AddHost && result.get(AddHost.ADD_HOST) instanceof Map<?, ?> info) {
            run.addHost(String.valueOf(info.get("host_name")), strings(info.get("groups")), cast(info.get("host_vars")));
        } else if (module instanceof GroupBy && result.get(GroupBy.ADD_GROUP) != null) {
            run.addToGroup(host.name, String.valueOf(result.get(GroupBy.ADD_GROUP)), strings(result.get(GroupBy.PARENT_GROUPS)));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object map) {
        return map instanceof Map<?, ?> ? (Map<String, Object>) map : Map.of();
    }

    private static List<String> strings(Object list) {
        return list instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }
}
