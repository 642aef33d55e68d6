package io.runbook.engine.vars.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import io.runbook.engine.error.SourcePosition;
import java.util.Map;

/**
 * One case of the Jinja corpus: a template or condition, the variables it sees, how Ansible uses it (mode), and
 * what Ansible's Templar gave for it (recorded in expected.json).
 *
 * @param set      "corpus" or "holdout"
 * @param mode     "native" (a task argument), "text" (the template module) or "when" (a condition)
 * @param where    where the input is written in its case file
 * @param expected Ansible's result: {@code {"type": .., "value": ..}} or {@code {"error": .., "message": ..}}
 */
record CorpusCase(String id, String set, String mode, String input, Map<String, Object> vars,
                  SourcePosition where, JsonNode expected) {

    boolean expectsError() {
        return expected.has("error");
    }

    /** Ansible's result in Python terms, for reports: {@code 3 (int)} or {@code error AnsibleUndefinedVariable: ..}. */
    String describeExpected() {
        if (expectsError()) {
            return "error " + expected.get("error").asText() + ": " + expected.path("message").asText();
        }
        return PythonValues.repr(expected.get("value")) + " (" + expected.get("type").asText() + ")";
    }
}
