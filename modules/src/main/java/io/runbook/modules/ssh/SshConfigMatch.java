package io.runbook.modules.ssh;

import io.runbook.engine.module.ModuleException;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * ssh 9.2's {@code Host} and {@code Match} lines (readconf.c's match_cfg_line) against one host: a {@code Host} line applies
 * when one of its patterns ({@code *}, {@code ?}, case-sensitive) matches the host as written and no {@code !pattern}
 * does; a {@code Match} line when all its criteria hold, each negated by {@code !}: {@code all}; {@code canonical} and
 * {@code final}, both true on the second reading only (there when a {@code final} is written, negated or not, or
 * CanonicalizeHostname is on, as ssh 9.2 does); {@code host} (the HostName so far, with
 * {@code %h}), {@code originalhost} (both in any case), {@code user} (the remote user so far), {@code localuser}, each a
 * comma-separated pattern list; {@code exec "command"}, run with {@code %h %p %r %n %u %l %L %C %d %k %%} expanded
 * through the user's {@code $SHELL -c} (else {@code /bin/sh}), stdin and stdout {@code /dev/null}, true on exit 0; not run
 * when an earlier criterion of the line failed.
 */
final class SshConfigMatch {
    /**
     * One host's query: the host as written, the host the second reading's {@code Host} lines match (HostName taken into
     * use, canonicalised), the controller's environment, whether this is the second reading.
     */
    record Query(String alias, String host, SshEnvironment env, boolean finalPass) {
    }

    private SshConfigMatch() {
    }

    static boolean host(List<String> patterns, String host) {
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

    /** Whether a {@code Match} line's words hold; {@code where} is "FILE line N" for ssh's words. */
    static boolean match(List<String> w, SshConfigFile.Entry entry, Query q, String where) throws ModuleException {
        if (w.isEmpty()) {
            throw ModuleException.unreachable(where + ": Missing Match criteria (as ssh says)", null);
        }
        String host = q.finalPass() ? entry.hostName(q.alias()).toLowerCase(Locale.ROOT) : entry.hostName(q.alias());
        String user = entry.user() != null ? entry.user() : q.env().localUser();
        boolean result = true;
        for (int i = 0; i < w.size(); i++) {
            String criterion = w.get(i).toLowerCase(Locale.ROOT);
            boolean negate = criterion.startsWith("!");
            criterion = negate ? criterion.substring(1) : criterion;
            if (criterion.equals("all")) {
                if (w.size() > 1) {
                    throw ModuleException.unreachable(where + ": 'all' cannot be combined with other Match attributes (as ssh says)", null);
                }
                continue;
            }
            if (criterion.equals("final") || criterion.equals("canonical")) {
                result &= q.finalPass() != negate;
                continue;
            }
            if (i + 1 >= w.size()) {
                throw ModuleException.unreachable(where + ": Missing Match criteria for " + criterion + " (as ssh says)", null);
            }
            String arg = w.get(++i);
            boolean holds = switch (criterion) {
                case "host" -> patternList(arg, host, true) == 1;
                case "originalhost" -> patternList(arg, q.alias(), true) == 1;
                case "user" -> patternList(arg, user, false) == 1;
                case "localuser" -> patternList(arg, q.env().localUser(), false) == 1;
                case "exec" -> {
                    if (!result) {
                        yield false;  // ssh skips the command when an earlier criterion failed
                    }
                    yield exec(expand(arg, entry, q, host, user, where), q.env(), where) == 0;
                }
                default -> throw ModuleException.unreachable(where + ": Unsupported Match attribute " + criterion + " (as ssh 9.2 says)", null);
            };
            result &= holds != negate;
        }
        return result;
    }

    /** ssh's percent_expand for {@code Match exec}: an unknown {@code %x} is an error, as in ssh. */
    private static String expand(String text, SshConfigFile.Entry entry, Query q, String host, String user, String where) throws ModuleException {
        String thisHost = localHostName();
        String port = entry.port() != null ? String.valueOf(entry.port()) : "22";
        String keyAlias = entry.value("hostkeyalias") != null ? entry.value("hostkeyalias") : host;
        Map<Character, String> tokens = Map.of('C', sha1(thisHost + host + port + user), 'L', thisHost.replaceFirst("\\..*", ""),
                'd', q.env().home().toString(), 'h', host, 'k', keyAlias, 'l', thisHost, 'n', q.alias(), 'p', port, 'r', user,
                'u', q.env().localUser());
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '%') {
                out.append(c);
            } else if (i + 1 < text.length() && text.charAt(i + 1) == '%') {
                out.append('%');
                i++;
            } else if (i + 1 < text.length() && tokens.containsKey(text.charAt(i + 1))) {
                out.append(tokens.get(text.charAt(++i)));
            } else {
                String key = i + 1 < text.length() ? "%" + text.charAt(i + 1) : "%";
                throw ModuleException.unreachable(where + ": Match exec \"" + text + "\": percent_expand: unknown key " + key
                        + " (as ssh says; known: %C %L %d %h %k %l %n %p %r %u %%)", null);
            }
        }
        return out.toString();
    }

    /**
     * The command's exit status, run as ssh runs it (stdin and stdout /dev/null, stderr too here); a command killed by
     * a signal is ssh's fatal "match exec '…' error" ("Command '…' exited abnormally"), which Java's exit value cannot
     * tell from an exit of 128 + N: Perl (Debian's essential perl-base) runs it and tells its wait status.
     */
    private static int exec(String command, SshEnvironment env, String where) throws ModuleException {
        String shell = env.environment().get("SHELL");
        ProcessBuilder pb = new ProcessBuilder("perl", "-e", WAIT_STATUS, shell == null || shell.isEmpty() ? "/bin/sh" : shell, "-c", command)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().clear();
        pb.environment().putAll(env.environment());
        try {
            Process p = pb.start();
            String status = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
            p.waitFor();
            int raw = status.matches("-?[0-9]+") ? Integer.parseInt(status) : -2;
            if (raw == -1) {
                return 1;  // the shell could not be run: ssh's child exits 1
            }
            if (raw < 0 || (raw & 127) != 0) {
                throw ModuleException.unreachable(where + ": match exec '" + command + "' error (as ssh says: the command exited abnormally"
                        + (raw > 0 ? ", killed by signal " + (raw & 127) : "") + ")", null);
            }
            return raw >> 8;
        } catch (IOException e) {
            throw ModuleException.unreachable(where + ": match exec '" + command + "' error (" + e.getMessage() + ")", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ModuleException.unreachable(where + ": match exec '" + command + "' interrupted", e);
        }
    }

    /** Runs its arguments with stderr /dev/null and prints their wait status to its own (saved) stderr. */
    private static final String WAIT_STATUS = "open(my $st, '>&', \\*STDERR) or die; open(STDERR, '>', '/dev/null');"
            + " system {$ARGV[0]} @ARGV; print $st $?";

    /** The controller's name as gethostname(2) gives it (ssh's %l). */
    private static String localHostName() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException e) {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (IOException e2) {
                return "localhost";
            }
        }
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** ssh's match_pattern_list: 1 when a pattern matches and no negated one, -1 when a negated one does, else 0. */
    static int patternList(String list, String text, boolean anyCase) {
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
}
