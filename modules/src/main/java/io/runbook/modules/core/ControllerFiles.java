package io.runbook.modules.core;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.vault.Vault;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Files a task names on the controller ({@code copy}'s {@code src}): the engine has found a relative one along the
 * task's search path already (Ansible's order); here one is checked, or without a task looked for in the
 * {@code files/} folder of {@code baseDir} and then in it; vault-encrypted files are opened.
 */
final class ControllerFiles {
    private static final String VAULT_HEADER = "$ANSIBLE_VAULT;";

    private ControllerFiles() {
    }

    /** The file or folder {@code src} names ({@code ~} is {@code home}); fails listing the places tried. */
    static Path find(String src, Path baseDir, String home) throws ModuleException {
        Path given = Path.of(io.runbook.engine.vars.HomeDir.expand(src, home));
        if (given.isAbsolute()) {
            if (!Files.exists(given)) {
                throw new ModuleException("could not find src " + given + " on the controller");
            }
            return given;
        }
        List<Path> tried = new ArrayList<>();
        for (Path candidate : List.of(baseDir.resolve("files").resolve(given), baseDir.resolve(given))) {
            Path normal = candidate.normalize();
            if (Files.exists(normal)) {
                return normal;
            }
            tried.add(normal);
        }
        throw new ModuleException("could not find src " + src + " on the controller (looked in " + tried + ")");
    }

    /** The content to send for a controller file: decrypted when it is an ansible-vault file and {@code decrypt}. */
    static FileContent content(Path file, boolean decrypt) throws ModuleException {
        try {
            if (decrypt && isVault(file)) {
                if (!Vault.active().hasSecrets()) {
                    // Ansible's words, which playbooks check
                    throw new ModuleException("A vault password or secret must be specified to decrypt " + file);
                }
                String text = Files.readString(file, StandardCharsets.UTF_8);
                return FileContent.of(Vault.active().decryptFile(text, SourcePosition.of(file.toString()))).asSecret();
            }
            return FileContent.of(file);
        } catch (UserError e) {
            throw new ModuleException(e.format());
        } catch (IOException e) {
            throw new ModuleException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static boolean isVault(Path file) throws IOException {
        byte[] head = new byte[VAULT_HEADER.length()];
        try (var in = Files.newInputStream(file)) {
            int n = in.readNBytes(head, 0, head.length);
            return n == head.length && new String(head, StandardCharsets.US_ASCII).equals(VAULT_HEADER);
        }
    }

}
