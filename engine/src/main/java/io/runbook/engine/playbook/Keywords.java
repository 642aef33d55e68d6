package io.runbook.engine.playbook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The keywords a play, block or task may set and its children inherit: conditions and tags add up, vars and
 * environment layer (child wins), as do {@code includeParams} (a static legacy include's {@code vars:}, above set_fact
 * in precedence as Ansible's include params), the rest is taken from the nearest level that sets it ({@code notify}
 * too: a block's or an import's {@code notify} is its tasks', as in Ansible). {@code checkMode}, {@code diff},
 * {@code noLog}, {@code ignoreErrors}, {@code ignoreUnreachable} and {@code runOnce} are a Boolean, or a
 * {@link TemplatedFlag} rendered when the task runs. {@code moduleDefaults} layer per action ({@link ModuleDefaults}).
 * {@code debugger}: the {@code debugger:} keyword as written (a template is rendered when the task ran), or null.
 */
public record Keywords(List<Expr> when, Set<String> tags, Map<String, Object> vars, Object checkMode,
                       Object diff, Object noLog, Map<String, Object> environment, Object ignoreErrors,
                       Object ignoreUnreachable, Boolean anyErrorsFatal, String delegateTo, Object runOnce,
                       Object timeout, List<String> notifyNames, Boolean delegateFacts, Object throttle,
                       Map<String, Object> includeParams, Map<String, Object> connection, ModuleDefaults moduleDefaults,
                       Object debugger) {

    /** The key under which {@link #environment()} holds a template written as the whole {@code environment:}. */
    public static final String ENVIRONMENT_TEMPLATE = "{{environment}}";

    public static final Keywords NONE = new Keywords(List.of(), Set.of(), Map.of(), null, null, null, Map.of(),
            null, null, null, null, null, null, null, null, null, Map.of(), Map.of(), ModuleDefaults.NONE, null);

    /**
     * The connection keywords and the variables they stand for: as in Ansible, a variable the host (or any other
     * variable source) sets wins over the keyword, so {@link #connection()} holds them under the variables' names.
     */
    public static final Map<String, String> CONNECTION_KEYWORDS = connectionKeywords();

    private static Map<String, String> connectionKeywords() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("connection", "ansible_connection");
        m.put("remote_user", "ansible_user");
        m.put("port", "ansible_port");
        m.put("become", "ansible_become");
        m.put("become_user", "ansible_become_user");
        m.put("become_method", "ansible_become_method");
        m.put("become_flags", "ansible_become_flags");
        m.put("become_exe", "ansible_become_exe");
        return java.util.Collections.unmodifiableMap(m);
    }

    public Keywords {
        when = List.copyOf(when);
        tags = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(tags));
        vars = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(vars));
        environment = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        includeParams = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(includeParams));
        connection = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(connection));
        moduleDefaults = moduleDefaults == null ? ModuleDefaults.NONE : moduleDefaults;
        notifyNames = notifyNames == null ? null : List.copyOf(notifyNames);
    }

    /** Only conditions and tags (as written on an import_playbook). */
    public static Keywords of(List<Expr> when, Set<String> tags) {
        return new Keywords(when, tags, Map.of(), null, null, null, Map.of(), null, null, null, null, null, null, null,
                null, null, Map.of(), Map.of(), ModuleDefaults.NONE, null);
    }

    /** These keywords as seen below {@code parent}: the parent's first, this level's on top. */
    public Keywords under(Keywords parent) {
        List<Expr> w = new ArrayList<>(parent.when);
        w.addAll(when);
        Set<String> t = new LinkedHashSet<>(parent.tags);
        t.addAll(tags);
        Map<String, Object> v = new LinkedHashMap<>(parent.vars);
        v.putAll(vars);
        Map<String, Object> env = new LinkedHashMap<>(parent.environment);
        env.putAll(environment);
        Map<String, Object> params = new LinkedHashMap<>(parent.includeParams);
        params.putAll(includeParams);
        Map<String, Object> conn = new LinkedHashMap<>(parent.connection);
        connection.forEach((k, value) -> conn.put(k, value instanceof TemplatedKeyword tk ? tk.over(parent.connection.get(k)) : value));
        return new Keywords(w, t, v, checkMode instanceof TemplatedFlag f ? f.over(parent.checkMode) : or(checkMode, parent.checkMode), diff instanceof TemplatedFlag f ? f.over(parent.diff) : or(diff, parent.diff),
                noLog instanceof TemplatedFlag f ? f.over(parent.noLog) : or(noLog, parent.noLog), env,
                ignoreErrors instanceof TemplatedFlag f ? f.over(parent.ignoreErrors) : or(ignoreErrors, parent.ignoreErrors),
                ignoreUnreachable instanceof TemplatedFlag f ? f.over(parent.ignoreUnreachable) : or(ignoreUnreachable, parent.ignoreUnreachable),
                or(anyErrorsFatal, parent.anyErrorsFatal), or(delegateTo, parent.delegateTo),
                runOnce instanceof TemplatedFlag f ? f.over(parent.runOnce) : or(runOnce, parent.runOnce), or(timeout, parent.timeout), or(notifyNames, parent.notifyNames),
                or(delegateFacts, parent.delegateFacts), or(throttle, parent.throttle), params, conn,
                moduleDefaults.under(parent.moduleDefaults), or(debugger, parent.debugger));
    }

    /**
     * Whether Ansible's callback sees the task (play) in check mode, for its markers: check_mode as written (a template
     * not rendered yet is a text, true), else {@code cliCheck} (--check).
     */
    public boolean checkModeShown(boolean cliCheck) {
        return checkMode == null ? cliCheck : !(checkMode instanceof Boolean b) || b;
    }

    /** The same keywords without conditions (used where the conditions were already applied). */
    public Keywords withoutWhen() {
        return new Keywords(List.of(), tags, vars, checkMode, diff, noLog, environment, ignoreErrors, ignoreUnreachable,
                anyErrorsFatal, delegateTo, runOnce, timeout, notifyNames, delegateFacts, throttle, includeParams, connection, moduleDefaults, debugger);
    }

    /** The same keywords without run_once (a play's, which its fact gathering does not take, as Ansible's). */
    public Keywords withoutRunOnce() {
        return new Keywords(when, tags, vars, checkMode, diff, noLog, environment, ignoreErrors, ignoreUnreachable,
                anyErrorsFatal, delegateTo, null, timeout, notifyNames, delegateFacts, throttle, includeParams, connection, moduleDefaults, debugger);
    }

    /** The same keywords without vars (a role's vars are role variables, not block vars). */
    public Keywords withoutVars() {
        return new Keywords(when, tags, Map.of(), checkMode, diff, noLog, environment, ignoreErrors, ignoreUnreachable,
                anyErrorsFatal, delegateTo, runOnce, timeout, notifyNames, delegateFacts, throttle, includeParams, connection, moduleDefaults, debugger);
    }

    /** The same keywords delegated to {@code host} (local_action). */
    public Keywords withDelegate(String host) {
        return new Keywords(when, tags, vars, checkMode, diff, noLog, environment, ignoreErrors, ignoreUnreachable,
                anyErrorsFatal, host, runOnce, timeout, notifyNames, delegateFacts, throttle, includeParams, connection, moduleDefaults, debugger);
    }

    /** The same keywords with these include parameters (a static legacy include's {@code vars:}). */
    public Keywords withIncludeParams(Map<String, Object> params) {
        return new Keywords(when, tags, vars, checkMode, diff, noLog, environment, ignoreErrors, ignoreUnreachable,
                anyErrorsFatal, delegateTo, runOnce, timeout, notifyNames, delegateFacts, throttle, params, connection, moduleDefaults, debugger);
    }

    /** The same keywords with other vars. */
    public Keywords withVars(Map<String, Object> newVars) {
        return new Keywords(when, tags, newVars, checkMode, diff, noLog, environment, ignoreErrors, ignoreUnreachable,
                anyErrorsFatal, delegateTo, runOnce, timeout, notifyNames, delegateFacts, throttle, includeParams, connection, moduleDefaults, debugger);
    }

    /**
     * What the tasks of an {@code include_tasks}/{@code include_role} inherit: not its conditions, tags, loop
     * settings or notify, which apply to the include itself (use {@code apply} to pass them on).
     */
    public Keywords forInclude() {
        return forInclude(Set.of());
    }

    /** As {@link #forInclude()}, keeping the play's tags, which every task of the play has, included ones too. */
    public Keywords forInclude(Set<String> playTags) {
        return new Keywords(List.of(), playTags, vars, checkMode, diff, noLog, environment, ignoreErrors, ignoreUnreachable,
                anyErrorsFatal, delegateTo, runOnce, timeout, null, delegateFacts, throttle, includeParams, connection, moduleDefaults, debugger);
    }

    /**
     * An include's own keywords as its tasks see them: its vars only. Ansible applies an include_tasks' or
     * include_role's own {@code ignore_errors}, {@code no_log}, {@code run_once}, {@code timeout} (and conditions and
     * tags) to the include alone; its tasks inherit those of the blocks and the play around it (use {@code apply}).
     */
    public Keywords ownForIncluded() {
        return new Keywords(List.of(), Set.of(), vars, null, null, null, Map.of(), null, null, null, null, null, null,
                null, null, null, includeParams, Map.of(), ModuleDefaults.NONE, null);
    }

    private static <T> T or(T mine, T parents) {
        return mine != null ? mine : parents;
    }

    /**
     * Whether the task may ignore its errors: {@code ignore_errors} is true, or a template that may render to true on
     * some host (for checks before the run; when it runs, the template is rendered for the host).
     */
    public boolean mayIgnoreErrors() {
        return Boolean.TRUE.equals(ignoreErrors) || ignoreErrors instanceof TemplatedFlag;
    }

    public boolean isRunOnce() {
        return Boolean.TRUE.equals(runOnce);
    }

    /** The handlers or topics to notify when the task changes something (never null). */
    public List<String> notifications() {
        return notifyNames == null ? List.of() : notifyNames;
    }
}
