package io.runbook.cli;

import static io.runbook.cli.VaultCommand.input;

import io.runbook.engine.env.RunEnvironment;
import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.inventory.ShellWords;
import io.runbook.engine.vault.Vault;
import io.runbook.engine.vault.VaultCipher;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The files of {@code engine.jar vault}, handled as ansible-vault's VaultEditor handles them: read whole (standard input
 * for {@code -}), written as new owner-only files (0600) that replace the old one at once, a re-keyed or edited file
 * keeping its mode; the editor works on a copy in a private temporary folder (0700, the file 0600) that is overwritten
 * and removed afterwards.
 */
final class VaultFiles {
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    private static final SecureRandom RANDOM = new SecureRandom();

    private VaultFiles() {
    }

    /** The file a name stands for, symbolic links followed (as ansible-vault does); {@code -} stays standard input/output. */
    static String realPath(String name) {
        if (name.equals("-")) {
            return name;
        }
        Path path = Path.of(name).toAbsolutePath().normalize();
        try {
            return path.toRealPath().toString();
        } catch (IOException e) {
            return path.toString();
        }
    }

    /** The bytes of {@code name} ({@code -}: standard input); ansible-vault's {@code Unable to read source file} otherwise. */
    static byte[] read(String name) {
        try {
            return name.equals("-") ? System.in.readAllBytes() : Files.readAllBytes(Path.of(name));
        } catch (IOException e) {
            throw input("Unable to read source file (" + name + "): " + reason(e, name));
        }
    }

    /**
     * The plaintext of the vaulted {@code data} of {@code name} and the secret that opened it; ansible-vault's messages
     * otherwise: {@code input is not vault encrypted data. <notVaulted>}, {@code Decryption failed (no vault secrets were
     * found that could decrypt)<failed>}. Neither holds a password or the plaintext.
     */
    static Vault.Opened open(Vault keyring, String name, byte[] data, String failed, String notVaulted) {
        String text = new String(data, StandardCharsets.UTF_8);
        if (!VaultCipher.isVaulted(text)) {
            throw input("input is not vault encrypted data. " + notVaulted);
        }
        try {
            return keyring.openBytes(text).orElseThrow(() ->
                    input("Decryption failed (no vault secrets were found that could decrypt)" + failed));
        } catch (IllegalArgumentException e) {
            throw input("There was a vault format error in " + name + ": " + e.getMessage());
        }
    }

    /**
     * Writes {@code data} to {@code target} ({@code -}: standard output) as a new owner-only file that replaces the old one
     * at once; with {@code shred}, the old file's bytes (a plaintext) are overwritten first.
     */
    static void write(byte[] data, String target, boolean shred, PrintWriter out) {
        if (target.equals("-")) {
            out.print(new String(data, StandardCharsets.UTF_8));
            out.flush();
            return;
        }
        Path path = Path.of(target);
        Path tmp;
        try {
            tmp = Files.createTempFile(path.toAbsolutePath().getParent(), ".vault-", ".tmp", ownerOnly(OWNER_FILE));
        } catch (IOException e) {
            throw input("Problem creating temporary vault file: " + reason(e, target));
        }
        try {
            Files.write(tmp, data);
            if (shred && Files.isRegularFile(path)) {
                overwrite(path);
            }
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw input("Unable to write to temporary vault file: " + reason(e, target));
        } finally {
            deleteQuietly(tmp);
        }
    }

    /** Replaces the vaulted {@code file} with {@code data}, keeping its mode (rekey, edit). */
    static void rewrite(Path file, byte[] data) {
        Set<PosixFilePermission> mode = null;
        try {
            mode = Files.exists(file) ? Files.getPosixFilePermissions(file) : null;
        } catch (IOException | UnsupportedOperationException e) {
            // no mode to keep: the new file stays owner-only
        }
        write(data, file.toString(), false, null);
        if (mode != null) {
            try {
                Files.setPosixFilePermissions(file, mode);
            } catch (IOException e) {
                throw input("Unable to write to temporary vault file: " + reason(e, file.toString()));
            }
        }
    }

    /** {@code vault create}: ansible-vault's checks, then the editor on an empty file, saved encrypted with {@code secret}. */
    static void create(Path file, Vault.Secret secret, RunEnvironment env, PrintWriter err) {
        Path dir = file.getParent();
        if (dir != null && !Files.exists(dir)) {
            err.println("[WARNING]: " + dir + " does not exist, creating...");
            err.flush();
            try {
                Files.createDirectories(dir, ownerOnly(OWNER_DIR));
            } catch (IOException e) {
                throw input("Unable to create " + dir + ": " + reason(e, dir.toString()));
            }
        }
        if (Files.isRegularFile(file)) {
            throw input(file + " exists, please use 'edit' instead");
        }
        edit(file, secret, null, secret.label(), env);
    }

