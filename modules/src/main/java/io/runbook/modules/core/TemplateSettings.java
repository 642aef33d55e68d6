package io.runbook.modules.core;

import io.runbook.engine.module.Args;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.vars.TemplateOptions;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The template module's arguments that set how the template is read (Jinja's environment in Ansible: trim_blocks,
 * lstrip_blocks, newline_sequence, the delimiters) and how its text is written ({@code output_encoding}), checked
 * as Ansible's template action checks them.
 */
final class TemplateSettings {
    static final List<String> DELIMITERS = List.of("variable_start_string", "variable_end_string", "block_start_string",
            "block_end_string", "comment_start_string", "comment_end_string");

    private TemplateSettings() {
    }

    static TemplateOptions options(Args args) throws ModuleException {
        Map<String, Object> delimiters = new LinkedHashMap<>();
        for (String name : DELIMITERS) {
            String value = args.string(name);
            if (value != null && !value.isEmpty()) {
                delimiters.put(name, value);
            }
        }
        return new TemplateOptions(args.bool("trim_blocks"), args.bool("lstrip_blocks"), newline(args.string("newline_sequence")), delimiters);
    }

    /**
     * The newline as written in YAML: {@code '\r\n'} in single quotes is the four characters, which Ansible takes for
     * the two it stands for, as it takes the real ones.
     */
    static String newline(String written) throws ModuleException {
        if (written == null) {
            return "\n";
        }
        return switch (written) {
            case "\\n", "\n" -> "\n";
            case "\\r", "\r" -> "\r";
            case "\\r\\n", "\r\n" -> "\r\n";
            default -> throw new ModuleException("newline_sequence needs to be one of: \\n, \\r or \\r\\n");
        };
    }

    /** output_encoding: unset or empty is utf-8, as in Ansible; a name Java does not know is an error. */
    static Charset encoding(Args args) throws ModuleException {
        String name = args.string("output_encoding");
        if (name == null || name.isEmpty()) {
            return java.nio.charset.StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new ModuleException("output_encoding: unknown encoding '" + name + "'");
        }
    }
}
