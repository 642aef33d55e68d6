package io.runbook.modules.connection;

import io.runbook.engine.module.ArgValidator;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Privilege escalation as Ansible's {@code sudo} become plugin does it, from the task's variables (its
 * {@code become*} keywords reach modules as {@code ansible_become*}, below the host's own variables): the command
 * runs as {@code sudo -H -S -n -u USER /bin/sh -c 'echo MARKER; COMMAND'}, the marker telling sudo's own refusals from
 * the command's output. With a password ({@code ansible_become_password}) the flags lose {@code -n}, sudo is told
 * to forget cached credentials ({@code -k}) so that it always reads the password, which goes first on its standard
 * input; a host whose sudo needs no password for the user (found out once per run) gets no password at all, so
 * the password never reaches the command's input.
 *
 * <p>{@code become_method: su} runs {@code su USER -c '/bin/sh -c ...'} (through the user's login shell, as Ansible's su
 * plugin); su reads a password only from a terminal, which these commands do not have, so su works where it asks
 * for none (from root) and otherwise fails saying so.
 *
 * @param method   {@code become_method}: sudo or su
 * @param user     {@code become_user} (root when unset)
 * @param exe      {@code become_exe} (sudo)
 * @param flags    {@code become_flags}, split as a shell would ({@code -H -S -n})
 * @param password the become password, or null
 */
public record Become(String method, String user, String exe, List<String> flags, String password) {
    /** The become methods this engine has (the engine refuses others before the run where it can see them). */
    public static final List<String> METHODS = io.runbook.engine.exec.ConnectionCheck.BECOME_METHODS;
    private static final String DEFAULT_FLAGS = "-H -S -n";
    private static final String PROMPT = "[sudo via runbook] password:";

    public Become {
        flags = List.copyOf(flags);
    }

    /** The task's become settings, or null when it does not become anyone. */
    public static Become of(ModuleContext ctx) throws ModuleException {
        Map<String, Object> v = ctx.connectionVars();
        if (!isTrue(v.get("ansible_become"))) {
            return null;
        }
        String method = orElse(text(v, "ansible_become_method"), "sudo");
        if (!METHODS.contains(method)) {
            throw new ModuleException("become_method: " + method + " is a become method this engine does not have, so nothing was run "
                    + "(become methods: " + String.join(", ", METHODS) + ")");
        }
        String user = orElse(text(v, "ansible_become_user", "ansible_sudo_user"), "root");
        if (!user.matches("[A-Za-z0-9_.][A-Za-z0-9_.@-]*")) {
            throw new ModuleException("become_user: '" + user + "' is not a user name");
        }
        String password = text(v, "ansible_become_password", "ansible_become_pass", "ansible_sudo_pass");
        if (password != null) {
            ctx.secret(password);
        }
        boolean sudo = method.equals("sudo");
        return new Become(method, user, orElse(text(v, "ansible_become_exe", sudo ? "ansible_sudo_exe" : "ansible_su_exe"), method),
                flags(orElse(text(v, "ansible_become_flags", sudo ? "ansible_sudo_flags" : "ansible_su_flags"), sudo ? DEFAULT_FLAGS : "")),
                password);
    }

    /** How messages name it: {@code root through sudo}. */
    String describe() {
        return user + " through " + exe;
    }

    /**
     * The shell line of {@code command} for the become user. When the folder is the engine's default (the playbook's
     * folder, where a local command runs: under root's 0700 home, say) and that user may not enter it, the command
     * runs in the user's home, then /tmp, as Ansible's modules do ({@code AnsibleModule._set_cwd}). A task's own
     * {@code chdir} is never replaced: a command meant for one folder must not run in another, so it fails there.
     */
    private static String line(CommandLine command) throws ModuleException {
        if (command.chdir() == null || !command.defaultFolder()) {
            return ShellQuote.line(command);
        }
        CommandLine here = new CommandLine(command.argv(), null, command.stdin(), command.environment());
        return "{ cd " + ShellQuote.quote(command.chdir()) + " 2>/dev/null || cd ~ 2>/dev/null || cd /tmp; } && " + ShellQuote.line(here);
    }

    /**
     * {@code command} run as the become user; {@code withPassword}: the password goes first on standard input
     * (sudo reads it), {@code marker} is echoed first by the shell sudo starts.
     */
    CommandLine wrap(CommandLine command, boolean withPassword, String marker) throws ModuleException {
        List<String> argv = new ArrayList<>();
        argv.add(exe);
        if (method.equals("su")) {
            argv.addAll(flags);
            argv.addAll(List.of(user, "-c", "/bin/sh -c " + ShellQuote.quote("echo " + marker + "; " + line(command))));
            return new CommandLine(argv, null, command.stdin(), Map.of());
        }
        for (String flag : flags) {
            if (withPassword && (flag.equals("-n") || flag.equals("--non-interactive"))) {
                continue;
            }
            // -Hn style: drop the n, as Ansible's sudo plugin does when it sends a password
            argv.add(withPassword && flag.matches("-[A-Za-z]*n[A-Za-z]*") ? flag.replaceFirst("n", "") : flag);
        }
        if (withPassword) {
            argv.add("-k");
            argv.add("-p");
            argv.add(PROMPT);
        }
        argv.addAll(List.of("-u", user, "/bin/sh", "-c", "echo " + marker + "; " + line(command)));
        String stdin = withPassword ? password + "\n" + (command.stdin() == null ? "" : command.stdin()) : command.stdin();
        return new CommandLine(argv, null, stdin, Map.of());
    }

    /**
     * The command's own result from a wrapped run, or the reason sudo did not run it (sudo's words, never the
     * password).
     */
    Execution unwrap(Execution done, String marker, String host) throws ModuleException {
        String err = done.stderr().replace(PROMPT, "");
        String out = done.stdout();
        if (out.startsWith(marker + "\n")) {
            return new Execution(done.rc(), out.substring(marker.length() + 1), err, done.signal());
        }
        String words = !err.isBlank() ? err.strip() : out.strip();
        String said = words.isEmpty() ? "exit code " + done.rc() : words.lines().reduce((a, b) -> b).orElse("");
        String lower = err.toLowerCase(Locale.ROOT);
        if (method.equals("su") && (lower.contains("must be run from a terminal") || lower.contains("authentication failure"))) {
            throw new ModuleException("become: su on " + host + " asks for " + user + "'s password on a terminal, which the engine's "
                    + "commands do not have (use become_method: sudo, or become from root): " + said);
        }
        if (lower.contains("a password is required") || lower.contains("no password was provided") && password == null) {
            throw new ModuleException("Missing sudo password: sudo on " + host + " asks for a password to run commands as " + user
                    + " (give it as ansible_become_password, e.g. in a vault file)");
        }
        if (lower.contains("incorrect password") || lower.contains("sorry, try again") || lower.contains("no password was provided")) {
            throw new ModuleException("Incorrect sudo password: sudo on " + host + " did not accept ansible_become_password to run commands as " + user);
        }
        if (done.rc() == 127 && lower.contains(exe.toLowerCase(Locale.ROOT))) {
            throw new ModuleException("become: " + exe + " is not installed on " + host + " (become_exe), so nothing was run as " + user);
        }
        throw new ModuleException("become: " + exe + " on " + host + " did not run the command as " + user + ": " + said);
    }

    /** A marker no output is likely to start with. */
    static String marker() {
        return "BECOME-SUCCESS-" + UUID.randomUUID().toString().replace("-", "");
    }

    /** Ansible's boolean(): true, yes, on, 1, y, t (any case); anything else (omit's placeholder too) is false. */
    static boolean isTrue(Object value) {
        return Boolean.TRUE.equals(ArgValidator.parseBool(value instanceof CharSequence c ? c.toString() : value));
    }

    private static String text(Map<String, Object> vars, String... names) {
        for (String name : names) {
            Object value = vars.get(name);
            if (value != null && !String.valueOf(value).isBlank()) {
                return String.valueOf(value).trim();
            }
        }
        return null;
    }

    private static List<String> flags(String text) throws ModuleException {
        try {
            return ShellWords.split(text);
        } catch (IllegalArgumentException e) {
            throw new ModuleException("become_flags: " + e.getMessage());
        }
    }

    private static String orElse(String value, String fallback) {
        return value != null ? value : fallback;
    }
}
