package io.runbook.cli;

import static io.runbook.cli.VaultCommand.terminal;
import static io.runbook.cli.VaultCommand.usage;

import io.runbook.engine.exec.ExitCode;
import io.runbook.engine.vault.Vault;
import io.runbook.engine.vault.VaultCipher;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vault encrypt_string}: values as {@code !vault |} YAML values, as ansible-vault 2.14 prints them, from the
 * arguments (each named by the {@code -n} of its place), standard input ({@code --stdin-name}) or a prompt ({@code -p});
 * a value itself is never printed, not even in the notes on names that do not match.
 */
@Command(name = "encrypt_string", mixinStandardHelpOptions = true,
        description = "Print values as '!vault |' YAML values: the arguments, standard input (no argument, '-', or --stdin-name), or a prompt (-p).")
final class VaultEncryptString extends VaultCommand.WithOutput {
    private static final String FROM_STDIN = "stdin";
    private static final String FROM_ARGS = "the command line args";
    private static final String FROM_PROMPT = "the interactive prompt";

    @Mixin
    VaultCommand.EncryptVaultId encrypt = new VaultCommand.EncryptVaultId();

    @Option(names = {"-p", "--prompt"}, description = "Prompt for the string to encrypt")
    boolean prompt;

    @Option(names = "--show-input", description = "Do not hide input when prompted for the string to encrypt")
    boolean showInput;

    @Option(names = {"-n", "--name"}, paramLabel = "NAME",
            description = "Specify the variable name (repeatable: the n-th names the n-th argument)")
    List<String> names = new ArrayList<>();

    @Option(names = "--stdin-name", paramLabel = "NAME", description = "Specify the variable name for stdin")
    String stdinName;

    @Parameters(arity = "0..*", paramLabel = "STRING",
            description = "strings to encrypt ('-' or none: standard input; prefer it, arguments show in ps)")
    List<String> values = new ArrayList<>();

    private boolean readStdin() {
        return values.contains("-") || values.isEmpty() || stdinName != null;
    }

    @Override
    List<String> inputs() {
        return values;
    }

    @Override
    void checkArguments() {
        super.checkArguments();
        if (prompt && readStdin()) {
            throw usage("The --prompt option is not supported if also reading input from stdin");
        }
    }

    private record Plain(byte[] text, String source, String name) {
    }

    @Override
    int run() throws IOException {
        Vault.Secret secret = encryptingSecret(encrypt.id);
        List<Plain> plains = new ArrayList<>();
        List<String> args = values.stream().filter(v -> !v.equals("-")).toList();
        if (prompt) {
            plains.add(prompted());
        }
        if (readStdin()) {
            if (terminal()) {
                err().println("Reading plaintext input from stdin. (ctrl-d to end input, twice if your content does not already have a newline)");
            }
            byte[] text = System.in.readAllBytes();
            if (text.length == 0) {
                throw usage("stdin was empty, not encrypting");
            }
            if (terminal() && text[text.length - 1] != '\n') {
                out().println();
            }
            plains.add(new Plain(text, FROM_STDIN, stdinName));
        }
        if (!names.isEmpty() && args.size() > names.size()) {
            // as vague as ansible-vault's, never showing a value
            err().println("The number of --name options do not match the number of args.");
            err().println("The last named variable will be \"" + names.get(names.size() - 1) + "\". The rest will not have names.");
        }
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).isEmpty()) {
                throw usage("The plaintext provided from the command line args was empty, not encrypting");
            }
            plains.add(new Plain(args.get(i).getBytes(StandardCharsets.UTF_8), FROM_ARGS, i < names.size() ? names.get(i) : null));
        }
        List<String> blocks = new ArrayList<>();
        for (int i = 0; i < plains.size(); i++) {
            Plain plain = plains.get(i);
            if (plains.size() > 1) {
                err().println(plain.name() != null
                        ? "# The encrypted version of variable (\"" + plain.name() + "\", the string #" + (i + 1) + " from " + plain.source() + ")."
                        : "# The encrypted version of the string #" + (i + 1) + " from " + plain.source() + ".)");
            }
            blocks.add(block(VaultCipher.encrypt(plain.text(), secret.password(), secret.label()), plain.name()));
        }
        // joined by a line break, without a final one, as ansible-vault writes them
        VaultFiles.write(String.join("\n", blocks).getBytes(StandardCharsets.UTF_8), output != null ? output : "-", true, out());
        if (terminal()) {
            err().println("Encryption successful");
        }
        return ExitCode.OK;
    }

    /** The variable name and the string asked for, on the terminal (or read from standard input, as ansible-vault reads them). */
    private Plain prompted() throws IOException {
        java.io.Console console = System.console();
        BufferedReader stdin = console == null ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)) : null;
        String name = ask(console, stdin, "Variable name (enter for no name): ", false, out());
        String message = showInput ? "String to encrypt:" : "String to encrypt (hidden): ";
        String value = ask(console, stdin, message, !showInput, showInput ? out() : err());
        if (value == null || value.isEmpty()) {
            throw usage("The plaintext provided from the prompt was empty, not encrypting");
        }
        return new Plain(value.getBytes(StandardCharsets.UTF_8), FROM_PROMPT, name == null || name.isEmpty() ? null : name);
    }

    private static String ask(java.io.Console console, BufferedReader stdin, String prompt, boolean hidden, PrintWriter where)
            throws IOException {
        if (console != null) {
            if (hidden) {
                char[] typed = console.readPassword("%s", prompt);
                return typed == null ? null : new String(typed);
            }
            return console.readLine("%s", prompt);
        }
        where.print(prompt);
        where.flush();
        String line = stdin.readLine();
        if (hidden) {
            where.println();
        }
        return line;
    }

    /** {@code NAME: !vault |} (or {@code !vault |}) and the envelope's lines indented by 10. */
    static String block(String envelope, String name) {
        StringBuilder out = new StringBuilder(name == null ? "!vault |" : name + ": !vault |");
        envelope.lines().forEach(l -> out.append('\n').append(" ".repeat(10)).append(l));
        return out.toString();
    }
}
