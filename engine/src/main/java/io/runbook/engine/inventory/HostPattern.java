package io.runbook.engine.inventory;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed host pattern, as in a play's {@code hosts:} or {@code --limit}. Terms are separated by {@code :}
 * or {@code ,} (outside brackets); {@code &term} intersects, {@code !term} excludes. Whatever the written
 * order, all unions are applied first, then intersections, then exclusions; a pattern with only
 * {@code &}/{@code !} terms starts from {@code all}. A term is {@code all}, {@code *}, a host or group name,
 * a glob ({@code cp-*}), a regex ({@code ~cp-(eu|us)}), optionally with a subscript ({@code grp[0]},
 * {@code grp[-1]}, {@code grp[1:3]} inclusive, {@code grp[1:]}).
 *
 * <p>Empty terms ({@code host1,,host3}, {@code web::db}, a leading or trailing separator) are left out, as
 * Ansible's {@code split_host_pattern} leaves them out; a pattern of none ({@code ,,}) selects every host, as Ansible's
 * does. Parsing finds the syntax errors (unclosed bracket, bad regex, a blank pattern) and throws {@link UserError}
 * at the given position; matching happens in {@link Inventory#select(HostPattern, HostPattern)}. A
 * {@code hosts:} list may be joined with {@code ","} before parsing. {@code {{ }}} templates must be rendered
 * by the caller first.
 */
public final class HostPattern {
    private final String text;
    private final SourcePosition where;
    private final List<PatternTerm> terms;

    private HostPattern(String text, SourcePosition where, List<PatternTerm> terms) {
        this.text = text;
        this.where = where;
        this.terms = List.copyOf(terms);
    }

    /**
     * Parses a pattern.
     *
     * @param pattern the pattern text; empty terms are left out ({@code host1,})
     * @param where   where the pattern was written, used for errors; never null
     * @throws UserError when the pattern is syntactically wrong
     */
    public static HostPattern parse(String pattern, SourcePosition where) {
        List<PatternTerm> terms = new ArrayList<>();
        for (String raw : split(pattern, where)) {
            terms.add(PatternTerm.parse(raw, pattern, where));
        }
        return new HostPattern(pattern, where, terms);
    }

    /**
     * Parses a list of patterns, as a play's {@code hosts:} list or the terms of the {@code inventory_hostnames} lookup:
     * each split on its own (Ansible's {@code split_host_pattern} of a list), so {@code ['web2:db1', 'web1']} is
     * three terms, where the joined {@code web2:db1,web1} would split on its comma only.
     *
     * @throws UserError when a pattern is syntactically wrong
     */
    public static HostPattern parse(List<String> patterns, SourcePosition where) {
        if (patterns.size() == 1) {
            return parse(patterns.get(0), where);
        }
        List<PatternTerm> terms = new ArrayList<>();
        for (String pattern : patterns) {
            for (String raw : split(pattern, where)) {
                terms.add(PatternTerm.parse(raw, pattern, where));
            }
        }
        return new HostPattern(String.join(",", patterns), where, terms);
    }

    /**
     * Parses a {@code --limit} value: the same grammar, and a term {@code @FILE} stands for the host names (or
     * patterns) in that file, one per line, blank lines ignored. A blank limit, or one of empty terms only
     * ({@code --limit ''}, {@code --limit ,}), limits nothing, as Ansible's.
     *
     * @throws UserError when the pattern is wrong or the file cannot be read
     */
    public static HostPattern parseLimit(String limit, SourcePosition where) {
        List<PatternTerm> terms = new ArrayList<>();
        for (String raw : limit.isBlank() ? List.<String>of() : split(limit, where)) {
            if (!raw.startsWith("@")) {
                terms.add(PatternTerm.parse(raw, limit, where));
                continue;
            }
            for (String line : readLimitFile(Path.of(raw.substring(1)), where)) {
                if (!line.isBlank()) {
                    terms.add(PatternTerm.parse(line.trim(), line.trim(), where));
                }
            }
        }
        return new HostPattern(limit, where, terms);
    }

    /** The pattern as written. */
    public String text() {
        return text;
    }

    /** Where the pattern was written. */
    public SourcePosition where() {
        return where;
    }

    List<PatternTerm> terms() {
        return terms;
    }

    @Override
    public String toString() {
        return text;
    }

    private static List<String> readLimitFile(Path file, SourcePosition where) {
        if (Files.isDirectory(file)) {
            throw new UserError(where, "Limit starting with \"@\" must be a file, not a directory: " + file);
        }
        try {
            return Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            throw new UserError(where, "limit file not found: " + file);
        } catch (IOException e) {
            throw new UserError(where, "cannot read limit file " + file + ": " + e.getMessage());
        }
    }

    /**
     * Splits a host pattern into its terms as Ansible's {@code split_host_pattern}: with a comma in it, on commas only
     * (a colon is then part of its term: {@code web,fe80::2}); without, a pattern that is one address as Ansible's
     * {@code parse_address} reads one with ranges ({@link HostAddress}: an IPv6 address, a host and port, {@code web[1:3]})
     * is one term, and anything else is split on ':'. Splitting happens outside brackets (and, in a
     * {@code ~regex} term, outside parentheses and braces, so {@code ~web-(1|2)} and {@code ~web{1,3}} stay whole);
     * empty terms are left out. Rejects a blank pattern and unbalanced brackets.
     */
    static List<String> split(String pattern, SourcePosition where) {
        if (pattern == null || pattern.isBlank()) {
            throw new UserError(where, "empty host pattern", "use 'all' for every host");
        }
        String p = pattern.strip();
        boolean commas = p.indexOf(',') >= 0 && !isRegex(p);
        if (!commas && isAddress(pattern)) {
            return List.of(p);
        }
        List<String> out = new ArrayList<>();
        int depth = 0;
        int open = -1;
        int nested = 0;
        StringBuilder term = new StringBuilder();
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '[') {
                open = depth++ == 0 ? i : open;
            } else if (c == ']' && --depth < 0) {
                throw new UserError(where, "unexpected ']' at character " + (i + 1) + " of host pattern '" + pattern + "'");
            }
            if (isRegex(term) && (c == '(' || c == '{')) {
                nested++;
            } else if (isRegex(term) && (c == ')' || c == '}') && nested > 0) {
                nested--;
            }
            if (depth == 0 && nested == 0 && (c == ',' || c == ':' && !commas)) {
                addTerm(out, term);
            } else {
                term.append(c);
            }
        }
        if (depth > 0) {
            throw new UserError(where, "unclosed '[' at character " + (open + 1) + " of host pattern '" + pattern + "'",
                    "close it, e.g. 'grp[0]' or 'grp[1:3]'");
        }
        addTerm(out, term);
        return out;
    }

    private static boolean isAddress(String pattern) {
        try {
            HostAddress.parse(pattern, true);
            return true;
        } catch (HostAddress.NotAnAddress e) {
            return false;
        }
    }

    private static boolean isRegex(CharSequence term) {
        String t = term.toString().strip();
        return t.startsWith("~") || t.startsWith("&~") || t.startsWith("!~");
    }

    private static void addTerm(List<String> out, StringBuilder term) {
        String t = term.toString().strip();
        if (!t.isEmpty()) {
            out.add(t);
        }
        term.setLength(0);
    }
}
