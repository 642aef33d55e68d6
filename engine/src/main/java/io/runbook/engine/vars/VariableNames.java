package io.runbook.engine.vars;

import java.util.Set;

/** What Ansible accepts as a variable's name (its {@code ansible.utils.vars.isidentifier}), for register and set_fact. */
public final class VariableNames {
    /** Python's keywords (and its True/False/None), which isidentifier refuses. */
    private static final Set<String> PYTHON_KEYWORDS = Set.of("False", "None", "True", "and", "as", "assert", "async",
            "await", "break", "class", "continue", "def", "del", "elif", "else", "except", "finally", "for", "from",
            "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try",
            "while", "with", "yield");

    private VariableNames() {
    }

    /** An ASCII identifier (letters, digits, '_', not starting with a digit) that is no Python keyword. */
    public static boolean isValid(String name) {
        return name.matches("[A-Za-z_][A-Za-z0-9_]*") && !PYTHON_KEYWORDS.contains(name);
    }
}
