package io.runbook.engine.exec;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.vars.Templar;
import io.runbook.engine.vars.UndefinedVariableError;
import java.util.Map;

/**
 * A task option (a module's argument, a set_fact value) whose template uses an undefined variable fails with
 * Ansible's wording in front of ours, so a {@code rescue} that looks for Ansible's text finds it:
 * {@code tasks/main.yml:6:14: The task includes an option with an undefined variable. The error was: 'c_int' is
 * undefined (did you mean 'c_list'?)}.
 */
final class UndefinedOption {
    static final String ANSIBLE_WORDING = "The task includes an option with an undefined variable.";

    private UndefinedOption() {
    }

    /** {@code value} rendered; an undefined variable fails with Ansible's wording. */
    static Object render(Templar templar, Object value, Map<String, Object> vars, SourcePosition where) {
        try {
            return templar.render(value, vars, where);
        } catch (UndefinedVariableError e) {
            throw e.inAnsibleWords(ANSIBLE_WORDING + " The error was: ");
        }
    }
}
