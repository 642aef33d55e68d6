package io.runbook.cli;

import io.runbook.engine.env.RunEnvironment;
import io.runbook.engine.error.UserError;
import io.runbook.engine.exec.ExitCode;
import io.runbook.engine.vault.Vault;
import io.runbook.engine.vault.VaultCipher;
import io.runbook.engine.vault.VaultSecrets;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vault create | decrypt | edit | view | encrypt | encrypt_string | rekey}: ansible-vault 2.14's command line and
 * format, so secrets can be vaulted where Ansible is not installed; what it writes ansible-vault reads, and the other
 * way round. Behaviour and messages are ansible-vault's; exit codes are the engine's (bad usage 5, input error 3).
 * A plaintext is written only where the user asked for it: {@code view}, {@code decrypt} (to the file, or {@code --output -}),
 * and the editor's temporary file ({@link VaultFiles#edit}).
 */
@Command(name = "vault", mixinStandardHelpOptions = true,
        description = "ansible-vault's command line and format (AES256, 1.1/1.2): create, decrypt, edit, view, encrypt, encrypt_string, rekey.",
        subcommands = {VaultCommand.Create.class, VaultCommand.Decrypt.class, VaultCommand.Edit.class, VaultCommand.View.class,
                VaultCommand.Encrypt.class, VaultEncryptString.class, VaultRekey.class})
