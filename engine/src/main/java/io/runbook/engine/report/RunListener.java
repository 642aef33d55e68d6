package io.runbook.engine.report;

import java.util.List;
import java.util.Map;

/**
 * Receives the events of a run as they happen. Called from the engine's worker threads: implementations
 * synchronise themselves. Every method has an empty default so a listener implements what it needs.
 */
public interface RunListener {
    default void playbookStart(String file, boolean check) {
    }

    /** A playbook begins: its path as given and how many plays it has (imported playbooks' plays counted). */
    default void playbookStart(String file, boolean check, int plays) {
        playbookStart(file, check);
    }

    default void playStart(String name, List<String> hosts) {
    }

    /** {@code check}: the play runs in check mode (its check_mode, else --check), for the callback's markers. */
    default void playStart(String name, List<String> hosts, boolean check) {
        playStart(name, hosts);
    }

    /**
     * As above, with where the play is written ({@code /abs/file:line}, as Ansible's play path) and its strategy (with
     * {@code free}, a task's banner is printed before its results, again when needed).
     */
    default void playStart(String name, List<String> hosts, boolean check, String path, String strategy) {
        playStart(name, hosts, check);
    }

    /** --step: the question a task was confirmed or skipped with (ansible-playbook prints it as a banner). */
    default void stepAnswered(String question) {
    }

    /**
     * Text the run shows the operator as it is, no line break added, where the run's output goes: a question before its
     * answer is read ({@code --step}'s, the task debugger's prompt) and the debugger's answers.
     */
    default void terminal(String text) {
    }

    default void noHostsMatched() {
    }

    default void warning(String message) {
    }

    /**
     * A deprecation the engine itself found (a legacy {@code include}, a deprecated setting), which ansible-playbook's
     * display prints as {@code [DEPRECATION WARNING]: ...} on stderr; a module's come with its {@link HostResult}.
     */
    default void deprecation(io.runbook.engine.module.Deprecation deprecation) {
    }

    /**
     * An error that does not stop the run, which ansible-playbook's display prints as {@code [ERROR]: text} on stderr
     * (a {@code --start-at-task} that named no task). Listeners that do not show it take it as a warning.
     */
    default void error(String message) {
        warning(message);
    }

    /**
     * A warning of one run of a task on one host (a condition written with {@code {{ }}}), which Ansible's worker
     * process shows: for each task and host again, unless the run already showed the same {@link #warning}. The engine
     * sends it once per run of a task on a host.
     */
    default void hostWarning(String message) {
        warning(message);
    }

    default void taskStart(String name, String action, String position, boolean handler) {
    }

    /** {@code check}: the task runs in check mode as Ansible's callback sees it (its check_mode before templating). */
    default void taskStart(String name, String action, String position, boolean handler, boolean check) {
        taskStart(name, action, position, handler);
    }

    /**
     * As {@link #taskStart(String, String, String, boolean, boolean)}, with what Ansible's profile_roles callback times
     * the task under: its role's name, else its action as written.
     */
    default void taskStart(String name, String action, String position, boolean handler, boolean check,
                           String timedAs) {
        taskStart(name, action, position, handler, check);
    }

    /**
     * A task begins on one host (after the banner, when the host's worker takes it). {@code taskId} names the task
     * instance the same way in every run of the same playbook: {@code file:line:col} relative to the playbook's
     * folder, prefixed by the include instances it runs in ({@code tasks.yml:4:3[1]/cp.yml:2:3}), with
     * {@code ~N} for the N-th time the same place runs on the host. Not called for results replayed from a journal.
     */
    default void hostTaskStart(String host, String taskId) {
    }

    /** As {@link #hostTaskStart(String, String)}, with the task's {@code position} as {@link #taskStart} gave it. */
    default void hostTaskStart(String host, String taskId, String position) {
        hostTaskStart(host, taskId);
    }

    default void included(String file, List<String> hosts) {
    }

    /** An {@code include_tasks} instance; {@code item} is the loop item's label, or null when it does not loop. */
    default void included(String file, List<String> hosts, String item) {
        included(file, hosts);
    }

    /**
     * An ok or changed result that carries set_stats' {@code ansible_stats}, as the action gave it (not censored by
     * no_log: Ansible's strategy gathers the custom stats from the result before its callbacks see it censored).
     */
    default void customStats(String host, Map<String, Object> result) {
    }

    default void hostResult(HostResult result) {
    }

    /**
     * An {@code include_tasks}/{@code include_role}'s own result on a host, before the tasks it brings run: Ansible's
     * default callback shows none (include_tasks' {@code included:} line is {@link #included}), its {@code minimal}
     * callback (the ad-hoc command's) shows it as any result, {@code host | SUCCESS => {"changed": false, ...}}.
     */
    default void includeResult(HostResult result) {
    }

    /**
     * A task's change notified a handler on a host that had not been notified of it yet (Ansible's
     * {@code v2_playbook_on_notify}); sent before that host's result. {@code handler} is its displayed name
     * ({@code role : name} for a role's).
     */
    default void handlerNotified(String handler, String host) {
    }

    /**
     * A line of what the engine does that ansible-playbook's display shows from {@code -v} times {@code level} on
     * ({@code META: ...} at 2, what a connection does at 3). {@code host}: the host it concerns, printed as
     * {@code <host>} before the line, or null. Never holds a secret value unredacted: sinks redact it as any line.
     */
    default void verbose(int level, String host, String message) {
    }

    default void retrying(String host, String task, int retriesLeft) {
    }

    /** As {@link #retrying(String, String, int)} with the attempt's result (as shown: censored under no_log). */
    default void retrying(String host, String task, int retriesLeft, Map<String, Object> result) {
        retrying(host, task, retriesLeft);
    }

    /** As above, for a task delegated to {@code delegate} (null: not delegated), which the line names as Ansible's. */
    default void retrying(String host, String delegate, String task, int retriesLeft, Map<String, Object> result) {
        retrying(host, task, retriesLeft, result);
    }

    /**
     * A retry's attempt, for the listeners that take each result whatever the verbosity (Python callbacks'
     * {@code v2_runner_retry}): its result with {@code attempts} and {@code retries}, censored under no_log.
     */
    default void retried(String host, String delegate, Map<String, Object> result) {
    }

    /** A play's {@code vars_prompt} entry (its fields as written) about to be asked, as ansible-playbook announces it. */
    default void varsPrompt(String name, Map<String, Object> fields) {
    }

    default void progress(String host, String status) {
    }

    default void progressLine(String host, String text) {
    }

    default void noMoreHosts() {
    }

    default void recap(Map<String, HostStats> stats) {
    }

    default void interrupted(String reason) {
    }

    /** A mistake found during the run stopped all of it (ansible-playbook's {@code ERROR!}); no recap follows. */
    default void aborted(String message) {
    }

    default void playbookEnd(int exitCode) {
    }
}
