package io.runbook.engine.vars;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ansible's {@code ini} lookup: for each term (a key, optionally followed by the older inline {@code name=value}
 * options, which carry over to the terms after it), the value of the key in {@code section} of {@code file}
 * (searched as the {@code file} lookup searches, in {@code files/} first), read as Python's configparser reads it
 * ({@link PyConfigParser}); none: {@code default}. {@code type=properties} reads a Java properties file (keys
 * without a section); {@code re} takes the key as a regular expression matched at the start of each key of the
 * section and gives every value it matches; {@code encoding} (utf-8); {@code case_sensitive} keys;
 * {@code allow_no_value} (alias {@code allow_none}) accepts keys without {@code =}, which give nothing.
 * As in Ansible, {@code case_sensitive} and {@code allow_no_value} count only as keyword options, and an inline
 * value is the text as written ({@code re=false} is true).
 */
final class IniLookup {
    private static final List<String> OPTIONS = List.of("_terms", "type", "file", "section", "re", "encoding", "default",
            "case_sensitive", "allow_no_value", "allow_none");

    private IniLookup() {
    }

    static List<Object> run(List<Object> terms, Map<String, Object> kwargs, Frame frame) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("type", "ini");
        params.put("file", "ansible.ini");
        params.put("section", "global");
        params.put("re", false);
        params.put("encoding", "utf-8");
        params.put("default", "");
        params.put("case_sensitive", false);
        params.put("allow_no_value", false);
        for (Map.Entry<String, Object> e : kwargs.entrySet()) {
            String name = e.getKey().equals("allow_none") ? "allow_no_value" : e.getKey();
            if (!OPTIONS.contains(name) || name.equals("_terms")) {
                throw new ExpressionFailure("Invalid option " + PyValues.repr(e.getKey()) + " for the ini lookup (it takes "
                        + String.join(", ", OPTIONS.subList(1, OPTIONS.size())) + ")");
            }
            params.put(name, e.getValue());
        }
        if (!List.of("ini", "properties").contains(PyValues.str(params.get("type")))) {
            throw new ExpressionFailure("Invalid type for configuration option type: " + PyValues.repr(params.get("type"))
                    + " (choose from ini, properties)");
        }
        PyConfigParser parser = new PyConfigParser(PyValues.truthy(params.get("allow_no_value")), PyValues.truthy(params.get("case_sensitive")));
        List<Object> out = new ArrayList<>();
        for (Object t : terms) {
            String term = Secrets.plain(t);
            String key = term;
            if (term.contains("=") || term.strip().contains(" ")) {
                key = inline(term, params);
            }
            String fileName = PyValues.str(params.get("file"));
            Path file = Lookups.fileOrWarn(frame, fileName, "files");
            if (!Files.isRegularFile(file)) {
                // Ansible's ini reads the path its search did not find (None)
                throw LookupFailure.unhandled("ini: could not find the file " + PyValues.repr(fileName) + " (looked for "
                        + file + ")", "ansible.errors.AnsibleParserError", "Invalid filename: 'None'");
            }
            String prefix = "";
            if (PyValues.str(params.get("type")).equals("properties")) {
                prefix = "[java_properties]\n";
                params.put("section", "java_properties");
            }
            try {
                parser.read(prefix + text(file, PyValues.str(params.get("encoding"))));
            } catch (PyConfigParser.Failure f) {
                if (f.type.equals("DuplicateOptionError")) {
                    throw handled("Duplicate option in '" + fileName + "': " + f.getMessage());
                }
                throw unhandled(f);
            }
            String section = PyValues.str(params.get("section"));
            try {
                if (PyValues.truthy(params.get("re"))) {
                    java.util.regex.Pattern p = PyRegex.compile(key, false, false, "ini");
                    parser.items(section).forEach((k, v) -> {
                        if (p.matcher(k).lookingAt()) {
                            out.add(v);
                        }
                    });
                } else {
                    Object value = parser.get(section, key, params.get("default"));
                    if (value != null) {
                        out.add(value);
                    }
                }
            } catch (PyConfigParser.Failure f) {
                if (f.type.equals("NoSectionError")) {
                    throw handled("No section " + PyValues.repr(section) + " in " + fileName);
                }
                throw unhandled(f);
            }
        }
        return out;
    }

    /**
     * The key of a term with inline options, the options put into params, as Ansible's {@code _parse_params}
     * splits it: words joined by spaces to the last option named before them ({@code file=a b.ini}).
     */
    private static String inline(String term, Map<String, Object> params) {
        Map<String, String> found = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>();
        String current = "key";
        String[] words = term.strip().split("\\s+");
        for (int i = 0; i < words.length; i++) {
            String word = words[i];
            if (word.contains("=")) {
                for (String k : OPTIONS) {
                    if (word.contains(k + "=")) {
                        current = k;
                    }
                }
            }
            if (i == 0 || found.getOrDefault(current, "").isEmpty()) {
                found.put(current, word);
                keys.add(current);
            } else {
                found.put(current, found.get(current) + " " + word);
            }
        }
        String key = null;
        for (String k : keys) {
            String param = found.get(k);
            if (param.contains("=")) {
                String[] nv = param.split("=", -1);
                if (nv.length != 2) {
                    throw new ExpressionFailure("Could not use '" + param + "' from " + PyValues.repr(keys.stream().map(found::get).toList())
                            + ": too many values to unpack (expected 2)");
                }
                if (!OPTIONS.contains(nv[0])) {
                    throw handled(nv[0] + " is not a valid option.");
                }
                params.put(nv[0], nv[1]);
            } else if (key == null) {
                key = param;
            }
        }
        if (key == null) {
            throw new ExpressionFailure("No key to lookup was provided as first term with in string inline options: " + term);
        }
        return key;
    }

    private static String text(Path file, String encoding) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            return CsvLookup.charset(encoding).newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ExpressionFailure("ini: " + file + " is not " + encoding + " text");
        } catch (IOException e) {
            throw new ExpressionFailure("ini: could not read " + file + ": " + e.getClass().getSimpleName());
        }
    }

    /** A failure Ansible's ini raises as an AnsibleLookupError with the same words. */
    private static ExpressionFailure handled(String message) {
        return LookupFailure.handled(message, message);
    }

    private static ExpressionFailure unhandled(PyConfigParser.Failure f) {
        return LookupFailure.unhandled("An unhandled exception occurred while running the lookup plugin 'ini'. Error was a <class 'configparser."
                + f.type + "'>, original message: " + f.getMessage(), "configparser." + f.type, f.getMessage());
    }
}
