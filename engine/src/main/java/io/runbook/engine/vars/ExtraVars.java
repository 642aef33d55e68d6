package io.runbook.engine.vars;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import io.runbook.engine.yaml.YMap;
import io.runbook.engine.yaml.YNode;
import io.runbook.engine.yaml.YamlLoader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code -e}/{@code --extra-vars} as ansible-playbook reads them: {@code key=value} pairs (values are strings, read as
 * module free-form arguments are: {@link ArgSplitter#keyValues}), inline JSON or YAML ({@code {"a": 1}}, {@code ---\na: 1}), or {@code @file} (YAML or
 * JSON). Several {@code -e} merge left to right, a later top-level key replacing an earlier one (merged into it when
 * hash_behaviour is merge and both are mappings).
 */
public final class ExtraVars {
    private static final SourcePosition COMMAND_LINE = SourcePosition.of("-e");

    private ExtraVars() {
    }

    public static Map<String, Object> parse(List<String> arguments, Path workingDirectory) {
        return parse(arguments, workingDirectory, HashBehaviour.REPLACE);
    }

    /** As {@link #parse(List, Path)}, a later {@code -e}'s mapping merged into an earlier one's with {@code merge}. */
    public static Map<String, Object> parse(List<String> arguments, Path workingDirectory, HashBehaviour hash) {
        Map<String, Object> vars = new LinkedHashMap<>();
        for (String argument : arguments) {
            parseOne(argument, workingDirectory).forEach((k, v) -> vars.put(k, hash.combine(vars.get(k), v)));
        }
        return vars;
    }

    private static Map<String, Object> parseOne(String argument, Path workingDirectory) {
        String text = argument.strip();
        if (text.startsWith("@")) {
            Path file = workingDirectory.resolve(text.substring(1));
            return mapping(YamlLoader.load(file), argument);
        }
        if (text.startsWith("{") || text.startsWith("---")) {
            List<YNode> documents = YamlLoader.loadAll(text, Path.of("-e"));
            return mapping(documents.stream().findFirst(), argument);
        }
        return pairs(text);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapping(Optional<YNode> document, String argument) {
        if (document.isEmpty()) {
            return Map.of();
        }
        if (!(document.get() instanceof YMap map)) {
            throw new UserError(document.get().position(), "extra vars '" + argument + "' must be a mapping of names"
                    + " to values, not " + document.get().describe());
        }
        return (Map<String, Object>) map.toPlain();
    }

    /**
     * {@code key=value} words as Ansible reads them ({@code parse_kv}, the reader of modules' free-form arguments):
     * quotes and Jinja blocks group words, Python escapes decoded, a value's outer quotes removed. A word that is no
     * {@code key=value} is refused (Ansible would make it a variable named {@code _raw_params}).
     */
    private static Map<String, Object> pairs(String text) {
        Map<String, Object> vars = new LinkedHashMap<>();
        for (Map.Entry<String, String> pair : ArgSplitter.keyValues(text, COMMAND_LINE).entrySet()) {
            String name = pair.getKey();
            if (name.equals("_raw_params") || name.isEmpty()) {
                throw new UserError(COMMAND_LINE, "cannot read '" + pair.getValue() + "'",
                        "write key=value, JSON/YAML such as '{\"key\": 1}', or @file.yml");
            }
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new UserError(COMMAND_LINE, "'" + name + "' is not a valid variable name",
                        "use letters, digits and '_', not starting with a digit");
            }
            vars.put(name, pair.getValue());
        }
        return vars;
    }
}
