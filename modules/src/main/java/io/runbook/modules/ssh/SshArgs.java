package io.runbook.modules.ssh;

import io.runbook.engine.module.ModuleException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The OpenSSH command-line options in {@code ansible_ssh_args} / {@code _common_args} / {@code _extra_args} that
 * matter here: {@code -o Key=Value} (or {@code -o "Key Value"}), {@code -J jumps}, {@code -F config},
 * {@code -i key}, {@code -p port}, {@code -l user}. Other flags (such as {@code -C} or {@code -A}) and options
 * (such as {@code ControlPersist}) are accepted and have no effect. Option names are case-insensitive.
 * Read in command-line order, as ssh(1) 9.2 decides (checked with {@code ssh -G}): the first value of an option wins
 * ({@code -p} and {@code -o Port}, {@code -l} and {@code -o User} are one option each), {@code -i} and
 * {@code IdentityFile} add up, the last {@code -F} wins, {@code ProxyJump} and {@code ProxyCommand} compete (the first
 * given wins) and {@code -J} once a jump is set is an error.
 */
final class SshArgs {
    private static final List<String> PROXY = List.of("proxyjump", "proxycommand");
    private final Map<String, String> options = new LinkedHashMap<>();
    private final List<String> identityFiles = new ArrayList<>();

    private SshArgs() {
    }

    /** Nothing read yet. */
    static SshArgs empty() {
        return new SshArgs();
    }

    /** The options of {@code text} (the value of {@code source}), after those read before; null is nothing. */
    SshArgs read(String source, String text) throws ModuleException {
        if (text != null && !text.isBlank()) {
            read(source, words(text));
        }
        return this;
    }

    /** As {@code -o Key=value} at this point of the command line (null adds nothing). */
    SshArgs option(String lowerCaseName, String value) {
        if (value != null) {
            set(lowerCaseName, value);
        }
        return this;
    }

    private void read(String source, List<String> words) throws ModuleException {
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w.length() < 2 || w.charAt(0) != '-') {
                continue;
            }
            char flag = w.charAt(1);
            if ("oJFipl".indexOf(flag) < 0) {
                continue;
            }
            String value = w.length() > 2 ? w.substring(2) : i + 1 < words.size() ? words.get(++i) : null;
            if (value == null) {
                throw new ModuleException(source + ": " + w + " needs a value");
            }
            switch (flag) {
                case 'o' -> readOption(source, value);
                case 'J' -> jump(source, value);
                case 'F' -> options.put("-f", value);
                case 'i' -> identityFiles.add(value);
                case 'p' -> set("port", value);
                default -> set("user", value);
            }
        }
    }

    private void jump(String source, String value) throws ModuleException {
        if (options.containsKey("proxyjump")) {
            throw new ModuleException(source + ": -J " + value + " after ProxyJump " + options.get("proxyjump")
                    + ": ssh permits a single -J option (use commas to separate multiple jump hops)");
        }
        set("proxyjump", value);
    }

    private void readOption(String source, String text) throws ModuleException {
        String t = text.trim();
        int sep = indexOfSeparator(t);
        if (sep < 0) {
            throw new ModuleException(source + ": -o " + text + " is not Key=Value");
        }
        set(t.substring(0, sep).trim().toLowerCase(Locale.ROOT), t.substring(sep + 1).trim());
    }

    private void set(String key, String value) {
        if (key.equals("identityfile")) {
            identityFiles.add(value);
        } else if (!PROXY.contains(key) || PROXY.stream().noneMatch(options::containsKey)) {
            options.putIfAbsent(key, value);
        }
    }

    private static int indexOfSeparator(String t) {
        for (int i = 0; i < t.length(); i++) {
            if (t.charAt(i) == '=' || Character.isWhitespace(t.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** An {@code -o} option (lower-case name) as first given, or the value of -J (proxyjump), -p (port), -l (user), the last -F (-f). */
    String option(String lowerCaseName) {
        return options.get(lowerCaseName);
    }

    List<String> identityFiles() {
        return List.copyOf(identityFiles);
    }

    /** Splits like a shell does for quotes; ansible_ssh_common_args is written as it would be for ssh. */
    static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean in = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    cur.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                in = true;
            } else if (Character.isWhitespace(c)) {
                if (in) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    in = false;
                }
            } else {
                cur.append(c);
                in = true;
            }
        }
        if (in) {
            out.add(cur.toString());
        }
        return out;
    }
}
