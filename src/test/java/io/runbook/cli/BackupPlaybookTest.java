package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.yaml.YamlLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * playbooks/backup.yml against a lab estate that recover.yml restored: it writes the three files recover.yml
 * needs, shows none of their secrets, changes nothing the second time, and its backup restores a fresh estate.
 */
class BackupPlaybookTest {
    private static final String REGISTRY = "containers.lab.example";
    private static final List<String> FILES = List.of("iam-signing-key.yaml", "credentials.yaml", "mp-values.yaml");

    @Test
    void backupWritesWhatRecoverNeedsQuietlyIdempotentlyAndUsably(@TempDir Path dir) throws Exception {
        LabEstateRun lab = new LabEstateRun(dir.resolve("state"));
        LabEstateRun.Result recovered = lab.play("recover.yml");
        assertEquals(0, recovered.code(), recovered.out());

        Path backup = Files.createDirectories(dir.resolve("my-backup"));
        LabEstateRun.Result first = lab.play("backup.yml", "backup_dir=" + backup);
        assertEquals(0, first.code(), first.out());
        for (String file : FILES) {
            assertTrue(Files.isRegularFile(backup.resolve(file)), file + "\n" + first.out());
        }
        assertEquals(installedValues(lab.state.resolve("backup/mp-values.yaml")), load(backup.resolve("mp-values.yaml")),
                "mp-values.yaml holds the values the estate was installed with");
        assertEquals(List.of("iam-signing-key"), names(backup.resolve("iam-signing-key.yaml")));
        assertFalse(names(backup.resolve("credentials.yaml")).isEmpty());
        for (String secret : secretTexts(backup.resolve("credentials.yaml"))) {
            assertFalse(first.out().contains(secret), "a credential shows in the output: " + secret + "\n" + first.out());
        }
        // the user names beside the passwords (admin, elastic) are ordinary words: nothing masks them in other text
        assertTrue(first.out().contains("(item=admin-credentials)") && first.out().contains("(item=elastic-credentials)"), first.out());
        assertFalse(first.out().contains("********-credentials"), first.out());

        LabEstateRun.Result second = lab.play("backup.yml", "backup_dir=" + backup);
        assertEquals(0, second.code(), second.out());
        assertEquals(0, second.totalChanged(), "a second backup changes nothing:\n" + second.out());

        LabEstateRun fresh = new LabEstateRun(dir.resolve("fresh-state"));
        LabEstateRun.Result restored = fresh.play("recover.yml", "backup_dir=" + backup);
        assertEquals(0, restored.code(), restored.out());
        assertTrue(restored.out().contains("signing key: restored from the backup"), restored.out());
    }

    /**
     * The values recover.yml installed the release with: the lab's mp-values.yaml with its {@code set} of the
     * lab registry ({@code image.registry}, {@code spec.hub}), which {@code helm get values} returns too.
     */
    @SuppressWarnings("unchecked")
    private static Object installedValues(Path labBackup) {
        Map<String, Object> values = (Map<String, Object>) load(labBackup);
        ((Map<String, Object>) values.get("image")).put("registry", REGISTRY);
        ((Map<String, Object>) values.get("spec")).put("hub", REGISTRY);
        return values;
    }

    private static Object load(Path file) {
        return YamlLoader.loadAll(file).get(0).toPlain();
    }

    private static List<Map<?, ?>> items(Path file) {
        List<Map<?, ?>> out = new ArrayList<>();
        Object list = load(file);
        if (list instanceof Map<?, ?> m && m.get("items") instanceof List<?> items) {
            items.forEach(i -> out.add((Map<?, ?>) i));
        }
        return out;
    }

    private static List<String> names(Path file) {
        return items(file).stream().map(i -> String.valueOf(((Map<?, ?>) i.get("metadata")).get("name"))).toList();
    }

    /** The decoded passwords, keys and tokens of the Secrets in a backup file (the ones long enough to be telling). */
    private static List<String> secretTexts(Path file) {
        List<String> out = new ArrayList<>();
        for (Map<?, ?> item : items(file)) {
            if (item.get("data") instanceof Map<?, ?> data) {
                data.forEach((k, v) -> {
                    if (!"username".equals(k)) {
                        out.add(new String(Base64.getDecoder().decode(String.valueOf(v))));
                    }
                });
            }
            if (item.get("stringData") instanceof Map<?, ?> data) {
                data.forEach((k, v) -> {
                    if (!"username".equals(k)) {
                        out.add(String.valueOf(v));
                    }
                });
            }
        }
        out.removeIf(s -> s.length() < 8);
        assertFalse(out.isEmpty(), "the credentials hold secret values to look for");
        return out;
    }
}
