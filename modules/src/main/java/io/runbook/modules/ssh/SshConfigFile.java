package io.runbook.modules.ssh;

import io.runbook.engine.module.ModuleException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The OpenSSH client configuration as ssh 9.2 reads it: the user's ({@code ~/.ssh/config}, or {@code -F FILE} alone),
 * then the system's ({@code /etc/ssh/ssh_config}, not with {@code -F}). Keywords in any case, {@code Key Value},
 * {@code Key=Value} or {@code Key = Value}, quoted values; the lines before the first {@code Host}/{@code Match} apply to
 * every host; {@code Host} and {@code Match} lines as {@link SshConfigMatch} reads them. Of all the blocks that apply, the
 * first value read of an option wins (so {@code Host *} at the end gives defaults; the command line's options come before
 * all); {@code IdentityFile}s add up. {@code %h} in {@code HostName} is the host. {@code Include} reads the files
 * {@link SshConfigInclude} finds, in their order, where the line is: in a {@code Host}/{@code Match} block that does not
 * apply, none of the included files' blocks applies either; an included file's own {@code Host}/{@code Match} lines end
 * with it; 16 levels at most ("Too many recursive configuration includes", as ssh says). A {@code Match final}, or a
 * {@code CanonicalizeHostname} other than {@code no}, means a second reading of every file, as ssh does one: the host then
 * the HostName in lower case, canonicalised as {@link SshCanonical} does, which {@code Host} lines match. The options the engine uses are
 * {@code HostName}, {@code User}, {@code Port}, {@code IdentityFile}, {@code IdentitiesOnly}, {@code ProxyJump},
 * {@code ProxyCommand}, {@code UserKnownHostsFile}, {@code StrictHostKeyChecking}, {@code HostKeyAlias}.
 */
final class SshConfigFile {
    /** ssh's READCONF_MAX_DEPTH. */
    private static final int MAX_DEPTH = 16;
    /** Options whose value is the rest of the line (several words), not its first word. */
    private static final Set<String> WHOLE_LINE = Set.of("userknownhostsfile", "globalknownhostsfile", "proxycommand", "localcommand",
            "remotecommand", "knownhostscommand", "canonicaldomains", "canonicalizepermittedcnames");
    /** The files read first to last, each the user's or the system's. */
    private final List<Top> files;
    private final SshEnvironment env;
    private final Map<Path, List<Line>> parsed = new HashMap<>();
    /** Each host's settings, read once (a Match exec command runs once per reading, as in ssh). */
    private final Map<List<Object>, Entry> entries = new HashMap<>();

    private record Top(Path file, boolean user) {
    }

    /** One line of the file: its keyword (lower case), its words (unquoted), the rest of the line as written. */
    private record Line(int number, String keyword, List<String> words, String rest) {
    }

    private SshConfigFile(List<Top> files, SshEnvironment env) {
        this.files = files;
        this.env = env;
    }

    /**
     * The configuration ssh reads with {@code -F named} (null: none given): that file alone, which must exist; else
     * {@code ~/.ssh/config} (its owner and permissions checked as ssh does) and the system's, those that exist.
     */
    static SshConfigFile of(Path named, SshEnvironment env) throws ModuleException {
        List<Top> files = new ArrayList<>();
        if (named != null) {
            if (!Files.isRegularFile(named)) {
                throw new ModuleException("ssh config file " + named + " (-F in ansible_ssh_common_args) does not exist");
            }
            files.add(new Top(named, true));
        } else {
            Path user = env.home().resolve(".ssh/config");
            if (Files.isRegularFile(user)) {
                SshConfigInclude.checkPermissions(user, env.localUser());
                files.add(new Top(user, true));
            }
            if (env.systemConfig() != null && Files.isRegularFile(env.systemConfig())) {
                files.add(new Top(env.systemConfig(), false));
            }
        }
        return new SshConfigFile(files, env);
    }

