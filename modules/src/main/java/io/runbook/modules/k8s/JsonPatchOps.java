package io.runbook.modules.k8s;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.Suggestions;
import io.runbook.engine.error.UserError;
import io.runbook.engine.module.ArgValidator;
import java.util.List;
import java.util.Map;

/**
 * The operations of an RFC 6902 JSON patch ({@code k8s_json_patch}'s {@code patch}), checked before they are sent:
 * each a mapping with an {@code op} of the six, a {@code path} (a JSON pointer: empty or starting with {@code /}), a
 * {@code value} for add, replace and test, a {@code from} for move and copy. A literal patch is checked when the
 * playbook is read, so a misspelt operation stops the run before anything changed.
 */
final class JsonPatchOps {
    private static final List<String> OPS = List.of("add", "remove", "replace", "move", "copy", "test");

    private JsonPatchOps() {
    }

    /** Throws a {@link UserError} at {@code position} naming the first operation that is wrong; templated parts pass. */
    static void check(Object patch, SourcePosition position) {
        if (patch == null || patch instanceof String text && ArgValidator.isTemplate(text)) {
            return;
        }
        if (!(patch instanceof List<?> ops)) {
            throw new UserError(position, "argument 'patch': a list of JSON patch operations ({op, path, value}) is expected, not "
                    + describe(patch));
        }
        for (int i = 0; i < ops.size(); i++) {
            String why = problem(ops.get(i));
            if (why != null) {
                Object op = ops.get(i) instanceof Map<?, ?> m ? m.get("op") : null;
                String hint = op == null || OPS.contains(String.valueOf(op)) ? null
                        : Suggestions.closest(String.valueOf(op), OPS).map(s -> "did you mean '" + s + "'?").orElse(null);
                throw new UserError(position, "argument 'patch': operation " + (i + 1) + ": " + why, hint);
            }
        }
    }

    private static String problem(Object item) {
        if (item instanceof String text && ArgValidator.isTemplate(text)) {
            return null;
        }
        if (!(item instanceof Map<?, ?> op)) {
            return "a mapping {op, path, value} is expected, not " + describe(item);
        }
        Object name = op.get("op");
        if (name == null) {
            return "'op' is missing (one of " + String.join(", ", OPS) + ")";
        }
        if (ArgValidator.isTemplate(name)) {
            return null;
        }
        if (!OPS.contains(String.valueOf(name))) {
            return "op '" + name + "' is not one of " + String.join(", ", OPS);
        }
        Object path = op.get("path");
        if (path == null) {
            return "op '" + name + "' needs a 'path' (a JSON pointer such as /metadata/labels/app)";
        }
        if (!ArgValidator.isTemplate(path) && !String.valueOf(path).isEmpty() && !String.valueOf(path).startsWith("/")) {
            return "path '" + path + "' is not a JSON pointer: it starts with / (/" + path + "?)";
        }
        if (List.of("add", "replace", "test").contains(String.valueOf(name)) && !op.containsKey("value")) {
            return "op '" + name + "' needs a 'value'";
        }
        if (List.of("move", "copy").contains(String.valueOf(name)) && op.get("from") == null) {
            return "op '" + name + "' needs a 'from' (the JSON pointer to " + name + " from)";
        }
        return null;
    }

    private static String describe(Object value) {
        return value instanceof Map ? "a mapping" : value instanceof List ? "a list" : "'" + value + "'";
    }
}
