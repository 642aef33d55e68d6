package io.runbook.engine.playbook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The keywords a play, block or task may set and its children inherit: conditions and tags add up, vars and
 * environment layer (child wins), the rest is taken from the nearest level that sets it.
 */
public record Keywords(List<Expr> when, Set<String> tags, Map<String, Object> vars, Boolean checkMode,
                       Boolean diff, Boolean noLog, Map<String, Object> environment, Boolean ignoreErrors,
                       Boolean ignoreUnreachable, Boolean anyErrorsFatal, String delegateTo, Boolean runOnce,
                       Object timeout) {

    public static final Keywords NONE = new Keywords(List.of(), Set.of(), Map.of(), null, null, null, Map.of(),
            null, null, null, null, null, null);

    public Keywords {
        when = List.copyOf(when);
        tags = Set.copyOf(tags);
        vars = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(vars));
        environment = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(environment));
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
        return new Keywords(w, t, v, or(checkMode, parent.checkMode), or(diff, parent.diff), or(noLog, parent.noLog), env,
                or(ignoreErrors, parent.ignoreErrors), or(ignoreUnreachable, parent.ignoreUnreachable),
                or(anyErrorsFatal, parent.anyErrorsFatal), or(delegateTo, parent.delegateTo),
                or(runOnce, parent.runOnce), or(timeout, parent.timeout));
    }

    /** The same keywords without conditions (used where the conditions were already applied). */
    public Keywords withoutWhen() {
        return new Keywords(List.of(), tags, vars, checkMode, diff, noLog, environment, ignoreErrors, ignoreUnreachable,
                anyErrorsFatal, delegateTo, runOnce, timeout);
    }

    /** What the tasks of an {@code include_tasks} inherit: not its conditions or tags, which apply to the include itself. */
    public Keywords forInclude() {
        return new Keywords(List.of(), Set.of(), vars, checkMode, diff, noLog, environment, ignoreErrors, ignoreUnreachable,
                anyErrorsFatal, delegateTo, runOnce, timeout);
    }

    private static <T> T or(T mine, T parents) {
        return mine != null ? mine : parents;
    }

    public boolean isNoLog() {
        return Boolean.TRUE.equals(noLog);
    }

    public boolean isIgnoreErrors() {
        return Boolean.TRUE.equals(ignoreErrors);
    }

    public boolean isRunOnce() {
        return Boolean.TRUE.equals(runOnce);
    }

    public boolean isAnyErrorsFatal() {
        return Boolean.TRUE.equals(anyErrorsFatal);
    }
}
