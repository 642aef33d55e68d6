package io.runbook.cli;

import io.runbook.engine.env.RunEnvironment;
import io.runbook.engine.vault.Vault;
import io.runbook.engine.vault.VaultSecrets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The vault options of ansible-playbook and ansible-inventory, shared by the commands that read YAML. */
final class VaultOptions {
    @Option(names = {"--vault-password-file", "--vault-pass-file"}, paramLabel = "FILE",
            description = "vault password file (an executable one is run and its output used); repeatable")
    List<Path> passwordFiles = new ArrayList<>();

    @Option(names = "--vault-id", paramLabel = "[LABEL@]SOURCE",
            description = "a vault secret: SOURCE is a password file, a script, or 'prompt'; repeatable")
    List<String> vaultIds = new ArrayList<>();

    @Option(names = {"-J", "--ask-vault-pass", "--ask-vault-password"}, description = "ask for the vault password")
    boolean ask;

    /** The secrets given, with the run's ANSIBLE_VAULT_IDENTITY_LIST's and ANSIBLE_VAULT_PASSWORD_FILE's, read now. */
    Vault load(RunEnvironment env) {
        return VaultSecrets.load(vaultIds, passwordFiles, ask, env);
    }

    /** The same, with ansible.cfg's vault_identity_list and vault_password_file when the environment names none. */
    Vault load(Settings settings, RunEnvironment env) {
        return load(settings.vaultEnvironment(env));
    }
}
