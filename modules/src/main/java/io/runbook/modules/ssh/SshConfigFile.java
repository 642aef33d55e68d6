package io.runbook.modules.ssh;

import io.runbook.engine.module.ModuleException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An OpenSSH client configuration ({@code ~/.ssh/config} or {@code -F FILE}) read as ssh 9.2 reads it: keywords in any
 * case, {@code Key Value}, {@code Key=Value} or {@code Key = Value}, quoted values; the lines before the first
 * {@code Host}/{@code Match} apply to every host; a {@code Host} block applies when one of its patterns ({@code *},
 * {@code ?}, case-sensitive) matches the host as written and none of its {@code !patterns} does; a {@code Match} block
 * when all its criteria hold ({@code all}, {@code host} — the HostName set so far, {@code originalhost} (both in any
 * case), {@code user}, {@code localuser}, each a comma-separated pattern list, {@code !} negating; {@code final} on a second reading, as ssh
 * does one when a {@code Match final} is there). Of all the blocks that apply, the first value read of an option wins
 * (so {@code Host *} at the end gives defaults); {@code IdentityFile}s add up. {@code %h} in {@code HostName} is the host.
 * Not read, with a warning for the host: {@code Match exec}/{@code canonical} (taken as not matching) and {@code Include}.
 * The options the engine uses are {@code HostName}, {@code User}, {@code Port}, {@code IdentityFile}, {@code ProxyJump},
 * {@code ProxyCommand}, {@code UserKnownHostsFile}, {@code StrictHostKeyChecking}, {@code HostKeyAlias}.
 */
final class SshConfigFile {
    private static final SshConfigFile NONE = new SshConfigFile(null, List.of());
    /** Options whose value is the rest of the line (several words), not its first word. */
    private static final Set<String> WHOLE_LINE = Set.of("userknownhostsfile", "globalknownhostsfile", "proxycommand", "localcommand",
            "remotecommand", "knownhostscommand");
    private final Path file;
    private final List<Line> lines;

    /** One line of the file: its keyword (lower case), its words (unquoted), the rest of the line as written. */
    private record Line(int number, String keyword, List<String> words, String rest) {
    }

    private SshConfigFile(Path file, List<Line> lines) {
        this.file = file;
        this.lines = lines;
    }

    /** The configuration in {@code file}; none when the file does not exist and was not asked for by name. */
    static SshConfigFile read(Path file, boolean named) throws ModuleException {
        if (!Files.isRegularFile(file)) {
            if (named) {
                throw new ModuleException("ssh config file " + file + " (-F in ansible_ssh_common_args) does not exist");
            }
            return NONE;
        }
        try {
            List<Line> lines = new ArrayList<>();
            List<String> text = Files.readAllLines(file);
            for (int i = 0; i < text.size(); i++) {
                Line line = line(i + 1, text.get(i));
                if (line != null) {
                    lines.add(line);
                }
            }
            return new SshConfigFile(file, lines);
        } catch (IOException | RuntimeException e) {
            throw new ModuleException("cannot read ssh config " + file + ": " + e.getMessage());
        }
    }

    private static Line line(int number, String raw) {
        String t = raw.strip();
        if (t.isEmpty() || t.startsWith("#")) {
            return null;
        }
        int end = 0;
        while (end < t.length() && !Character.isWhitespace(t.charAt(end)) && t.charAt(end) != '=') {
            end++;
        }
        String keyword = t.substring(0, end).toLowerCase(Locale.ROOT);
        String rest = t.substring(end).strip();
        if (rest.startsWith("=")) {
            rest = rest.substring(1).strip();
        }
        return new Line(number, keyword, SshArgs.words(rest), rest);
    }

    /**
     * The settings for the host as written ({@code alias}, what {@code Host} patterns match), {@code user} the login name
     * of the command line (null when none) and {@code localUser} the controller's.
     */
    Entry forHost(String alias, String user, String localUser) {
        Entry entry = new Entry(new LinkedHashMap<>(), new ArrayList<>(), new ArrayList<>());
        if (file == null) {
            return entry;
        }
        boolean finalPass = read(entry, alias, user, localUser, false);
        if (finalPass) {
            read(entry, alias, user, localUser, true);
        }
        return entry;
    }

