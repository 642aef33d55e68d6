package io.runbook.engine.exec;

import io.runbook.engine.playbook.Keywords;
import io.runbook.engine.playbook.LoopControl;
import io.runbook.engine.playbook.Task;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A play's implicit first task, "Gathering Facts" ({@code gather_facts} with the play's {@code gather_subset},
 * {@code gather_timeout} and {@code fact_path}, else the run's default fact path), as Ansible runs it: tagged {@code always} unless the play has tags
 * (then it has the play's), under the play's import conditions, on every host even in a {@code run_once} play; with
 * {@code gathering: smart}, hosts whose facts were gathered already are left out.
 */
final class FactGathering {
    static final String NAME = "Gathering Facts";
    private final RunState run;
    private final PlayScope scope;
    private final TagFilter tags;

    FactGathering(RunState run, PlayScope scope, TagFilter tags) {
        this.run = run;
        this.scope = scope;
        this.tags = tags;
    }

    void run(List<HostState> batch, boolean enabled) {
        if (!enabled) {
            return;
        }
        Keywords play = scope.play.keywords();
        Set<String> taskTags = play.tags().isEmpty() ? Set.of("always") : play.tags();
        if (!tags.runs(taskTags)) {
            return;
        }
        boolean twice = false;
        if (!run.startReached) {
            if (!startsHere()) {
                return; // as Ansible's --start-at-task: the plays before the one holding the task gather no facts
            }
            // started by this task's own name: ansible-core 2.14 gathers twice (its iterator goes back to the setup
            // step, then meets the task it found, the same setup task, which gathering: smart no longer holds back)
            twice = run.startReached;
        }
        gather(batch, true);
        if (twice) {
            gather(batch, false);
        }
    }

    /** {@code smart}: whether gathering: smart leaves out the hosts whose facts were gathered already. */
    private void gather(List<HostState> batch, boolean smart) {
        Keywords play = scope.play.keywords();
        Set<String> taskTags = play.tags().isEmpty() ? Set.of("always") : play.tags();
        List<HostState> hosts = batch.stream().filter(HostState::active)
                .filter(h -> !smart || !run.options.gathering().equals("smart") || !h.factsGathered).toList();
        if (hosts.isEmpty()) {
            return;
        }
        Keywords kw = Keywords.of(play.when(), taskTags).under(play.withoutWhen().withoutRunOnce().withVars(Map.of()));
        Map<String, Object> settings = new java.util.LinkedHashMap<>(scope.play.factSettings());
        if (run.options.factPath() != null) {
            settings.putIfAbsent("fact_path", run.options.factPath());
        }
        // as Ansible's gather_facts action: the play's module_defaults of its own, then under them the fact module's (setup)
        Map<String, io.runbook.engine.error.SourcePosition> positions = new java.util.HashMap<>();
        kw.moduleDefaults().applyTo(run.modules, "gather_facts", settings, positions);
        kw.moduleDefaults().applyTo(run.modules, "setup", settings, positions);
        Task task = new Task(NAME, "gather_facts", java.util.Collections.unmodifiableMap(settings), positions,
                scope.play.position(), kw, null, null, null, LoopControl.DEFAULT, null, null, null, List.of(),
                List.of(), List.of(), scope.play.baseDir(), null, null, null);
        new TaskDispatch(run, scope).run(task, hosts, false, false, false);
    }

    /** Whether the --start-at-task task is in this play (its facts are gathered then, as Ansible's PlayIterator does). */
    private boolean startsHere() {
        String pattern = run.options.startAtTask();
        if (StartAt.matches(NAME, pattern)) {
            run.startReached = true;
            return true;
        }
        io.runbook.engine.playbook.Play play = scope.play;
        return StartAt.holds(play.preTasks(), pattern, tags) || StartAt.holds(play.tasks(), pattern, tags)
                || StartAt.holds(play.postTasks(), pattern, tags);
    }
}
