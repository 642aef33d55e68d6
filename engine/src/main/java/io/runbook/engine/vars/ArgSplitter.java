package io.runbook.engine.vars;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits one-line arguments into words as Ansible's parser does (its {@code split_args}): on spaces and newlines,
 * but a quoted part or a Jinja {@code {{ }}}, {@code {% %}}, {@code {# #}} block stays one word, with its spaces and
 * newlines; a word keeps its quotes. A newline ends the word before it and is kept ({@link #join} puts the words
 * back together with it), unless the line ends with a lone {@code \} (a line continuation, dropped): so
 * {@code shell: |} scripts keep their lines, as ansible-playbook gives them to the shell.
 */
public final class ArgSplitter {
    private ArgSplitter() {
    }

    private static final class State {
        char quote;
        int print;
        int block;
        int comment;

        boolean inJinja() {
            return print > 0 || block > 0 || comment > 0;
        }
    }

    public static List<String> split(String text, SourcePosition where) {
        List<String> params = new ArrayList<>();
        State s = new State();
        String[] lines = text.split("\n", -1);
        for (int li = 0; li < lines.length; li++) {
            String[] tokens = lines[li].split(" ", -1);
            boolean continuation = false;
            for (int i = 0; i < tokens.length; i++) {
                String token = tokens[i];
                if (token.isEmpty() && i != 0) {
                    appendToLast(params, " ");
                    continue;
                }
                if (token.equals("\\") && s.quote == 0) {
                    continuation = true;
                    continue;
                }
                word(params, s, token, i, tokens.length);
            }
            if (lines.length > 1 && li != lines.length - 1 && !continuation) {
                appendToLast(params, "\n");
            }
        }
        if (s.inJinja() || s.quote != 0) {
            throw new UserError(where, "failed at splitting arguments, either an unbalanced jinja2 block or quotes: " + text);
        }
        return params;
    }

    /** One space-separated token: a word of its own, or part of the quoted text or Jinja block before it. */
    private static void word(List<String> params, State s, String token, int index, int count) {
        boolean wasQuoted = s.quote != 0;
        s.quote = quoteState(token, s.quote);
        boolean quoted = s.quote != 0;
        boolean appended = false;
        if (quoted && !wasQuoted && !s.inJinja()) {
            params.add(token);
            appended = true;
        } else if (s.inJinja() || quoted || wasQuoted) {
            if (index == 0 && wasQuoted) {
                appendToLast(params, token);
            } else if (count > 1) {
                appendToLast(params, (index > 0 ? " " : "") + token);
            } else {
                appendToLast(params, "\n" + token);
            }
            appended = true;
        }
        int before = s.print;
        s.print = depth(token, s.print, "{{", "}}");
        appended = added(params, token, appended, before != s.print);
        before = s.block;
        s.block = depth(token, s.block, "{%", "%}");
        appended = added(params, token, appended, before != s.block);
        before = s.comment;
        s.comment = depth(token, s.comment, "{#", "#}");
        appended = added(params, token, appended, before != s.comment);
        if (!s.inJinja() && !quoted && !appended && !token.isEmpty()) {
            params.add(token);
        }
    }

    private static boolean added(List<String> params, String token, boolean appended, boolean depthChanged) {
        if (depthChanged && !appended) {
            params.add(token);
            return true;
        }
        return appended;
    }

    private static void appendToLast(List<String> params, String text) {
        if (params.isEmpty()) {
            params.add(text);
        } else {
            params.set(params.size() - 1, params.get(params.size() - 1) + text);
        }
    }

    /** The quote still open after token, given the one open before it (a quote after a backslash does not count). */
    private static char quoteState(String token, char quote) {
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if ((c == '"' || c == '\'') && (i == 0 || token.charAt(i - 1) != '\\')) {
                if (quote == 0) {
                    quote = c;
                } else if (c == quote) {
                    quote = 0;
                }
            }
        }
        return quote;
    }

    private static int depth(String token, int depth, String open, String close) {
        int opens = count(token, open);
        int closes = count(token, close);
        if (opens != closes) {
            depth += opens - closes;
            depth = Math.max(depth, 0);
        }
        return depth;
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + what.length())) {
            n++;
        }
        return n;
    }

    /** The words back in one text, as Ansible's {@code join_args}: a space between them, none after a newline. */
    public static String join(List<String> words) {
        StringBuilder out = new StringBuilder();
        for (String w : words) {
            if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
                out.append(' ');
            }
            out.append(w);
        }
        return out.toString();
    }

    private static final java.util.regex.Pattern ESCAPE = java.util.regex.Pattern.compile(
            "\\\\(U[0-9a-fA-F]{8}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[\\\\'\"abfnrtv])");

    /** The key=value words a command-like module's free text may carry (Ansible's check_raw list); others are the command's. */
    private static final java.util.Set<String> COMMAND_OPTIONS = java.util.Set.of("creates", "removes", "chdir",
            "executable", "warn", "stdin", "stdin_add_newline", "strip_empty_ends");

    /**
     * One-line arguments read as Ansible's {@code parse_kv}: the options (keys and values as strings) and the other
     * words as written, in order (Ansible joins them to {@code _raw_params}).
     */
    public record KeyValues(Map<String, String> options, List<String> raw) {
    }

    /**
     * The text's words as Ansible's {@code parse_kv}: a word splits at its first {@code =} after its first character
     * that no backslash escapes (inside a template too: {@code {{ a == b }}} has the key "{{ a"), its escapes
     * ({@code \t}, {@code \x1a}) decoded, the value's outer quotes removed; any key counts, but with
     * {@code commandLike} (Ansible's check_raw) only {@link #COMMAND_OPTIONS}, so {@code echo a=b} stays the command's.
     */
    public static KeyValues parseKv(String text, SourcePosition where, boolean commandLike) {
        Map<String, String> options = new java.util.LinkedHashMap<>();
        List<String> raw = new ArrayList<>();
        for (String word : split(text, where)) {
            String x = decodeEscapes(word);
            int eq = x.indexOf('=', 1);
            while (eq > 0 && x.charAt(eq - 1) == '\\') {
                eq = x.indexOf('=', eq + 1);
            }
            if (eq < 0) {
                // no '=', or only escaped ones: a raw word (those with '\=' get it as '=')
                raw.add(x.contains("=") ? x.replace("\\=", "=") : word);
            } else if (commandLike && !COMMAND_OPTIONS.contains(x.substring(0, eq))) {
                raw.add(word);
            } else {
                options.put(x.substring(0, eq).strip(), unquote(x.substring(eq + 1).strip()));
            }
        }
        return new KeyValues(options, raw);
    }

    /** {@link #parseKv} as Ansible's result for a lookup's term: the raw words joined to {@code _raw_params}. */
    public static Map<String, String> keyValues(String text, SourcePosition where) {
        KeyValues kv = parseKv(text, where, false);
        Map<String, String> out = new java.util.LinkedHashMap<>(kv.options());
        if (!kv.raw().isEmpty()) {
            out.put("_raw_params", join(kv.raw()));
        }
        return out;
    }

    /**
     * Python's escapes of a word ({@code \n}, {@code \t}, {@code \x1a}, {@code \u00e9}) as the characters
     * they stand for, as Ansible's {@code _decode_escapes} (other backslashes stay).
     */
    public static String decodeEscapes(String word) {
        java.util.regex.Matcher m = ESCAPE.matcher(word);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String e = m.group(1);
            String c = switch (e.charAt(0)) {
                case 'U', 'u', 'x' -> new String(Character.toChars(Integer.parseInt(e.substring(1), 16)));
                case 'a' -> "\u0007";
                case 'b' -> "\b";
                case 'f' -> "\f";
                case 'n' -> "\n";
                case 'r' -> "\r";
                case 't' -> "\t";
                case 'v' -> "\u000b";
                default -> e;
            };
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(c));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Ansible's {@code quoting.unquote}: the text without the quotes around it when it starts and ends with the same one. */
    public static String unquote(String v) {
        if (v.length() >= 2 && v.charAt(0) == v.charAt(v.length() - 1) && (v.charAt(0) == '"' || v.charAt(0) == '\'')
                && v.charAt(v.length() - 2) != '\\') {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }
}
