package io.runbook.engine.exec;

import io.runbook.engine.inventory.Host;
import io.runbook.engine.inventory.HostPattern;
import io.runbook.engine.inventory.HostSelection;
import io.runbook.engine.playbook.Play;
import io.runbook.engine.playbook.TaskNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one play: selects its hosts (with {@code --limit}), splits them into {@code serial} batches and runs
 * pre_tasks, tasks and post_tasks for each batch, flushing handlers after each section. A batch in which
 * every host failed stops the playbook.
 */
final class PlayRunner {
    private final RunState run;
    private final Play play;
    private final TagFilter tags;

    PlayRunner(RunState run, Play play, TagFilter tags) {
        this.run = run;
        this.play = play;
        this.tags = tags;
    }

    void run() {
        List<String> hosts = hosts();
        if (hosts.isEmpty()) {
            run.listeners.playStart(play.displayName(), hosts);
            run.listeners.noHostsMatched();
            return;
        }
        run.anyHostMatched = true;
        PlayScope scope = new PlayScope(run, play, hosts);
        for (List<String> names : Batches.split(play, serial(), hosts)) {
            // as ansible-playbook does, each serial batch starts with the play's banner
            run.listeners.playStart(play.displayName(), names);
            List<HostState> batch = names.stream().map(run::host).toList();
            batch.forEach(h -> h.ended = false);
            scope.newBatch(batch);
            HandlerRunner handlers = new HandlerRunner(run, scope);
            SectionRunner sections = new SectionRunner(run, scope, tags, handlers);
            for (List<TaskNode> section : List.of(play.preTasks(), play.tasks(), play.postTasks())) {
                runSection(sections, section, batch);
                if (run.interrupted.get()) {
                    return;
                }
                handlers.flush(batch);
            }
            // a batch in which every host failed stops the playbook; as in ansible-playbook, only any_errors_fatal
            // and max_fail_percentage announce it with NO MORE HOSTS LEFT
            if (batch.stream().noneMatch(h -> !h.failed && !h.unreachable) || run.stopPlaybook) {
                run.stopPlaybook = true;
                return;
            }
            if (scope.playEnded) {
                return;
            }
        }
    }

    private void runSection(SectionRunner sections, List<TaskNode> nodes, List<HostState> batch) {
        if (!play.strategy().equals("free") || batch.size() == 1) {
            sections.run(nodes, batch, false);
            return;
        }
        List<Thread> threads = new ArrayList<>();
        java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(run.options.forks());
        for (HostState h : batch) {
            Thread t = new Thread(() -> {
                try {
                    slots.acquire();
                    try {
                        sections.run(nodes, List.of(h), false);
                    } finally {
                        slots.release();
                    }
                } catch (InterruptedException e) {
                    run.interrupted.set(true);
                }
            }, "runbook-free-" + h.name);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                run.interrupted.set(true);
                threads.forEach(Thread::interrupt);
                return;
            }
        }
    }

    /** {@code serial} with templates rendered (play vars and extra vars), a rendered list flattened. */
    private List<Object> serial() {
        java.util.Map<String, Object> vars = new java.util.LinkedHashMap<>(play.vars());
        vars.putAll(run.options.extraVars());
        List<Object> out = new ArrayList<>();
        for (Object spec : play.serial()) {
            Object v = run.templar.render(spec, vars, play.position());
            if (v instanceof List<?> l) {
                out.addAll(l);
            } else {
                out.add(v);
            }
        }
        return out;
    }

    /** The play's hosts in inventory order: the pattern, then --limit, minus hosts that already failed. */
    private List<String> hosts() {
        String pattern = run.templar.renderString(play.hosts(), run.options.extraVars(), play.hostsPosition());
        HostPattern limit = run.options.limit() == null ? null
                : HostPattern.parseLimit(run.options.limit(), io.runbook.engine.error.SourcePosition.of("--limit"));
        HostSelection selected = run.inventory.select(HostPattern.parse(pattern, play.hostsPosition()), limit);
        selected.warnings().forEach(run.listeners::warning);
        List<String> names = new ArrayList<>(selected.hosts().stream().map(Host::name).toList());
        names.removeIf(n -> run.host(n).failed || run.host(n).unreachable);
        return names;
    }
}
