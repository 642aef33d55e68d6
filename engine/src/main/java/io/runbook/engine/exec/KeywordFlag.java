package io.runbook.engine.exec;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import io.runbook.engine.playbook.KeywordValues;
import java.util.Map;

/** A boolean task keyword ({@code check_mode}, {@code run_once}) that may be a template, rendered as Ansible does. */
final class KeywordFlag {
    private KeywordFlag() {
    }

    /** {@code value} (a Boolean, the text of a template, or null for {@code unset}) rendered with {@code vars}. */
    static boolean of(RunState run, String keyword, Object value, boolean unset, Map<String, Object> vars,
                      SourcePosition where) {
        if (value == null) {
            return unset;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        Object rendered = run.templar.plain(run.templar.render(value, vars, where));
        Boolean b = KeywordValues.flag(rendered);
        if (b == null) {
            throw new UserError(where, KeywordValues.flagError(keyword, rendered));
        }
        return b;
    }
}
