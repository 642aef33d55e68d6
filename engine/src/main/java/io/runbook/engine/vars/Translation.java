package io.runbook.engine.vars;

import java.util.List;

/** A Jinja-style expression rewritten into JEXL, with the variable paths the JEXL text refers to by number. */
record Translation(String jexl, List<VariablePath> paths) {
}