    private List<Line> lines(Path file) throws ModuleException {
        List<Line> known = parsed.get(file);
        if (known != null) {
            return known;
        }
        try {
            List<Line> lines = new ArrayList<>();
            List<String> text = Files.isDirectory(file) ? List.of() : Files.readAllLines(file);
            for (int i = 0; i < text.size(); i++) {
                Line line = line(i + 1, text.get(i));
                if (line != null) {
                    lines.add(line);
                }
            }
            parsed.put(file, lines);
            return lines;
        } catch (IOException | RuntimeException e) {
            throw ModuleException.unreachable("Can't open user config file " + file + ": " + e.getMessage() + " (as ssh says)", null);
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
     * The settings for the host as written ({@code alias}, what {@code Host} patterns match), after the options of ssh's
     * command line that the config's {@code Match} criteria see ({@code commandLine}: lower-case names, e.g. user, port).
     */
    Entry forHost(String alias, Map<String, String> commandLine) throws ModuleException {
        List<Object> key = List.of(alias, new HashMap<>(commandLine));
        Entry known = entries.get(key);
        if (known == null) {
            known = read(alias, commandLine);
            entries.put(key, known);
        }
        return known;
    }

    private Entry read(String alias, Map<String, String> commandLine) throws ModuleException {
        Entry entry = new Entry(new LinkedHashMap<>(), new ArrayList<>());
        commandLine.forEach((k, v) -> {
            if (v != null) {
                entry.values().putIfAbsent(k, v);
            }
        });
        boolean again = read(entry, new SshConfigMatch.Query(alias, alias, env, false));
        // as ssh: HostName taken into use, lower case, canonicalised; any CanonicalizeHostname means a second reading
        String host = SshCanonical.canonicalize(entry.hostName(alias).toLowerCase(Locale.ROOT), entry, env);
        if (again || SshCanonical.enabled(entry)) {
            entry.values().put("hostname", host.replace("%", "%%"));
            read(entry, new SshConfigMatch.Query(alias, host, env, true));
        }
        return entry;
    }

    /** One reading of every file into {@code entry}; whether a {@code Match final} asks for a second one. */
    private boolean read(Entry entry, SshConfigMatch.Query q) throws ModuleException {
        boolean[] state = {true, false};  // the active state, whether a second reading is wanted
        for (Top top : files) {
            state[0] = true;
            read(top.file(), top.user(), entry, q, state, false, 0);
        }
        return state[1] && !q.finalPass();
    }

    private void read(Path file, boolean user, Entry entry, SshConfigMatch.Query q, boolean[] state, boolean neverMatch, int depth)
            throws ModuleException {
        if (depth > MAX_DEPTH) {
            throw ModuleException.unreachable(file + ": Too many recursive configuration includes (as ssh says: " + MAX_DEPTH
                    + " levels at most)", null);
        }
        SshKeywords keywords = new SshKeywords();
        for (Line line : lines(file)) {
            String where = file + " line " + line.number();
            keywords.check(line.keyword(), entry.value("IgnoreUnknown"), file.toString(), line.number());
            switch (line.keyword()) {
                case "host" -> state[0] = !neverMatch && SshConfigMatch.host(line.words(), q.finalPass() ? q.host() : q.alias());
                case "match" -> {
                    state[1] |= line.words().stream().anyMatch(w -> w.equalsIgnoreCase("final") || w.equalsIgnoreCase("!final"));
                    boolean matches = SshConfigMatch.match(line.words(), entry, q, where);
                    state[0] = !neverMatch && matches;
                }
                case "include" -> {
                    boolean active = state[0];
                    Path systemDir = env.systemConfig() == null ? Path.of("/etc/ssh") : env.systemConfig().toAbsolutePath().getParent();
                    for (String word : line.words()) {
                        for (Path included : SshConfigInclude.paths(word, user, env.home(), systemDir, where)) {
                            if (Files.exists(included)) {
                                SshConfigInclude.checkPermissions(included, env.localUser());
                                read(included, user, entry, q, state, neverMatch || !active, depth + 1);
                            }
                            state[0] = active;
                        }
                    }
                }
                default -> {
                    if (state[0]) {
                        entry.set(line.keyword(), WHOLE_LINE.contains(line.keyword()) ? line.rest()
                                : line.words().isEmpty() ? "" : line.words().get(0));
                    }
                }
            }
        }
        keywords.end(file.toString());
    }

    /** One host's settings, the first value read of each option; every getter returns null when the file does not set it. */
    record Entry(Map<String, String> values, List<String> identityFiles) {
        private void set(String keyword, String value) {
            if (keyword.equals("identityfile")) {
                if (!identityFiles.contains(value)) {
                    identityFiles.add(value);
                }
            } else {
                values.putIfAbsent(keyword, value);
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
