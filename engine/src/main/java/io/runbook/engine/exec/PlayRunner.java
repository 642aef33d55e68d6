package io.runbook.engine.exec;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import io.runbook.engine.inventory.Host;
import io.runbook.engine.inventory.HostPattern;
import io.runbook.engine.inventory.HostSelection;
import io.runbook.engine.playbook.Play;
import io.runbook.engine.playbook.TaskNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * Runs one play: renders its settings, selects its hosts (with {@code --limit}, in its {@code order}), splits them
 * into {@code serial} batches and runs, for each batch, the fact gathering, pre_tasks, roles and tasks, and
 * post_tasks, flushing handlers after each section. A batch in which every host failed stops the playbook.
 */
final class PlayRunner {
    private final RunState run;
    private final Play play;
    private final TagFilter tags;
    private final PlayTemplates templates;
    /** The name the play's banners show (rendered, as ansible-playbook's). */
    private final String shownName;

    PlayRunner(RunState run, Play play, TagFilter tags) {
        this.run = run;
        this.play = play;
        this.tags = tags;
        this.templates = new PlayTemplates(run.templar, play, run.options.extraVars());
        this.shownName = templates.name();
    }

    void run() {
        PlaySetup setup;
        List<String> all;
        try {
            setup = PlaySetup.of(run, play);
            all = hosts(setup);
        } catch (UserError e) {
            // a play keyword that renders wrong stops the run before the play's banner, as Ansible's errors there do
            // (its play's post_validate comes before): ERROR!, no recap
            run.aborted = e;
            run.abortedCode = ExitCode.PARSER_ERROR;
            run.stopPlaybook = true;
            return;
        }
        // hosts that failed or were unreachable in an earlier play do not run it, but stay in ansible_play_hosts_all
        // the play's order (order:) is the order its hosts run in; its magic variables list them as selected
        List<String> hosts = ordered(all, setup.order()).stream()
                .filter(n -> !run.host(n).failed && !run.host(n).failedForRun && !run.host(n).unreachable).toList();
        if (hosts.isEmpty()) {
            run.listeners.playStart(shownName, hosts, play.keywords().checkModeShown(run.options.check()), path(play), setup.strategy());
            run.listeners.noHostsMatched();
            return;
        }
        run.anyHostMatched = true;
        PlayScope scope = new PlayScope(run, play, setup, all, shownName);
        List<String> reserved = ReservedNames.warnings(run, play, scope.varsFiles());
        for (List<String> names : Batches.split(play, setup.serial(), hosts)) {
            // as ansible-playbook does, each serial batch starts with the play's banner (after its reserved-name warnings)
            reserved.forEach(run.listeners::warning);
            run.listeners.playStart(shownName, names, play.keywords().checkModeShown(run.options.check()), path(play), setup.strategy());
            List<HostState> batch = names.stream().map(run::host).toList();
            batch.forEach(h -> h.ended = false);
            batch.forEach(h -> h.rolesCompleted.clear());
            scope.newBatch(batch);
            HandlerRunner handlers = new HandlerRunner(run, scope, tags);
            SectionRunner sections = new SectionRunner(run, scope, tags, handlers);
            new FactGathering(run, scope, tags).run(batch, setup.gatherFacts());
            for (List<TaskNode> section : List.of(play.preTasks(), play.tasks(), play.postTasks())) {
                runSection(sections, section, batch);
                if (run.interrupted.get()) {
                    return;
                }
                if (run.aborted != null) {
                    throw new RunAborted(run.aborted);  // found by a host of a free strategy
                }
                handlers.flush(batch);
            }
            // a batch in which every host failed stops the playbook; as in ansible-playbook, only any_errors_fatal
            // and max_fail_percentage announce it with NO MORE HOSTS LEFT
            if (batch.stream().noneMatch(h -> !h.failed && !h.failedForRun && !h.unreachable) || run.stopPlaybook) {
                run.stopPlaybook = true;
                return;
            }
            if (scope.playEnded) {
                return;
            }
        }
    }

    private void runSection(SectionRunner sections, List<TaskNode> nodes, List<HostState> batch) {
        if (!sections.isFree() || batch.size() == 1) {
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
                } catch (RunAborted e) {
                    // this host's thread found a mistake that stops the run: the others stop at their next task
                    synchronized (run) {
                        if (run.aborted == null) {
                            run.aborted = e.mistake();
                        }
                    }
                    run.stopPlaybook = true;
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

    /** The play's hosts: the rendered pattern (a list is a union), then --limit, in the order the pattern selects them. */
    private List<String> hosts(PlaySetup setup) {
        HostPattern limit = run.options.limit() == null ? null
                : HostPattern.parseLimit(run.options.limit(), SourcePosition.of("--limit"));
        HostSelection selected = run.inventory.select(PlayTemplates.hostPattern(templates.hosts(), play.hostsPosition()), limit);
        selected.warnings().forEach(run.listeners::warning);
        return selected.hosts().stream().map(Host::name).toList();
    }

    /** The hosts in the order the play's {@code order} asks for. */
    private static List<String> ordered(List<String> selected, String order) {
        List<String> names = new ArrayList<>(selected);
        switch (order) {
            case "reverse_inventory" -> Collections.reverse(names);
            case "sorted" -> names.sort(Comparator.naturalOrder());
            case "reverse_sorted" -> names.sort(Comparator.reverseOrder());
            case "shuffle" -> Collections.shuffle(names);
            default -> {
                // inventory order
            }
        }
        return names;
    }

    /** Where the play is written, as Ansible's play path: its file's absolute path and line. */
    private static String path(Play play) {
        return play.position().file().toAbsolutePath().normalize() + ":" + play.position().line();
    }
}