    /**
     * Runs {@code $EDITOR} (default {@code vi}, split as a shell would) on a copy of {@code existing} (null: a new file) in a
     * private temporary folder, then saves what it left, encrypted with {@code secret} under {@code vaultId}, unless it is
     * unchanged (as ansible-vault: nothing is written and nothing said). The editor's exit code is not looked at
     * (ansible-vault's neither). The copy is overwritten and removed, whatever happens.
     */
    static void edit(Path file, Vault.Secret secret, byte[] existing, String vaultId, RunEnvironment env) {
        String base = file.getFileName().toString();
        int dot = base.lastIndexOf('.');
        Path dir;
        Path copy;
        try {
            dir = Files.createTempDirectory("runbook-vault-", ownerOnly(OWNER_DIR));
            copy = Files.createTempFile(dir, "tmp", dot > 0 ? base.substring(dot) : "", ownerOnly(OWNER_FILE));
        } catch (IOException e) {
            throw input("Problem creating temporary vault file: " + reason(e, "the temporary folder"));
        }
        // a Ctrl-C or SIGTERM while the editor runs ends the engine: the plaintext copy goes with it all the same
        Path folder = dir;
        Path plaintext = copy;
        Thread cleanUp = new Thread(() -> {
            overwriteQuietly(plaintext);
            deleteQuietly(plaintext);
            deleteQuietly(folder);
        }, "vault-edit-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanUp);
        try {
            if (existing != null) {
                Files.write(copy, existing);
            }
            String editor = env.get("EDITOR");
            List<String> command = new ArrayList<>(ShellWords.split(editor == null ? "vi" : editor, SourcePosition.of("EDITOR"), false));
            command.add(copy.toString());
            try {
                env.applyTo(new ProcessBuilder(command)).inheritIO().start().waitFor();
            } catch (IOException e) {
                throw input("Unable to execute the command \"" + String.join(" ", command) + "\": " + reason(e, command.get(0)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw input("interrupted while the editor ran: " + file + " is unchanged");
            }
            byte[] edited = Files.readAllBytes(copy);
            if (existing == null || !Arrays.equals(existing, edited)) {
                rewrite(file, VaultCipher.encrypt(edited, secret.password(), vaultId).getBytes(StandardCharsets.US_ASCII));
            }
        } catch (IOException e) {
            throw input("Unable to read source file (" + copy + "): " + reason(e, copy.toString()));
        } finally {
            cleanUp.run();
            try {
                Runtime.getRuntime().removeShutdownHook(cleanUp);
            } catch (IllegalStateException e) {
                // already shutting down: the hook cleans up (again) harmlessly
            }
        }
    }

    /**
     * Shows {@code text} as ansible-vault's pager does: to a non-terminal, the text (with a final line break); on a
     * terminal, through {@code $PAGER} (a shell command), else {@code less} ({@code LESS=FRSX} unless set), else plainly.
     */
    static void page(String text, RunEnvironment env, PrintWriter out) throws IOException {
        String pager = env.get("PAGER");
        if (VaultCommand.terminal() && pager == null && succeeds("less --version", env)) {
            pager = "less";
        }
        if (!VaultCommand.terminal() || pager == null) {
            out.print(text.endsWith("\n") ? text : text + "\n");
            out.flush();
            return;
        }
        out.flush();
        ProcessBuilder builder = env.applyTo(new ProcessBuilder("sh", "-c", pager)).redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().putIfAbsent("LESS", "FRSX");
        Process process = builder.start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the pager quit before reading it all (q in less), as ansible-vault ignores it
        }
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean succeeds(String command, RunEnvironment env) {
        try {
            Process p = env.applyTo(new ProcessBuilder("sh", "-c", command)).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Overwrites a plaintext's bytes with random ones, three times (ansible's fallback when shred(1) is missing). */
    private static void overwrite(Path file) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            long length = raf.length();
            byte[] chunk = new byte[(int) Math.min(length, 1 << 20)];
            for (int pass = 0; pass < 3 && length > 0; pass++) {
                raf.seek(0);
                for (long done = 0; done < length; done += chunk.length) {
                    RANDOM.nextBytes(chunk);
                    raf.write(chunk, 0, (int) Math.min(chunk.length, length - done));
                }
                raf.getFD().sync();
            }
        }
    }

    private static void overwriteQuietly(Path file) {
        try {
            if (Files.isRegularFile(file)) {
                overwrite(file);
            }
        } catch (IOException e) {
            // removed next all the same
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // a temporary file left behind holds ciphertext only, or was overwritten
        }
    }

    private static FileAttribute<?>[] ownerOnly(Set<PosixFilePermission> mode) {
        boolean posix = java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)} : new FileAttribute<?>[0];
    }

    /** The reason of an I/O failure in the words of the C library, as ansible-vault shows it (never a file's contents). */
    static String reason(IOException e, String name) {
        if (e instanceof NoSuchFileException) {
            return "No such file or directory: '" + name + "'";
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied: '" + name + "'";
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        java.util.regex.Matcher started = java.util.regex.Pattern.compile("^Cannot run program .*error=\\d+, (.*)$").matcher(message);
        return started.matches() ? started.group(1) + ": '" + name + "'" : message;
    }
}