final class VaultCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    /** The command's environment, which Main gives: ANSIBLE_VAULT_*, the password scripts', EDITOR and PAGER. */
    final RunEnvironment env;

    VaultCommand(RunEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }

    /** Where a mistake in how the vault secrets were given is placed: those are bad usage (5), as in a run. */
    private static final java.util.Set<String> SECRET_SOURCES = java.util.Set.of("--vault-id", "--vault-password-file",
            "--ask-vault-pass", "ANSIBLE_VAULT_PASSWORD_FILE", "--new-vault-id", "--new-vault-password-file");

    private static final String NO_PASSWORD = "A vault password is required to use Ansible's Vault";
    private static final String HOW = " (give it with --vault-password-file FILE, --vault-id [LABEL@]FILE|prompt or -J)";

    /** A failure in ansible-vault's words with its exit code: bad usage (5) where ansible-vault says so, else input (3). */
    static final class Failure extends RuntimeException {
        final int code;

        Failure(int code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    static Failure usage(String message) {
        return new Failure(ExitCode.USAGE, message);
    }

    static Failure input(String message) {
        return new Failure(ExitCode.INPUT_ERROR, message);
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

    /** Whether the engine talks to a terminal (ansible-vault's {@code sys.stdout.isatty()}, as the engine judges it). */
    static boolean terminal() {
        return System.console() != null;
    }

    /** What every subcommand shares: the vault secrets, {@code -v}, and ansible-vault's error handling. */
    abstract static class Action implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        VaultOptions vault = new VaultOptions();

        @Option(names = {"-v", "--verbose"}, description = "accepted, as ansible-vault's (repeatable); nothing more is printed")
        boolean[] verbose = new boolean[0];

        @Override
        public final Integer call() throws IOException {
            try {
                for (String id : vault.vaultIds) {
                    if (id.contains(";")) {
                        throw usage("'" + id + "' is not a valid vault id. The character ';' is not allowed in vault ids");
                    }
                }
                checkArguments();
                return run();
            } catch (Failure f) {
                err().println("ERROR: " + f.getMessage());
                return f.code;
            } catch (UserError e) {
                return fail(spec, e);
            } finally {
                out().flush();
                err().flush();
            }
        }

        /** The checks ansible-vault makes of the command line before it asks for any password. */
        void checkArguments() {
        }

        abstract int run() throws IOException;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        PrintWriter err() {
            return spec.commandLine().getErr();
        }

        /** The environment Main gave the vault command, with the vault settings of ansible.cfg or runbook.yml it has not. */
        RunEnvironment env() {
            RunEnvironment given = ((VaultCommand) spec.parent().userObject()).env;
            return Settings.current(given.asMap()).vaultEnvironment(given);
        }

        /** The secrets that open files (decrypt, view, edit, rekey); with none given, asked on a terminal as ansible-vault asks. */
        Vault openingSecrets() {
            Vault keyring = vault.load(env());
            if (!keyring.hasSecrets() && terminal()) {
                keyring = VaultSecrets.load(List.of(), List.of(), true, env(), false);
            }
            if (!keyring.hasSecrets()) {
                throw usage(NO_PASSWORD + HOW);
            }
            return keyring;
        }

        /**
         * The secret that encrypts (create, encrypt, encrypt_string): the only one given, or the one {@code --encrypt-vault-id}
         * (or {@code ANSIBLE_VAULT_ENCRYPT_IDENTITY}) names; several without one is bad usage, as in ansible-vault.
         */
        Vault.Secret encryptingSecret(String encryptVaultId) {
            Vault keyring = VaultSecrets.load(vault.vaultIds, vault.passwordFiles, vault.ask, env(), true);
            if (!keyring.hasSecrets() && terminal()) {
                keyring = VaultSecrets.load(List.of(), List.of(), true, env(), true);
            }
            String wanted = encryptIdentity(encryptVaultId, env());
            if (keyring.secrets().size() > 1 && wanted == null) {
                throw usage("The vault-ids " + String.join(",", keyring.secrets().stream().map(Vault.Secret::label).toList())
                        + " are available to encrypt. Specify the vault-id to encrypt with --encrypt-vault-id");
            }
            if (!keyring.hasSecrets()) {
                throw usage(NO_PASSWORD + HOW);
            }
            return matchEncryptSecret(keyring, wanted);
        }
    }

    /** {@code --encrypt-vault-id}, else {@code ANSIBLE_VAULT_ENCRYPT_IDENTITY} (ansible's DEFAULT_VAULT_ENCRYPT_IDENTITY), else null. */
    static String encryptIdentity(String option, RunEnvironment env) {
        if (option != null && !option.isEmpty()) {
            return option;
        }
        String set = env.get("ANSIBLE_VAULT_ENCRYPT_IDENTITY");
        return set == null || set.isBlank() ? null : set.strip();
    }

    /** ansible's match_encrypt_secret: the secret labelled {@code wanted}, or the first when none is wanted. */
    static Vault.Secret matchEncryptSecret(Vault keyring, String wanted) {
        if (wanted == null) {
            return keyring.secrets().get(0);
        }
        return keyring.secrets().stream().filter(s -> s.label().equals(wanted)).findFirst()
                .orElseThrow(() -> input("Did not find a match for --encrypt-vault-id=" + wanted + " in the known vault-ids "
                        + keyring.secrets().stream().map(s -> "'" + s.label() + "'").toList()));
    }

    /** {@code --encrypt-vault-id}: of create, encrypt, encrypt_string and rekey (edit accepts it, as ansible-vault's). */
    static final class EncryptVaultId {
        @Option(names = "--encrypt-vault-id", paramLabel = "VAULT_ID",
                description = "the vault id used to encrypt (required if more than one vault-id is provided)")
        String id;
    }

    /** {@code --output FILE}, for decrypt, encrypt and encrypt_string. */
    abstract static class WithOutput extends Action {
        @Option(names = "--output", paramLabel = "FILE", description = "output file name for encrypt or decrypt; use - for stdout")
        String output;

        List<String> inputs() {
            return List.of();
        }

        @Override
        void checkArguments() {
            if (output != null && inputs().size() > 1) {
                throw usage("At most one input file may be used with the --output option");
            }
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create new vault encrypted file: write it in $EDITOR (default vi), saved encrypted when it exits.")
    static final class Create extends Action {
        @Mixin
        EncryptVaultId encrypt = new EncryptVaultId();

        @Parameters(arity = "0..*", paramLabel = "FILE", description = "the file to create (one)")
        List<String> files = new ArrayList<>();

        @Override
        int run() {
            Vault.Secret secret = encryptingSecret(encrypt.id);
            if (files.size() != 1) {
                throw usage("vault create can take only one filename argument");
            }
            VaultFiles.create(Path.of(files.get(0)), secret, env(), err());
            return ExitCode.OK;
        }
    }

    @Command(name = "decrypt", mixinStandardHelpOptions = true,
            description = "Decrypt vault encrypted file(s) in place, or to --output (standard input when no FILE, or -).")
    static final class Decrypt extends WithOutput {
        @Parameters(arity = "0..*", paramLabel = "FILE", description = "files to decrypt ('-' or none: standard input)")
        List<String> files = new ArrayList<>();

        @Override
        List<String> inputs() {
            return files;
        }

        @Override
        int run() {
            Vault keyring = openingSecrets();
            if (files.isEmpty() && terminal()) {
                err().println("Reading ciphertext input from stdin");
            }
            for (String file : files.isEmpty() ? List.of("-") : files) {
                String name = VaultFiles.realPath(file);
                byte[] plain = VaultFiles.open(keyring, name, VaultFiles.read(name), " on " + name + " for " + name,
                        name + " is not a vault encrypted file for " + name).plaintext();
                VaultFiles.write(plain, output != null ? output : name, false, out());
            }
            if (terminal()) {
                err().println("Decryption successful");
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "edit", mixinStandardHelpOptions = true,
            description = "Edit vault encrypted file(s) in $EDITOR (default vi); saved encrypted again, with the same vault id, when changed.")
    static final class Edit extends Action {
        @Mixin
        EncryptVaultId encrypt = new EncryptVaultId();  // accepted, as ansible-vault's: an edited file keeps its own vault id

        @Parameters(arity = "0..*", paramLabel = "FILE", description = "files to edit, one after the other")
        List<String> files = new ArrayList<>();

        @Override
        int run() {
            Vault keyring = openingSecrets();
            for (String file : files) {
                String name = VaultFiles.realPath(file);
                byte[] data = VaultFiles.read(name);
                Vault.Opened opened = VaultFiles.open(keyring, name, data, " for " + name, " for " + name);
                String vaultId = VaultCipher.parse(new String(data, StandardCharsets.UTF_8)).vaultId();
                VaultFiles.edit(Path.of(name), opened.secret(), opened.plaintext(), vaultId, env());
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "view", mixinStandardHelpOptions = true,
            description = "View vault encrypted file(s): the text on standard output ($PAGER, or less, on a terminal).")
    static final class View extends Action {
        @Parameters(arity = "0..*", paramLabel = "FILE", description = "files to view")
        List<String> files = new ArrayList<>();

        @Override
        int run() throws IOException {
            Vault keyring = openingSecrets();
            for (String file : files) {
                byte[] plain = VaultFiles.open(keyring, file, VaultFiles.read(file), " on " + file + " for " + file,
                        file + " is not a vault encrypted file for " + file).plaintext();
                VaultFiles.page(new String(plain, StandardCharsets.UTF_8), env(), out());
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "encrypt", mixinStandardHelpOptions = true,
            description = "Encrypt file(s) in place, or to --output (standard input when no FILE, or -).")
    static final class Encrypt extends WithOutput {
        @Mixin
        EncryptVaultId encrypt = new EncryptVaultId();

        @Parameters(arity = "0..*", paramLabel = "FILE", description = "files to encrypt ('-' or none: standard input)")
        List<String> files = new ArrayList<>();

        @Override
        List<String> inputs() {
            return files;
        }

        @Override
        int run() {
            Vault.Secret secret = encryptingSecret(encrypt.id);
            if (files.isEmpty() && terminal()) {
                err().println("Reading plaintext input from stdin");
            }
            for (String file : files.isEmpty() ? List.of("-") : files) {
                String name = VaultFiles.realPath(file);
                byte[] plain = VaultFiles.read(name);
                if (VaultCipher.isVaulted(new String(plain, StandardCharsets.UTF_8))) {
                    throw input("input is already encrypted");
                }
                String envelope = VaultCipher.encrypt(plain, secret.password(), secret.label());
                VaultFiles.write(envelope.getBytes(StandardCharsets.US_ASCII), output != null ? output : name, true, out());
            }
            if (terminal()) {
                err().println("Encryption successful");
            }
            return ExitCode.OK;
        }
    }
}
