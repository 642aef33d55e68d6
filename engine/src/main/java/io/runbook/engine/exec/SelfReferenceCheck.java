package io.runbook.engine.exec;

import io.runbook.engine.error.UserError;
import io.runbook.engine.playbook.Play;
import io.runbook.engine.playbook.Playbook;
import io.runbook.engine.vars.Templar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Before anything runs: a play whose {@code vars} need themselves ({@code a: "{{ b }}", b: "{{ a }}"}, or
 * {@code a: "x{{ a }}"}) is an input error naming the chain, unless an extra var replaces one of them.
 */
public final class SelfReferenceCheck {
    private SelfReferenceCheck() {
    }

    public static void check(Playbook playbook, RunOptions options) {
        Templar templar = new Templar();
        for (Play play : playbook.plays()) {
            Map<String, Object> vars = new LinkedHashMap<>(play.vars());
            vars.keySet().removeAll(options.extraVars().keySet());
            List<String> chain = templar.selfReference(vars);
            if (!chain.isEmpty()) {
                throw new UserError(play.position(), "variable '" + chain.get(0) + "' refers to itself: "
                        + String.join(" → ", chain) + " (in the play's vars)");
            }
        }
    }
}
