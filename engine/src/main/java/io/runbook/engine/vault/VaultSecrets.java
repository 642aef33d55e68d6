package io.runbook.engine.vault;

import io.runbook.engine.error.UserError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import io.runbook.engine.env.RunEnvironment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Reads vault secrets the way ansible-playbook does: password files, executable password scripts, or a prompt. */
public final class VaultSecrets {
    private static final String DEFAULT = "default";

    private VaultSecrets() {
    }

    /**
     * The secrets as ansible-playbook gathers them: {@code ANSIBLE_VAULT_IDENTITY_LIST}'s ({@code label@source, ...}) and
     * the {@code --vault-id} values ({@code [label@]SOURCE}), then the {@code --vault-password-file}s and
     * {@code ANSIBLE_VAULT_PASSWORD_FILE} (added to those given, as Ansible's), then {@code --ask-vault-pass}.
     */
    public static Vault load(List<String> vaultIds, List<Path> passwordFiles, boolean ask, RunEnvironment env) {
        return load(vaultIds, passwordFiles, ask, env, false);
    }

    /**
     * As {@link #load(List, List, boolean, RunEnvironment)}; with {@code newPassword}, a password typed at a prompt is a new
     * one, asked twice as ansible-vault asks it ({@code New Vault password: } and {@code Confirm New Vault password: },
     * or {@code New vault password (LABEL): } for {@code LABEL@prompt}), and two that differ are refused.
     */
    public static Vault load(List<String> vaultIds, List<Path> passwordFiles, boolean ask, RunEnvironment env,
                             boolean newPassword) {
        List<Vault.Secret> secrets = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        String identityList = env.get("ANSIBLE_VAULT_IDENTITY_LIST");
        if (identityList != null) {
            for (String id : identityList.split(",")) {
                if (!id.isBlank()) {
                    ids.add(id.strip());
                }
            }
        }
        ids.addAll(vaultIds);
        for (String id : ids) {
            int at = id.indexOf('@');
            String label = at > 0 ? id.substring(0, at) : DEFAULT;
            String source = at > 0 ? id.substring(at + 1) : id;
            secrets.add(source.equals("prompt") ? prompt(label, "--vault-id", newPassword) : fromFile(label, Path.of(source), "--vault-id", env));
        }
        List<Path> files = new ArrayList<>(passwordFiles);
        String fromEnv = env.get("ANSIBLE_VAULT_PASSWORD_FILE");
        if (fromEnv != null && !fromEnv.isBlank() && !files.contains(Path.of(fromEnv))) {
            files.add(Path.of(fromEnv));
        }
        for (Path file : files) {
            secrets.add(fromFile(DEFAULT, file, passwordFiles.contains(file) ? "--vault-password-file" : "ANSIBLE_VAULT_PASSWORD_FILE", env));
        }
        if (ask) {
            secrets.add(prompt(DEFAULT, "--ask-vault-pass", newPassword));
        }
        return secrets.isEmpty() ? Vault.NONE : new Vault(secrets);
    }

    /**
     * A password file (contents without surrounding whitespace), or the output of an executable one (run with the
     * run's environment).
     */
    static Vault.Secret fromFile(String label, Path file, String option, RunEnvironment env) {
        if (!Files.isRegularFile(file)) {
            throw usage(option, "vault password file " + file + " does not exist");
        }
        byte[] bytes;
        if (Files.isExecutable(file)) {
            bytes = run(label, file, option, env);
        } else {
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                throw usage(option, "cannot read vault password file " + file + ": " + e.getMessage());
            }
        }
        String text = new String(bytes, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            throw usage(option, "vault password file " + file + " is empty");
        }
        if (VaultCipher.isVaulted(text)) {
            throw usage(option, "vault password file " + file + " is itself vault-encrypted, which this engine does not open");
        }
        return new Vault.Secret(label, text.getBytes(StandardCharsets.UTF_8), file.toString());
    }

    /** Runs a password script; one named {@code *-client[.ext]} is asked for the label with {@code --vault-id}. */
    private static byte[] run(String label, Path script, String option, RunEnvironment env) {
        String name = script.getFileName().toString();
        String stem = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
        List<String> command = new ArrayList<>(List.of(script.toAbsolutePath().toString()));
        if (stem.endsWith("-client")) {
            command.addAll(List.of("--vault-id", label));
        }
        try {
            Process p = env.applyTo(new ProcessBuilder(command)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw usage(option, "vault password script " + script + " did not finish within 60 s");
            }
            if (p.exitValue() != 0) {
                throw usage(option, "vault password script " + script + " failed (exit code " + p.exitValue() + ")");
            }
            return out;
        } catch (IOException e) {
            throw usage(option, "cannot run vault password script " + script + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw usage(option, "interrupted while running vault password script " + script);
        }
    }

    /**
     * A vault password asked as ansible-playbook and ansible-vault ask it, with Python's getpass: at the console, else
     * at the controlling terminal, else from standard input with getpass's warning.
     */
    private static Vault.Secret prompt(String label, String option, boolean newPassword) {
        boolean asked = option.equals("--ask-vault-pass");
        String first = newPassword ? (asked ? "New Vault password: " : "New vault password (" + label + "): ")
                : DEFAULT.equals(label) ? "Vault password: " : "Vault password (" + label + "): ";
        String typed = getpass(first, option, label);
        if (typed.isEmpty()) {
            throw usage(option, "no vault password was typed");
        }
        if (newPassword) {
            String again = getpass(asked ? "Confirm New Vault password: " : "Confirm new vault password (" + label + "): ",
                    option, label);
            if (!again.strip().equals(typed.strip())) {
                throw usage(option, "Passwords do not match");
            }
        }
        return new Vault.Secret(label, typed.strip().getBytes(StandardCharsets.UTF_8), "prompt");
    }

    /** What is typed after {@code question}; the end of input is Ansible's {@code EOFError (ctrl-d) on prompt}. */
    private static String getpass(String question, String option, String label) {
        try {
            String typed = io.runbook.engine.module.TerminalInput.getpass(question);
            if (typed == null) {
                throw usage(option, "EOFError (ctrl-d) on prompt for (" + label + ")");
            }
            return typed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw usage(option, "interrupted while asking the vault password");
        }
    }

    /** A problem with a secret's source: its place is the option (or variable) that named it. */
    private static UserError usage(String option, String message) {
        return new UserError(io.runbook.engine.error.SourcePosition.of(option), message);
    }
}
