package io.runbook.engine.vars;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ansible's {@code csvfile} lookup: for each term (a search key, optionally followed by the older inline
 * {@code key=value} options), the field in column {@code col} (0 is the first) of the first row of {@code file}
 * (searched as the {@code file} lookup searches, in {@code files/} first) whose first field is the key; none:
 * {@code default}, or nothing. Options: {@code file} ({@code ansible.csv}), {@code col} ({@code 1}),
 * {@code delimiter} ({@code TAB}; one character, {@code TAB} and {@code \t} a tab), {@code encoding}
 * ({@code utf-8}), {@code default}. Inline options carry over to the terms after them, as in Ansible. Rows are
 * read as Python's {@code csv} module reads them (its {@code excel} dialect with the delimiter): quoted fields,
 * doubled quotes, line breaks inside quotes, CRLF.
 */
final class CsvLookup {
    private static final Set<String> OPTIONS = Set.of("file", "col", "default", "delimiter", "encoding");

    private CsvLookup() {
    }

    static List<Object> run(List<Object> terms, Map<String, Object> kwargs, Frame frame) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("file", "ansible.csv");
        params.put("col", "1");
        params.put("default", null);
        params.put("delimiter", "TAB");
        params.put("encoding", "utf-8");
        for (Map.Entry<String, Object> e : kwargs.entrySet()) {
            if (!OPTIONS.contains(e.getKey())) {
                throw new ExpressionFailure(e.getKey() + " is not a valid option (csvfile takes " + String.join(", ", new java.util.TreeSet<>(OPTIONS)) + ")");
            }
            params.put(e.getKey(), e.getValue());
        }
        List<Object> out = new ArrayList<>();
        for (Object term : terms) {
            if (!(term instanceof CharSequence)) {
                throw new ExpressionFailure("csvfile: the search key must be text, not " + PyValues.typeName(term));
            }
            Map<String, String> kv = ArgSplitter.keyValues(Secrets.plain(term), null);
            String key = kv.remove("_raw_params");
            if (key == null) {
                throw new ExpressionFailure("Search key is required but was not found");
            }
            for (Map.Entry<String, String> e : kv.entrySet()) {
                if (!OPTIONS.contains(e.getKey())) {
                    throw new ExpressionFailure(e.getKey() + " is not a valid option");
                }
                params.put(e.getKey(), e.getValue());
            }
            if ("TAB".equals(params.get("delimiter"))) {
                params.put("delimiter", "\t");
            }
            Object found = find(frame, key, params);
            if (found instanceof List<?> l) {
                out.addAll(l);
            } else if (found != null) {
                out.add(found);
            }
        }
        return out;
    }

    /** The field of the first row whose first field is key, else the default. */
    private static Object find(Frame frame, String key, Map<String, Object> params) {
        String delimiter = PyValues.str(params.get("delimiter"));
        if (delimiter.length() != 1) {
            throw new ExpressionFailure("csvfile: \"delimiter\" must be a 1-character string");
        }
        String fileName = PyValues.str(params.get("file"));
        Path file = Lookups.fileOrWarn(frame, fileName, "files");
        if (!Files.isRegularFile(file)) {
            throw new ExpressionFailure("csvfile: [Errno 2] No such file or directory: '" + fileName + "' (looked for " + file + ")");
        }
        String text;
        try {
            text = new String(Files.readAllBytes(file), charset(PyValues.str(params.get("encoding"))));
        } catch (IOException e) {
            throw new ExpressionFailure("csvfile: could not read " + file + ": " + e.getClass().getSimpleName());
        }
        for (List<String> row : rows(text, delimiter.charAt(0))) {
            if (!row.isEmpty() && row.get(0).equals(key)) {
                return row.get(column(params.get("col"), row.size()));
            }
        }
        return params.get("default");
    }

    static Charset charset(String encoding) {
        try {
            return Charset.forName(encoding.equalsIgnoreCase("latin-1") ? "ISO-8859-1" : encoding);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new ExpressionFailure("csvfile: unknown encoding: " + encoding);
        }
    }

    /** col as Python's int(col) and list index (negative from the end). */
    private static int column(Object col, int size) {
        String text = PyValues.str(col).strip();
        int n;
        try {
            n = Integer.parseInt(text.startsWith("+") ? text.substring(1) : text);
        } catch (NumberFormatException e) {
            throw new ExpressionFailure("csvfile: invalid literal for int() with base 10: " + PyValues.repr(PyValues.str(col)));
        }
        int index = n < 0 ? size + n : n;
        if (index < 0 || index >= size) {
            throw new ExpressionFailure("csvfile: list index out of range");
        }
        return index;
    }

    private enum State { START, FIELD, QUOTED, QUOTE_IN_QUOTED }

    /** The rows of CSV text, as Python's csv.reader (excel dialect, not strict) gives them; a blank line is an empty row. */
    static List<List<String>> rows(String text, char delimiter) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        State state = State.START;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean newline = c == '\n' || c == '\r';
            if (state == State.QUOTED) {
                if (c == '"') {
                    state = State.QUOTE_IN_QUOTED;
                } else {
                    field.append(c);
                }
            } else if (state == State.QUOTE_IN_QUOTED && c == '"') {
                field.append('"');
                state = State.QUOTED;
            } else if (c == delimiter) {
                row.add(field.toString());
                field.setLength(0);
                state = State.START;
            } else if (newline) {
                if (state != State.START || !row.isEmpty()) {
                    row.add(field.toString());
                }
                rows.add(row);
                row = new ArrayList<>();
                field.setLength(0);
                state = State.START;
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
            } else if (state == State.START && c == '"') {
                state = State.QUOTED;
            } else {
                field.append(c);
                state = State.FIELD;
            }
        }
        if (state != State.START || !row.isEmpty() || field.length() > 0) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }
}
