package io.runbook.engine.vars;

import java.util.List;
import org.apache.commons.jexl3.JexlExpression;

/** An expression as the user wrote it, translated and parsed once; immutable and shared between threads. */
record CompiledExpression(String source, JexlExpression jexl, List<VariablePath> paths) {
}
