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
 * ansible-playbook's connection and privilege escalation options ({@code -u}, {@code -b}, {@code --become-method},
 * {@code --become-user}, {@code -K}, {@code --become-password-file}) as the variables they stand for, below every
 * keyword and variable of the playbook and inventory, as in Ansible. The password is secret text from the start.
 */
final class BecomeOptions {
    String user;
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
        if (user == null) {
            user = configured.get("remote_user");
        }
        become = become || Settings.bool(configured.getOrDefault("become", "false"));
        if (method == null) {
            method = configured.get("become_method");
        }
        if (becomeUser == null) {
            becomeUser = configured.get("become_user");
        }
        ask = ask || Settings.bool(configured.getOrDefault("become_ask_pass", "false"));
        if (passwordFile == null && configured.containsKey("become_password_file")) {
            passwordFile = Path.of(configured.get("become_password_file"));
        }
        Map<String, Object> vars = new LinkedHashMap<>();
        if (user != null) {
            vars.put("ansible_user", user);
        }
        if (become) {
            vars.put("ansible_become", true);
        }
        if (method != null) {
            if (!ConnectionCheck.BECOME_METHODS.contains(method)) {
                String hint = Suggestions.didYouMean(method, ConnectionCheck.BECOME_METHODS);
                throw new UserError(SourcePosition.of("--become-method"), "'" + method
                        + "' is a become method this engine does not have",
                        hint != null ? hint : "become methods: " + String.join(", ", ConnectionCheck.BECOME_METHODS));
            }
            vars.put("ansible_become_method", method);
        }
        if (becomeUser != null) {
            vars.put("ansible_become_user", becomeUser);
        }
        String password = passwordFile != null ? fromFile() : ask ? prompt() : null;
        if (password != null) {
            vars.put("ansible_become_password", new SecretText(password));
        }
        return vars;
    }

    private String fromFile() {
        try {
            return Files.readString(passwordFile).lines().findFirst().orElse("");
        } catch (IOException e) {
            throw new UserError(SourcePosition.of("--become-password-file"), "cannot read " + passwordFile + ": "
                    + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()));
        }
    }

    private static String prompt() {
        Console console = System.console();
        if (console == null) {
            throw new UserError(SourcePosition.of("--ask-become-pass"),
                    "no terminal to ask the become password on: give --become-password-file FILE instead");
        }
        char[] typed = console.readPassword("BECOME password: ");
        return typed == null ? "" : new String(typed);
    }
}
