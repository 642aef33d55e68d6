package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.runbook.engine.vault.VaultCipher;
import io.runbook.lab.Lab;
import io.runbook.lab.LabOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task's vault-encrypted kubeconfig is opened with the run's vault passwords, as kubernetes.core's action plugin opens
 * it (k8skubeconfig/vaulted.yml); where kubernetes.core finds a task's kubeconfig is compared with ansible-playbook in
 * {@link K8sCompatParityTest#taskKubeconfigsAreFoundAsWithAnsible}.
 */
class TaskKubeconfigTest {
    private static final Path DIR = Path.of("test/resources/k8skubeconfig").toAbsolutePath();

    @Test
    void aVaultEncryptedKubeconfigIsOpenedAndItsTokenNeverShown(@TempDir Path tmp) throws Exception {
        try (Lab lab = Lab.start(LabOptions.builder().clusters(List.of("engine")).build())) {
            Path plain = tmp.resolve("lab.kubeconfig");
            lab.writeKubeconfig(plain);
            String passwordFile = EngineRun.fixture("vault/vault-pass.txt");
            byte[] password = Files.readString(Path.of(passwordFile)).strip().getBytes(StandardCharsets.UTF_8);
            Path vaulted = tmp.resolve("vaulted.kubeconfig");
            Files.writeString(vaulted, VaultCipher.encrypt(Files.readAllBytes(plain), password, null));
            RunResult run = EngineRun.cli(DIR.resolve("vaulted.yml").toString(), "-i", DIR.resolve("inventory.yml").toString(),
                    "--vault-password-file", passwordFile, "-e", "vaulted_kubeconfig=" + vaulted, "-vvvv");
            run.assertRecap("localhost", 2, 0, 0, 0, 0, 0, 0);
            assertEquals(List.of("default"), run.msg("what it found", "localhost"), run.toString());
            assertFalse(run.toString().contains("lab-token-engine"), "the kubeconfig's token was shown:\n" + run);
        }
    }
}
