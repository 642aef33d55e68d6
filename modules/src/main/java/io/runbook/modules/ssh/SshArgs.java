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
 * {@code -i key}, {@code -p port}, {@code -l user}, read as ssh's getopt reads them ({@code -4Cp2222}, {@code -oPort=2222},
 * {@code -i/path}; {@code --} ends them). Other flags of ssh 9.2 (such as {@code -C}, {@code -A}, {@code -L spec}) and
 * options (such as {@code ControlPersist}) are accepted and have no effect; a flag ssh does not know, or one missing its
 * value, makes the host unreachable as ssh's usage error does; the first word that is no option is ssh's host
 * ({@link #destination}), the next one starts ssh's command. Option names are case-insensitive.
 * Read in command-line order, as ssh(1) 9.2 decides (checked with {@code ssh -G}): the first value of an option wins
 * ({@code -p} and {@code -o Port}, {@code -l} and {@code -o User} are one option each), {@code -i} and
 * {@code IdentityFile} add up, the last {@code -F} wins, {@code ProxyJump} and {@code ProxyCommand} compete (the first
 * given wins) and {@code -J} once a jump is set is an error.
 */
final class SshArgs {
    private static final List<String> PROXY = List.of("proxyjump", "proxycommand");
    /** ssh 9.2's getopt: the flags that take a value, and those that do not. */
    private static final String WITH_VALUE = "BDEFIJLOQRSWbceilmopw";
    private static final String WITHOUT_VALUE = "246AaCfGgKkMNnPqsTtVvXxYy";
    private static final String USAGE = "[-46AaCfGgKkMNnqsTtVvXxYy] [-B bind_interface] [-b bind_address] [-c cipher_spec]"
            + " [-D [bind_address:]port] [-E log_file] [-e escape_char] [-F configfile] [-I pkcs11] [-i identity_file]"
            + " [-J destination] [-L address] [-l login_name] [-m mac_spec] [-O ctl_cmd] [-o option] [-p port]"
            + " [-Q query_option] [-R address] [-S ctl_path] [-W host:port] [-w local_tun[:remote_tun]]";
    private final Map<String, String> options = new LinkedHashMap<>();
    private final List<String> identityFiles = new ArrayList<>();
    private final java.util.Set<String> flagIdentities = new java.util.HashSet<>();
    /** The first word that is no option, as {@code source: word}: ssh takes it as the host; after the next, ssh reads no more options. */
    private String destination;
    private boolean commandStarted;

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
        if (value != null && !commandStarted) {
            set(lowerCaseName, value);
        }
        return this;
    }

    private void read(String source, List<String> words) throws ModuleException {
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w.equals("--")) {
                return;
            }
            if (commandStarted) {
                return;
            }
            if (w.length() < 2 || w.charAt(0) != '-') {
                // as ssh 9.2 reads its arguments: the first word that is no option is the host to log in to (options
                // after it are still read), the next one starts the command to run there
                commandStarted = destination != null;
                destination = destination == null ? source + ": " + w : destination;
                continue;
            }
            // as ssh's getopt: flags may be combined (-4Cp 2222), the value of the flag that takes one is the rest of
            // the word or else the next word (-p2222, -oPort=2222, -p 2222)
            for (int c = 1; c < w.length(); c++) {
                char flag = w.charAt(c);
                if (WITH_VALUE.indexOf(flag) >= 0) {
                    String value = c + 1 < w.length() ? w.substring(c + 1) : i + 1 < words.size() ? words.get(++i) : null;
                    if (value == null) {
                        throw ModuleException.unreachable(source + ": " + w + ": option requires an argument -- " + flag + " (as ssh says)", null);
                    }
                    apply(source, flag, value);
                    break;
                }
                if (flag == '1') {
                    throw ModuleException.unreachable(source + ": " + w + ": SSH protocol v.1 is no longer supported (as ssh says)", null);
                }
                if (WITHOUT_VALUE.indexOf(flag) < 0) {
                    throw ModuleException.unreachable(source + ": " + w + ": unknown option -- " + flag + " (as ssh says; its options: "
                            + USAGE + ")", null);
                }
            }
        }
    }

    private void apply(String source, char flag, String value) throws ModuleException {
        switch (flag) {
            case 'o' -> readOption(source, value);
            case 'J' -> jump(source, value);
            case 'F' -> options.put("-f", value);
            case 'i' -> {
                identityFiles.add(value);
                flagIdentities.add(value);
            }
            case 'p' -> set("port", value);
            case 'l' -> set("user", value);
            default -> {
                // another flag with a value (-b, -c, -D, -E, -L, -R, -S, -W, …): accepted, no effect here
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
        String key = t.substring(0, sep).trim().toLowerCase(Locale.ROOT);
        SshKeywords.checkCommandLine(key, options.get("ignoreunknown"), t, source);
        set(key, t.substring(sep + 1).trim());
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

    /**
     * The first word that is no option ({@code ansible_ssh_args: ControlPersist=60s}) written as {@code source: word}, or
     * null: ssh takes it as the host to log in to, before the host Ansible names.
     */
    String destination() {
        return destination;
    }

    List<String> identityFiles() {
        return List.copyOf(identityFiles);
    }

    /** Whether the key file was given with {@code -i} (ssh drops a missing one with its own warning) rather than IdentityFile. */
    boolean givenWithFlag(String identityFile) {
        return flagIdentities.contains(identityFile);
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
