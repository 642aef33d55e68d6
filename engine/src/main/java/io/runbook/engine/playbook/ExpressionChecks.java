package io.runbook.engine.playbook;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import io.runbook.engine.vars.Conditions;
import io.runbook.engine.vars.Templar;
import io.runbook.engine.yaml.YMap;
import java.util.List;
import java.util.Map;

/**
 * The template and condition syntax of a task (unknown filters and tests too), checked when the playbook is read so
 * that a mistake stops the run before anything runs.
 */
final class ExpressionChecks {
    private final Templar templar = new Templar();
    private final Conditions conditions = new Conditions(templar);
    private final LiteralIncludes includes;

    /**
     * {@code includes}: where a mistake in the arguments of a task that ignores errors becomes a warning;
     * {@code plugins}: the run's Python filters and tests, known names too.
     */
    ExpressionChecks(LiteralIncludes includes, io.runbook.engine.vars.TemplatePlugins plugins) {
        this.includes = includes;
        templar.templatePlugins(plugins);
    }

    /** Checks a task's arguments, its conditions ({@code when}, {@code failed_when}, ...) and its loop. */
    void check(Keywords kw, Map<String, Object> args, Map<String, SourcePosition> argPos, YMap map,
               LoopParser.Parsed loop) {
        args.forEach((k, v) -> {
            try {
                templar.check(v, argPos.getOrDefault(k, map.position()));
            } catch (UserError mistake) {
                if (!kw.mayIgnoreErrors()) {
                    throw mistake;
                }
                // as ansible-playbook, which finds it when the task runs: that task's failure, which it ignores
                includes.ignoredMistake(mistake);
            }
        });
        kw.when().forEach(e -> conditions.check(e.text(), e.position()));
        for (String key : List.of("failed_when", "changed_when", "until")) {
            map.get(key).ifPresent(n -> NodeReader.conditions(n, key).forEach(e -> conditions.check(e.text(), e.position())));
        }
        if (loop.value() != null) {
            templar.check(loop.value() instanceof LoopLookup l ? l.terms() : loop.value(), loop.position());
        }
    }
}
