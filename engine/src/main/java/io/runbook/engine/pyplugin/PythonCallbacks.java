package io.runbook.engine.pyplugin;

import com.fasterxml.jackson.databind.JsonNode;
import io.runbook.engine.env.RunEnvironment;
import io.runbook.engine.report.CustomStats;
import io.runbook.engine.report.HostResult;
import io.runbook.engine.report.HostStats;
import io.runbook.engine.report.HostStatus;
import io.runbook.engine.report.Json;
import io.runbook.engine.report.Redactor;
import io.runbook.engine.report.RunListener;
import io.runbook.engine.vars.TemplatePlugins;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The Python callback plugins of a run that the engine has not of its own, run in the controller's ansible-core
 * (callback_host.py) as ansible-playbook's TaskQueueManager runs them: the stdout callback when {@code stdout_callback}
 * names such a plugin (then it shows the run instead of the engine's output), those {@code callbacks_enabled} names,
 * and those of the {@code callback_plugins/} folders beside the playbooks and in the roles (and
 * {@code ANSIBLE_CALLBACK_PLUGINS}, which ansible-core reads itself) that need no enabling. They get the run's events
 * with objects shaped as ansible-core's (Play, Task, Host, TaskResult, AggregateStats); what they display goes where
 * the run's display writes. A result reaches them as the engine registered it (censored under no_log) with the run's
 * secrets masked. One event at a time.
 */
public final class PythonCallbacks implements RunListener, AutoCloseable {
    private final PluginProcess process;
    private final PluginHost host;
    private final Redactor redactor;
    private final String stdout;
    private final List<String> loaded;
    private final boolean diff;
    private final CustomStats customStats = new CustomStats();
    private boolean loops;
    private boolean closed;

    private PythonCallbacks(PluginProcess process, PluginHost host, Redactor redactor, String stdout, List<String> loaded,
                            boolean diff) {
        this.process = process;
        this.diff = diff;
        this.host = host;
        this.redactor = redactor;
        this.stdout = stdout;
        this.loaded = loaded;
    }

    /** What the run asks of ansible-core's callback loader. */
    public record Wanted(String stdout, List<String> enabled, Set<String> own, Path basedir, boolean check, boolean diff,
                         int verbosity) {
    }

    /**
     * The plugins {@code wanted} loaded, empty when none did (a name no plugin has is warned about as Ansible's;
     * {@link TemplatePlugins.Failure} when the controller's Python or ansible-core is missing).
     */
    public static Optional<PythonCallbacks> start(PluginHost host, ActionPlugins plugins, RunEnvironment env, Wanted wanted,
                                                  Redactor redactor) {
        PluginProcess process = PluginProcess.start(env, "callback_host.py");
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("op", "load");
        request.put("stdout", wanted.stdout());
        request.put("enabled", wanted.enabled());
        request.put("own", List.copyOf(wanted.own()));
        request.put("dirs", plugins.callbackDirs());
        request.put("roots", plugins.rootDirs());
        request.put("basedir", wanted.basedir() == null ? null : wanted.basedir().toAbsolutePath().normalize().toString());
        request.put("cli", Map.of("check", wanted.check(), "diff", wanted.diff(), "verbosity", wanted.verbosity()));
        JsonNode answer;
        try {
            answer = process.answer(request);
        } catch (TemplatePlugins.Failure e) {
            process.close();
            throw e;
        }
        host.showDisplayed(answer);
        if (!answer.path("ok").asBoolean()) {
            process.close();
            throw new TemplatePlugins.Failure(answer.path("error").asText());
        }
        String stdout = answer.path("stdout").isTextual() ? answer.path("stdout").asText() : null;
        List<String> loaded = new java.util.ArrayList<>();
        answer.path("loaded").forEach(n -> loaded.add(n.asText()));
        if (stdout == null && loaded.isEmpty()) {
            process.close();
            return Optional.empty();
        }
        PythonCallbacks callbacks = new PythonCallbacks(process, host, redactor, stdout, List.copyOf(loaded),
                wanted.diff());
        host.closeWith(callbacks);
        return Optional.of(callbacks);
    }

    /** Whether the stdout callback is one of these (the engine's own output is then not shown). */
    public boolean showsRun() {
        return stdout != null;
    }

    /** The names of the other callbacks loaded. */
    public List<String> loaded() {
        return loaded;
    }

    private synchronized void send(String event, Map<String, Object> fields) {
        if (closed) {
            return;
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("op", "event");
        request.put("event", event);
        request.putAll(fields);
        JsonNode masked;
        try {
            masked = PluginProcess.JSON.readTree(redactor.redact(Json.compact(request)));
        } catch (java.io.IOException e) {
            throw new TemplatePlugins.Failure("an event for the callback plugins: " + e.getMessage());
        }
        JsonNode answer = process.answer(masked);
        host.showDisplayed(answer);
        if (!answer.path("ok").asBoolean()) {
            host.warn("a callback plugin failed: " + answer.path("error").asText());
        }
    }

    @Override
    public void playbookStart(String file, boolean check) {
        send("playbook_start", Map.of("file", file));
    }

    @Override
    public void playStart(String name, List<String> hosts, boolean check, String path, String strategy) {
        send("play_start", Map.of("play", Map.of("name", name, "hosts", hosts, "check", check, "path", String.valueOf(path),
                "strategy", String.valueOf(strategy), "uuid", UUID.randomUUID().toString())));
    }

    @Override
    public void noHostsMatched() {
        send("no_hosts_matched", Map.of());
    }

    @Override
    public void taskStart(String name, String action, String position, boolean handler, boolean check, String timedAs) {
        Map<String, Object> task = Map.of("name", name, "action", action, "check", check, "path", path(position),
                "uuid", UUID.randomUUID().toString());
        synchronized (this) {
            loops = false;
        }
        send("task_start", Map.of("task", task, "handler", handler));
    }

    /** {@code file:line:col} (relative to the working folder) as Ansible's task path: {@code /abs/file:line}. */
    private static String path(String position) {
        int col = position.lastIndexOf(':');
        int line = col > 0 ? position.lastIndexOf(':', col - 1) : -1;
        if (line <= 0) {
            return position;
        }
        return Path.of(position.substring(0, line)).toAbsolutePath().normalize() + position.substring(line, col);
    }

    @Override
    public void hostTaskStart(String host, String taskId) {
        send("runner_start", Map.of("host", host));
    }

    @Override
    public void handlerNotified(String handler, String host) {
        send("notify", Map.of("handler", handler, "host", host));
    }

    @Override
    public void hostResult(HostResult r) {
        Map<String, Object> fields = new LinkedHashMap<>();
        boolean loop;
        synchronized (this) {
            loops |= r.item() != null || r.loopEnd();
            loop = loops;
            if (r.status() == HostStatus.OK || r.status() == HostStatus.CHANGED) {
                customStats.add(r.host(), r.result());
            }
        }
        fields.put("status", r.status().name().toLowerCase(java.util.Locale.ROOT));
        fields.put("host", r.host());
        fields.put("delegate", r.delegate() == null || r.delegate().equals(r.host()) ? null : r.delegate());
        fields.put("item", r.loopEnd() ? null : r.item());
        fields.put("loop", loop);
        fields.put("summary", r.loopEnd());
        fields.put("ignored", r.ignored());
        fields.put("verbose", r.verbose());
        fields.put("result", r.result());
        fields.put("diff", diff || !r.diffs().isEmpty());
        fields.put("diffs", r.diffs().stream().map(io.runbook.engine.module.Diff::toMap).toList());
        send("result", fields);
    }

    /**
     * An include's result, which ansible-playbook's callbacks get as any task's: each item's that ran (its skipped
     * ones came as results), then the loop's; or the include's own.
     */
    @Override
    public void includeResult(HostResult r) {
        if (!(r.result().get("results") instanceof List<?> items)) {
            hostResult(r);
            return;
        }
        for (Object o : items) {
            if (o instanceof Map<?, ?> m && !Boolean.TRUE.equals(m.get("skipped"))) {
                @SuppressWarnings("unchecked")
                Map<String, Object> itemResult = (Map<String, Object>) m;
                Object item = m.get(String.valueOf(m.get("ansible_loop_var")));
                hostResult(new HostResult(r.host(), null, r.task(), r.action(), HostStatus.OK, String.valueOf(item), false,
                        false, false, itemResult, List.of(), List.of()));
            }
        }
        hostResult(new HostResult(r.host(), null, r.task(), r.action(), HostStatus.OK, null, true, false, false,
                r.result(), List.of(), List.of()));
    }

    @Override
    public void retried(String host, String delegate, Map<String, Object> result) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("host", host);
        fields.put("delegate", delegate == null || delegate.equals(host) ? null : delegate);
        fields.put("result", result);
        send("retry", fields);
    }

    @Override
    public void varsPrompt(String name, Map<String, Object> fields) {
        send("vars_prompt", Map.of("name", name, "fields", fields));
    }

    @Override
    public void included(String file, List<String> hosts, String item) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("file", Path.of(file).toAbsolutePath().normalize().toString());
        fields.put("hosts", hosts);
        fields.put("item", item);
        send("include", fields);
    }

    @Override
    public void noMoreHosts() {
        send("no_hosts_remaining", Map.of());
    }

    @Override
    public void recap(Map<String, HostStats> stats) {
        Map<String, Object> counts = new LinkedHashMap<>();
        stats.forEach((name, s) -> counts.put(name, Map.of("ok", s.ok(), "changed", s.changed(), "dark", s.unreachable(),
                "failures", s.failed(), "skipped", s.skipped(), "rescued", s.rescued(), "ignored", s.ignored())));
        Map<String, Map<String, Object>> custom;
        synchronized (this) {
            custom = customStats.values();
        }
        send("stats", Map.of("stats", counts, "custom", custom));
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            process.close();
        }
    }
}
