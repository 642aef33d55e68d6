package io.runbook.engine.exec;

import io.runbook.engine.report.HostResult;
import io.runbook.engine.report.HostStats;
import io.runbook.engine.report.RunListener;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Fans every event out to the run's listeners; a listener that throws does not stop the run. */
final class Listeners implements RunListener {
    private final List<RunListener> all;

    Listeners(List<RunListener> all) {
        this.all = List.copyOf(all);
    }

    private void each(Consumer<RunListener> call) {
        for (RunListener l : all) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                System.err.println("[WARNING]: an event listener failed: " + e.getMessage());
            }
        }
    }

    @Override public void playbookStart(String file, boolean check) { each(l -> l.playbookStart(file, check)); }
    @Override public void playbookStart(String file, boolean check, int plays) { each(l -> l.playbookStart(file, check, plays)); }
    @Override public void handlerNotified(String handler, String host) { each(l -> l.handlerNotified(handler, host)); }
    @Override public void verbose(int level, String host, String message) { each(l -> l.verbose(level, host, message)); }
    @Override public void playStart(String name, List<String> hosts) { each(l -> l.playStart(name, hosts)); }
    @Override public void playStart(String name, List<String> hosts, boolean check) { each(l -> l.playStart(name, hosts, check)); }
    @Override public void playStart(String name, List<String> hosts, boolean check, String path, String strategy) {
        each(l -> l.playStart(name, hosts, check, path, strategy));
    }
    @Override public void stepAnswered(String question) { each(l -> l.stepAnswered(question)); }
    @Override public void terminal(String text) { each(l -> l.terminal(text)); }
    @Override public void noHostsMatched() { each(RunListener::noHostsMatched); }
    @Override public void warning(String message) { each(l -> l.warning(message)); }
    @Override public void deprecation(io.runbook.engine.module.Deprecation d) { each(l -> l.deprecation(d)); }
    @Override public void error(String message) { each(l -> l.error(message)); }
    @Override public void hostWarning(String message) { each(l -> l.hostWarning(message)); }
    @Override public void taskStart(String name, String action, String position, boolean handler) { each(l -> l.taskStart(name, action, position, handler)); }
    @Override public void taskStart(String name, String action, String position, boolean handler, boolean check,
                                    String timedAs) {
        each(l -> l.taskStart(name, action, position, handler, check, timedAs));
    }
    @Override public void hostTaskStart(String host, String taskId) { each(l -> l.hostTaskStart(host, taskId)); }
    @Override public void hostTaskStart(String host, String taskId, String position) { each(l -> l.hostTaskStart(host, taskId, position)); }
    @Override public void included(String file, List<String> hosts) { each(l -> l.included(file, hosts)); }
    @Override public void included(String file, List<String> hosts, String item) { each(l -> l.included(file, hosts, item)); }
    @Override public void hostResult(HostResult result) { each(l -> l.hostResult(result)); }
    @Override public void customStats(String host, Map<String, Object> result) { each(l -> l.customStats(host, result)); }
    @Override public void includeResult(HostResult result) { each(l -> l.includeResult(result)); }
    @Override public void retried(String host, String delegate, Map<String, Object> result) { each(l -> l.retried(host, delegate, result)); }
    @Override public void varsPrompt(String name, Map<String, Object> fields) { each(l -> l.varsPrompt(name, fields)); }
    @Override public void retrying(String host, String task, int retriesLeft) { each(l -> l.retrying(host, task, retriesLeft)); }
    @Override public void retrying(String host, String task, int retriesLeft, Map<String, Object> result) { each(l -> l.retrying(host, task, retriesLeft, result)); }
    @Override public void retrying(String host, String delegate, String task, int retriesLeft, Map<String, Object> result) {
        each(l -> l.retrying(host, delegate, task, retriesLeft, result));
    }
    @Override public void progress(String host, String status) { each(l -> l.progress(host, status)); }
    @Override public void progressLine(String host, String text) { each(l -> l.progressLine(host, text)); }
    @Override public void noMoreHosts() { each(RunListener::noMoreHosts); }
    @Override public void recap(Map<String, HostStats> stats) { each(l -> l.recap(stats)); }
    @Override public void interrupted(String reason) { each(l -> l.interrupted(reason)); }
    @Override public void aborted(String message) { each(l -> l.aborted(message)); }
    @Override public void playbookEnd(int exitCode) { each(l -> l.playbookEnd(exitCode)); }
}
