package io.runbook.cli;

import static io.runbook.cli.VaultCommand.encryptIdentity;
import static io.runbook.cli.VaultCommand.matchEncryptSecret;
import static io.runbook.cli.VaultCommand.terminal;
import static io.runbook.cli.VaultCommand.usage;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import io.runbook.engine.exec.ExitCode;
import io.runbook.engine.vault.Vault;
import io.runbook.engine.vault.VaultCipher;
import io.runbook.engine.vault.VaultSecrets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vault rekey}: files opened with the secrets given and encrypted again with the new one
 * ({@code --new-vault-password-file} or {@code --new-vault-id}), as ansible-vault 2.14 re-keys them.
 */
@Command(name = "rekey", mixinStandardHelpOptions = true,
        description = "Re-key vault encrypted file(s): open them with the secrets given, encrypt them with the new one.")
final class VaultRekey extends VaultCommand.Action {
    /** {@code --new-vault-password-file} or {@code --new-vault-id}, not both (as ansible-vault). */
    static final class NewSecret {
        @Option(names = "--new-vault-password-file", paramLabel = "FILE", description = "new vault password file for rekey")
        Path passwordFile;

        @Option(names = "--new-vault-id", paramLabel = "[LABEL@]SOURCE", description = "the new vault identity to use for rekey")
        String vaultId;
    }

    @Mixin
    VaultCommand.EncryptVaultId encrypt = new VaultCommand.EncryptVaultId();

    @ArgGroup(exclusive = true)
    NewSecret newSecret = new NewSecret();

    @Parameters(arity = "0..*", paramLabel = "FILE", description = "files to re-key")
    List<String> files = new ArrayList<>();

    @Override
    int run() {
        Vault keyring = openingSecrets();
        String wanted = encryptIdentity(encrypt.id, env());
        // as ansible-vault: ANSIBLE_VAULT_IDENTITY_LIST counts for the new secret only with an encrypt vault id
        Map<String, String> variables = new HashMap<>(env().asMap());
        if (wanted == null) {
            variables.remove("ANSIBLE_VAULT_IDENTITY_LIST");
        }
        io.runbook.engine.env.RunEnvironment env = io.runbook.engine.env.RunEnvironment.of(variables);
        NewSecret given = newSecret == null ? new NewSecret() : newSecret;
        Vault fresh;
        try {
            fresh = VaultSecrets.load(given.vaultId == null ? List.of() : List.of(given.vaultId),
                    given.passwordFile == null ? List.of() : List.of(given.passwordFile), vault.ask, env, true);
        } catch (UserError e) {
            throw renamed(e);
        }
        if (!fresh.hasSecrets() && terminal()) {
            fresh = VaultSecrets.load(List.of(), List.of(), true, env, true);
        }
        if (!fresh.hasSecrets()) {
            throw usage("A new vault password is required to use Ansible's Vault rekey"
                    + " (give it with --new-vault-password-file FILE or --new-vault-id [LABEL@]FILE|prompt)");
        }
        Vault.Secret secret = matchEncryptSecret(fresh, wanted);
        for (String file : files) {
            String name = VaultFiles.realPath(file);
            byte[] plain = VaultFiles.open(keyring, name, VaultFiles.read(name), " for " + name, " for " + name).plaintext();
            String envelope = VaultCipher.encrypt(plain, secret.password(), secret.label());
            VaultFiles.rewrite(Path.of(name), envelope.getBytes(StandardCharsets.US_ASCII));
        }
        err().println("Rekey successful");
        return ExitCode.OK;
    }

    /** A mistake in the new secret's source, placed at the rekey option that named it. */
    private UserError renamed(UserError e) {
        String option = newSecret.passwordFile != null ? "--new-vault-password-file" : "--new-vault-id";
        boolean source = e.position() != null && !e.position().hasLine()
                && java.util.Set.of("--vault-id", "--vault-password-file").contains(e.position().file().toString());
        return source ? new UserError(SourcePosition.of(option), e.getMessage(), e.hint()) : e;
    }
}
