package io.runbook.cli;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.Suggestions;
import io.runbook.engine.error.UserError;
import io.runbook.engine.exec.ConnectionCheck;
import io.runbook.engine.vars.SecretText;
import java.io.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ansible-playbook's connection and privilege escalation options ({@code -u}, {@code --private-key}, {@code -k},
 * {@code --connection-password-file}, {@code -T}, {@code --ssh-common-args}, {@code --ssh-extra-args}, {@code -b},
 * {@code --become-method}, {@code --become-user}, {@code -K}, {@code --become-password-file}) as the variables they
 * stand for, below every keyword and variable of the playbook and inventory, as in Ansible. The passwords are secret
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
        String login = user != null ? user : configured.get("remote_user");
        if (login != null) {
            vars.put("ansible_user", login);
        }
        String key = privateKey != null ? privateKey.toString() : configured.get("private_key_file");
        if (key != null) {
            vars.put("ansible_private_key_file", key);
        }
        String seconds = timeout != null ? String.valueOf(timeout) : configured.get("timeout");
        if (seconds != null) {
            vars.put("ansible_timeout", seconds);
        }
        String common = sshCommonArgs != null ? sshCommonArgs : configured.get("ssh_common_args");
        if (common != null) {
            vars.put("ansible_ssh_common_args", common);
        }
        String extra = sshExtraArgs != null ? sshExtraArgs : configured.get("ssh_extra_args");
        if (extra != null) {
            vars.put("ansible_ssh_extra_args", extra);
        }
        Path loginFile = connectionPasswordFile != null ? connectionPasswordFile
                : configured.containsKey("connection_password_file") ? Path.of(configured.get("connection_password_file")) : null;
        boolean askLogin = askPass || Settings.bool(configured.getOrDefault("ask_pass", "false"));
        String loginPassword = loginFile != null ? fromFile(loginFile, "--connection-password-file")
                : askLogin ? prompt("SSH password: ", "--ask-pass", "--connection-password-file") : null;
        if (loginPassword != null) {
            vars.put("ansible_password", new SecretText(loginPassword));
        }
        if (become || Settings.bool(configured.getOrDefault("become", "false"))) {
            vars.put("ansible_become", true);
        }
        String how = method != null ? method : configured.get("become_method");
        if (how != null) {
            if (!ConnectionCheck.BECOME_METHODS.contains(how)) {
                String hint = Suggestions.didYouMean(how, ConnectionCheck.BECOME_METHODS);
                throw new UserError(SourcePosition.of("--become-method"), "'" + how + "' is a become method this engine does not have",
                        hint != null ? hint : "become methods: " + String.join(", ", ConnectionCheck.BECOME_METHODS));
            }
            vars.put("ansible_become_method", how);
        }
        String as = becomeUser != null ? becomeUser : configured.get("become_user");
        if (as != null) {
            vars.put("ansible_become_user", as);
        }
        Path file = passwordFile != null ? passwordFile
                : configured.containsKey("become_password_file") ? Path.of(configured.get("become_password_file")) : null;
        boolean prompt = ask || Settings.bool(configured.getOrDefault("become_ask_pass", "false"));
        String password = file != null ? fromFile(file, "--become-password-file")
                : prompt ? prompt("BECOME password: ", "--ask-become-pass", "--become-password-file") : null;
        if (password != null) {
            vars.put("ansible_become_password", new SecretText(password));
        }
        return vars;
    }

    private static String fromFile(Path passwordFile, String option) {
        try {
            return Files.readString(passwordFile).lines().findFirst().orElse("");
        } catch (IOException e) {
            throw new UserError(SourcePosition.of(option), "cannot read " + passwordFile + ": "
                    + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()));
        }
    }

    /** A password typed at the terminal (hidden), as ansible-playbook asks before anything runs. */
    private static String prompt(String question, String option, String fileOption) {
        Console console = System.console();
        if (console == null) {
            throw new UserError(SourcePosition.of(option),
                    "no terminal to ask the password on: give " + fileOption + " FILE instead");
        }
        char[] typed = console.readPassword(question);
        return typed == null ? "" : new String(typed);
    }
}
