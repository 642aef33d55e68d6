package io.runbook.cli;

import io.runbook.engine.error.UserError;
import io.runbook.engine.exec.ExitCode;
import io.runbook.engine.vault.Vault;
import io.runbook.engine.vault.VaultCipher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vault encrypt_string | encrypt | decrypt}: ansible-vault's format, so secrets can be vaulted where
 * Ansible is not installed; what it writes ansible-vault reads, and the other way round.
 */
@Command(name = "vault", mixinStandardHelpOptions = true,
        description = "Encrypt values and files with ansible-vault's format (AES256, 1.1/1.2).",
        subcommands = {VaultCommand.EncryptString.class, VaultCommand.Encrypt.class, VaultCommand.Decrypt.class})
final class VaultCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }

    /** Where a mistake in how the vault secrets were given is placed: those are bad usage (5), as in a run. */
    private static final java.util.Set<String> SECRET_SOURCES = java.util.Set.of("--vault-id", "--vault-password-file",
            "--ask-vault-pass", "ANSIBLE_VAULT_PASSWORD_FILE");

    /** The secret to encrypt with: the --vault-id / password file given; with several, the first. */
    static Vault.Secret encryptionSecret(VaultOptions options) {
        Vault vault = options.load();
        if (vault.secrets().isEmpty()) {
            throw new UserError(io.runbook.engine.error.SourcePosition.of("--vault-password-file"),
                    "no vault password given: use --vault-password-file FILE, --vault-id [label@]FILE|prompt or -J");
        }
        return vault.secrets().get(0);
    }

    /**
     * Reports {@code e} with the exit code a run gives the same mistake: how the secrets were given is bad usage
     * (5); what the files hold — a password that opens nothing, a file not (or already) encrypted — is an input
     * error (3).
     */
    static int fail(CommandSpec spec, UserError e) {
        spec.commandLine().getErr().println("ERROR: " + e.format());
        boolean usage = e.position() != null && !e.position().hasLine()
                && SECRET_SOURCES.contains(e.position().file().toString());
        return usage ? ExitCode.USAGE : ExitCode.INPUT_ERROR;
    }

    @Command(name = "encrypt_string", mixinStandardHelpOptions = true,
            description = "Print a value as a '!vault |' YAML value (read from standard input when no VALUE is given).")
    static final class EncryptString implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        VaultOptions vault = new VaultOptions();

        @Option(names = {"-n", "--name"}, paramLabel = "NAME", description = "print it as 'NAME: !vault |'")
        String name;

        @Parameters(arity = "0..1", paramLabel = "VALUE", description = "the value (prefer standard input: arguments show in ps)")
        String value;

        @Override
        public Integer call() throws IOException {
            try {
                Vault.Secret secret = encryptionSecret(vault);
                String plain = value != null ? value
                        : new String(System.in.readAllBytes(), StandardCharsets.UTF_8).replaceFirst("\\R$", "");
                String envelope = VaultCipher.encrypt(plain.getBytes(StandardCharsets.UTF_8), secret.password(), secret.label());
                StringBuilder out = new StringBuilder(name == null ? "!vault |" : name + ": !vault |");
                envelope.lines().forEach(l -> out.append('\n').append(" ".repeat(10)).append(l));
                spec.commandLine().getOut().println(out);
                return ExitCode.OK;
            } catch (UserError e) {
                return fail(spec, e);
            }
        }
    }

    @Command(name = "encrypt", mixinStandardHelpOptions = true, description = "Encrypt files in place.")
    static final class Encrypt implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        VaultOptions vault = new VaultOptions();

        @Parameters(arity = "1..*", paramLabel = "FILE")
        List<Path> files;

        @Override
        public Integer call() {
            try {
                Vault.Secret secret = encryptionSecret(vault);
                return rewrite(spec, files, true, "Encryption successful", (file, text) ->
                        VaultCipher.encrypt(text.getBytes(StandardCharsets.UTF_8), secret.password(), secret.label()));
            } catch (UserError e) {
                return fail(spec, e);
            }
        }
    }

    @Command(name = "decrypt", mixinStandardHelpOptions = true, description = "Decrypt files in place.")
    static final class Decrypt implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        VaultOptions vault = new VaultOptions();

        @Parameters(arity = "1..*", paramLabel = "FILE")
        List<Path> files;

        @Override
        public Integer call() {
            try {
                Vault keyring = vault.load();
                return rewrite(spec, files, false, "Decryption successful", (file, text) ->
                        keyring.decryptFile(text, new io.runbook.engine.error.SourcePosition(file, 1, 1)));
            } catch (UserError e) {
                return fail(spec, e);
            }
        }
    }

    /** Rewrites each file in place with {@code change}; every file must be plain (encrypting) or vaulted (decrypting). */
    private static int rewrite(CommandSpec spec, List<Path> files, boolean encrypting, String done,
                               java.util.function.BiFunction<Path, String, String> change) {
        for (Path file : files) {
            String text = read(file);
            if (VaultCipher.isVaulted(text) == encrypting) {
                throw new UserError(null, file + (encrypting ? " is already" : " is not") + " encrypted with ansible-vault");
            }
            write(file, change.apply(file, text));
        }
        spec.commandLine().getErr().println(done);
        return ExitCode.OK;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserError(null, "cannot read " + file + ": " + Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName()));
        }
    }

    /** Replaces the file through a temporary one next to it, keeping its permissions. */
    private static void write(Path file, String text) {
        try {
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".vault-", ".tmp");
            try {
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                try {
                    Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(file));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system
                }
                Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UserError(null, "cannot write " + file + ": " + Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName()));
        }
    }
}
