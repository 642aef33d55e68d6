package io.runbook.engine.vars;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import io.runbook.engine.yaml.YMap;
import io.runbook.engine.yaml.YNode;
import io.runbook.engine.yaml.YamlLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code -e}/{@code --extra-vars} as ansible-playbook reads them: {@code key=value} pairs (values are strings;
 * quotes group words), inline JSON or YAML ({@code {"a": 1}}, {@code ---\na: 1}), or {@code @file} (YAML or
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
        return pairs(text, argument);
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

    private static Map<String, Object> pairs(String text, String argument) {
        Map<String, Object> vars = new LinkedHashMap<>();
        for (String word : words(text, argument)) {
            int eq = word.indexOf('=');
            if (eq <= 0) {
                throw new UserError(COMMAND_LINE, "cannot read '" + word + "'",
                        "write key=value, JSON/YAML such as '{\"key\": 1}', or @file.yml");
            }
            String name = word.substring(0, eq);
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new UserError(COMMAND_LINE, "'" + name + "' is not a valid variable name",
                        "use letters, digits and '_', not starting with a digit");
            }
            vars.put(name, word.substring(eq + 1));
        }
        return vars;
    }

    /** Splits on spaces outside quotes; quotes group words and are removed ({@code msg='a b'} → {@code msg=a b}). */
    private static List<String> words(String text, String argument) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == quote ? text.charAt(++i) : c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new UserError(COMMAND_LINE, "unclosed quote in '" + argument + "'");
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