    /** One reading of the lines into {@code entry}; whether a {@code Match final} asks for a second one. */
    private boolean read(Entry entry, String alias, String user, String localUser, boolean finalPass) {
        boolean applies = true;
        boolean wantFinal = false;
        for (Line line : lines) {
            switch (line.keyword()) {
                case "host" -> applies = hostMatches(line.words(), alias);
                case "match" -> {
                    wantFinal |= line.words().stream().anyMatch(w -> w.equalsIgnoreCase("final") || w.equalsIgnoreCase("!final"));
                    applies = match(line, entry, alias, user, localUser, finalPass);
                }
                case "include" -> {
                    if (applies) {
                        entry.note(file + " line " + line.number() + ": Include is not read by the engine's SSH client (" + line.rest() + " ignored)");
                    }
                }
                default -> {
                    if (applies) {
                        entry.set(line.keyword(), WHOLE_LINE.contains(line.keyword()) ? line.rest()
                                : line.words().isEmpty() ? "" : line.words().get(0));
                    }
                }
            }
        }
        return wantFinal && !finalPass;
    }

    private static boolean hostMatches(List<String> patterns, String host) {
        boolean matched = false;
        for (String p : patterns) {
            boolean negate = p.startsWith("!");
            if (glob(negate ? p.substring(1) : p, host, false)) {
                if (negate) {
                    return false;
                }
                matched = true;
            }
        }
        return matched;
    }

    private boolean match(Line line, Entry entry, String alias, String user, String localUser, boolean finalPass) {
        List<String> w = line.words();
        boolean result = true;
        for (int i = 0; i < w.size(); i++) {
            String criterion = w.get(i).toLowerCase(Locale.ROOT);
            boolean negate = criterion.startsWith("!");
            criterion = negate ? criterion.substring(1) : criterion;
            if (criterion.equals("all")) {
                continue;
            }
            if (criterion.equals("final") || criterion.equals("canonical")) {
                // ssh's second reading; canonical needs CanonicalizeHostname, which the engine does not do
                result &= (criterion.equals("final") && finalPass) != negate;
                continue;
            }
            String arg = i + 1 < w.size() ? w.get(++i) : "";
            String against = switch (criterion) {
                case "host" -> entry.hostName(alias);
                case "originalhost" -> alias;
                case "user" -> user != null ? user : entry.value("user") != null ? entry.value("user") : localUser;
                case "localuser" -> localUser;
                default -> null;
            };
            if (against == null) {
                entry.note(file + " line " + line.number() + ": Match " + criterion + " is not supported by the engine's SSH client:"
                        + " the block is taken as not matching");
                result = false;
                continue;
            }
            result &= patternList(arg, against, criterion.endsWith("host")) == 1 != negate;
        }
        return result;
    }

    /** ssh's match_pattern_list: 1 when a pattern matches and no negated one, -1 when a negated one does, else 0. */
    private static int patternList(String list, String text, boolean anyCase) {
        int got = 0;
        for (String p : list.split(",")) {
            boolean negate = p.startsWith("!");
            if (glob(negate ? p.substring(1) : p, text, anyCase)) {
                if (negate) {
                    return -1;
                }
                got = 1;
            }
        }
        return got;
    }

    /** {@code *} and {@code ?} as ssh's match_pattern; host names in {@code Match} in any case, {@code Host} patterns as written. */
    private static boolean glob(String pattern, String text, boolean anyCase) {
        return anyCase ? globAt(pattern.toLowerCase(Locale.ROOT), 0, text.toLowerCase(Locale.ROOT), 0) : globAt(pattern, 0, text, 0);
    }

    private static boolean globAt(String p, int pi, String t, int ti) {
        if (pi == p.length()) {
            return ti == t.length();
        }
        char c = p.charAt(pi);
        if (c == '*') {
            for (int k = ti; k <= t.length(); k++) {
                if (globAt(p, pi + 1, t, k)) {
                    return true;
                }
            }
            return false;
        }
        return ti < t.length() && (c == '?' || c == t.charAt(ti)) && globAt(p, pi + 1, t, ti + 1);
    }

    /** One host's settings, the first value read of each option; every getter returns null when the file does not set it. */
    record Entry(Map<String, String> values, List<String> identityFiles, List<String> notes) {
        private void set(String keyword, String value) {
            if (keyword.equals("identityfile")) {
                if (!identityFiles.contains(value)) {
                    identityFiles.add(value);
                }
            } else {
                values.putIfAbsent(keyword, value);
            }
        }

        private void note(String text) {
            if (!notes.contains(text)) {
                notes.add(text);
            }
        }

        /** HostName with {@code %h} (the host as written) and {@code %%} expanded, or {@code alias} when none is set. */
        String hostName(String alias) {
            String name = values.get("hostname");
            return name == null ? alias : name.replace("%%", "\0").replace("%h", alias).replace("\0", "%");
        }

        String user() {
            return values.get("user");
        }

        Integer port() {
            String p = values.get("port");
            return p != null && p.matches("[0-9]{1,5}") ? Integer.valueOf(p) : null;
        }

        /** An option by its name in any case. */
        String value(String key) {
            return values.get(key.toLowerCase(Locale.ROOT));
        }
    }
}
