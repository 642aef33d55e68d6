package io.runbook.cli;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.Suggestions;
import io.runbook.engine.error.UserError;
import io.runbook.engine.exec.ConnectionCheck;
import io.runbook.engine.module.TerminalInput;
import io.runbook.engine.vars.SecretText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ansible-playbook's connection and privilege escalation options ({@code -u}, {@code --private-key}, {@code -k},
 * {@code --connection-password-file}, {@code -T}, {@code --ssh-common-args}, {@code --ssh-extra-args}, {@code -b},
 * {@code --become-method}, {@code --become-user}, {@code -K}, {@code --become-password-file}) as the variables they
 * stand for (with the ssh connection's {@code port} and {@code ssh_args} settings, which have no option), below every keyword and variable of the playbook and inventory, as in Ansible. The passwords are secret
 * text from the start.
 */
final class BecomeOptions {
    String user;
    Path privateKey;
    boolean askPass;
    Path connectionPasswordFile;
    Integer timeout;
    String sshCommonArgs;
    String sshExtraArgs;
    boolean become;
    String method;
    String becomeUser;
    boolean ask;
    Path passwordFile;

    /**
     * The variables, read and checked (a password asked for or read now, before anything runs); what the command line
     * leaves unsaid comes from {@code configured} (ANSIBLE_BECOME*, ansible.cfg's [privilege_escalation]).
     */
    Map<String, Object> variables(Map<String, String> configured) {
        Map<String, Object> vars = new LinkedHashMap<>();
        put(vars, "ansible_user", user, configured.get("remote_user"));
        put(vars, "ansible_private_key_file", privateKey, configured.get("private_key_file"));
        put(vars, "ansible_timeout", timeout, configured.get("timeout"));
        put(vars, "ansible_port", null, configured.get("port"));
        put(vars, "ansible_ssh_args", null, configured.get("ssh_args"));
        put(vars, "ansible_ssh_common_args", sshCommonArgs, configured.get("ssh_common_args"));
        put(vars, "ansible_ssh_extra_args", sshExtraArgs, configured.get("ssh_extra_args"));
        password(vars, "ansible_password", connectionPasswordFile, askPass, configured, "connection_password_file",
                "ask_pass", "SSH password: ", "--ask-pass", "--connection-password-file");
        if (become || Settings.bool(configured.getOrDefault("become", "false"))) {
            vars.put("ansible_become", true);
        }
        String how = method != null ? method : configured.get("become_method");
        if (how != null && !ConnectionCheck.BECOME_METHODS.contains(how)) {
            String hint = Suggestions.didYouMean(how, ConnectionCheck.BECOME_METHODS);
            throw new UserError(SourcePosition.of("--become-method"), "'" + how + "' is a become method this engine does not have",
                    hint != null ? hint : "become methods: " + String.join(", ", ConnectionCheck.BECOME_METHODS));
        }
        put(vars, "ansible_become_method", how, null);
        put(vars, "ansible_become_user", becomeUser, configured.get("become_user"));
        // as ansible-playbook: after an asked SSH password, the become password defaults to it (an empty answer)
        Object sshAsked = vars.get("ansible_password");
        boolean asked = sshAsked != null && connectionPasswordFile == null && !configured.containsKey("connection_password_file");
        password(vars, "ansible_become_password", passwordFile, ask, configured, "become_password_file", "become_ask_pass",
                asked ? "BECOME password[defaults to SSH password]: " : "BECOME password: ", "--ask-become-pass", "--become-password-file");
        if (asked && vars.get("ansible_become_password") instanceof SecretText typed && typed.length() == 0) {
            vars.put("ansible_become_password", sshAsked);
        }
        return vars;
    }

    /** The command line's value, else the configured one, as text under {@code variable} (nothing when neither). */
    private static void put(Map<String, Object> vars, String variable, Object given, String configured) {
        String value = given != null ? String.valueOf(given) : configured;
        if (value != null) {
            vars.put(variable, value);
        }
    }

    /** A password from its file (the command line's, else the configured one) or asked for, as secret text. */
    private static void password(Map<String, Object> vars, String variable, Path file, boolean ask, Map<String, String> configured,
                                 String fileSetting, String askSetting, String question, String askOption, String fileOption) {
        Path from = file != null ? file : configured.containsKey(fileSetting) ? Path.of(configured.get(fileSetting)) : null;
        boolean prompt = ask || Settings.bool(configured.getOrDefault(askSetting, "false"));
        String password = from != null ? fromFile(from, fileOption) : prompt ? prompt(question, askOption) : null;
        if (password != null) {
            vars.put(variable, new SecretText(password));
        }
    }

    private static String fromFile(Path passwordFile, String option) {
        try {
            return Files.readString(passwordFile).lines().findFirst().orElse("");
        } catch (IOException e) {
            throw new UserError(SourcePosition.of(option), "cannot read " + passwordFile + ": "
                    + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()));
        }
    }

    /**
     * A password typed at the terminal (hidden), as ansible-playbook asks before anything runs: as Python's getpass, at
     * the console, else at the process's controlling terminal ({@code /dev/tty}: sshpass answering the question on the
     * terminal it gives the command), else from standard input with getpass's warning; its end gives "".
     */
    private static String prompt(String question, String option) {
        try {
            String typed = TerminalInput.getpass(question);
            return typed == null ? "" : typed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError(SourcePosition.of(option), "interrupted while asking the password");
        }
    }
}
