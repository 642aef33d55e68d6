package io.runbook.engine.exec;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import io.runbook.engine.module.ArgValidator;
import io.runbook.engine.playbook.Play;
import io.runbook.engine.playbook.PlaySettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A play's keywords that may be templates, rendered when the play starts with its vars and the extra vars (as
 * Ansible templates play keywords): strategy, serial (an item rendered to {@code omit} is left out), the host
 * order, max_fail_percentage, force_handlers and gather_facts.
 */
record PlaySetup(String strategy, List<Object> serial, String order, Double maxFailPercentage, boolean forceHandlers,
                 boolean gatherFacts) {

    boolean isFree() {
        return strategy.equals("free");
    }

    /** Ansible's debug strategy: linear, with the task debugger on for failed tasks and unreachable hosts. */
    boolean isDebug() {
        return strategy.equals("debug");
    }

    static PlaySetup of(RunState run, Play play) {
        Map<String, Object> vars = new LinkedHashMap<>(play.vars());
        vars.put("omit", CallInputs.OMIT);
        vars.put("playbook_dir", play.baseDir().toString());
        vars.putAll(run.options.extraVars());
        SourcePosition where = play.position();
        Object strategy = render(run, play.strategy(), vars, where);
        String s = strategy == null || CallInputs.OMIT.equals(strategy) ? run.options.defaultStrategy()
                : PlaySettings.checkStrategy(String.valueOf(strategy), where);
        Object order = render(run, play.order(), vars, where);
        String o = order == null ? "inventory" : PlaySettings.checkOrder(String.valueOf(order), where);
        Object pct = render(run, play.maxFailPercentage(), vars, where);
        Double p = pct == null ? null : PlaySettings.toPercentage(pct, where);
        Object force = render(run, play.forceHandlers(), vars, where);
        boolean f = force == null ? run.options.forceHandlers() : bool(force, "force_handlers", where);
        return new PlaySetup(s.equals("host_pinned") ? "free" : s, serial(run, play, vars), o, p, f,
                gather(run, play, vars, where));
    }

    private static boolean gather(RunState run, Play play, Map<String, Object> vars, SourcePosition where) {
        Object g = render(run, play.gatherFacts(), vars, where);
        Boolean written = g == null ? null : bool(g, "gather_facts", where);
        return switch (run.options.gathering()) {
            case "explicit" -> Boolean.TRUE.equals(written);
            default -> written == null || written;
        };
    }

    private static List<Object> serial(RunState run, Play play, Map<String, Object> vars) {
        List<Object> out = new ArrayList<>();
        for (Object spec : play.serial()) {
            Object v = render(run, spec, vars, play.position());
            List<?> items = v instanceof List<?> l ? l : java.util.Collections.singletonList(v);
            for (Object item : items) {
                if (item == null || CallInputs.OMIT.equals(item)) {
                    continue;
                }
                PlaySettings.checkSerialItem(item, play.position());
                out.add(item);
            }
        }
        return out;
    }

    private static Object render(RunState run, Object value, Map<String, Object> vars, SourcePosition where) {
        return value == null ? null : run.templar.render(value, vars, where);
    }

    private static boolean bool(Object v, String what, SourcePosition where) {
        Boolean b = ArgValidator.parseBool(v);
        if (b == null) {
            throw new UserError(where, what + " must be a boolean (yes/no, true/false), got '" + v + "'");
        }
        return b;
    }
}
