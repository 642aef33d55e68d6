package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hash_behaviour = merge} in a project's ansible.cfg, as legacy Ansible projects set it: a mapping defined
 * again merges with the one below it across inventory sources, group_vars, role defaults and vars, play vars,
 * vars_files, include_vars, set_fact and {@code -e}. The playbook's assertions were checked with ansible-playbook 2.14
 * (ok=10). The project is copied out of the repository so that the repository's runbook.yml is not found above it.
 */
class HashBehaviourTest {
    private static final Path PROJECT = Path.of("test/resources/engine/vars/hash-merge");
    private static final String[] EXTRA = {"-e", "{\"app\": {\"extra\": {\"a\": 1}}}", "-e", "{\"app\": {\"extra\": {\"b\": 2}}}"};

    @TempDir
    Path dir;

    private Path project() throws IOException {
        return EngineRun.copyTree(PROJECT, dir);
    }

    private static String run(Path cwd, String... args) throws Exception {
        try (EngineProcess engine = EngineProcess.start(cwd, args)) {
            int code = engine.exitCode(Duration.ofMinutes(3));
            return code + "\n" + engine.output();
        }
    }

    @Test
    void mappingsMergeAcrossEveryLayerWithHashBehaviourMerge() throws Exception {
        Path cwd = project();
        String[] args = Stream.concat(Stream.of("playbook.yml"), Stream.of(EXTRA)).toArray(String[]::new);
        String out = run(cwd, args);
        assertTrue(out.startsWith("0\n"), out);
        assertTrue(out.contains("web1                       : ok=10   changed=0    unreachable=0    failed=0"), out);
    }

    @Test
    void varsGivenAsAListOfMappingsMergeAtEachLevel() throws Exception {
        String out = run(project(), "vars-list.yml");
        assertTrue(out.startsWith("0\n"), out);
        assertTrue(out.contains("web1                       : ok=3    changed=0    unreachable=0    failed=0"), out);
    }

    @Test
    void theInventoryListShowsTheMergedValues() throws Exception {
        String out = run(project(), "inventory", "--host", "web1");
        assertTrue(out.startsWith("0\n"), out);
        assertTrue(out.replaceAll("\\s+", "").contains("\"limits\":{\"cpu\":1,\"memory\":\"2Gi\"}"), out);
        assertTrue(out.replaceAll("\\s+", "").contains("\"service\":{\"port\":80,\"tls\":true}"), out);
    }

    @Test
    void anUnknownValueIsRefusedBeforeAnythingRuns() throws Exception {
        Path cwd = project();
        Files.writeString(cwd.resolve("ansible.cfg"), "[defaults]\ninventory = inventory\nhash_behaviour = Merge\n");
        String out = run(cwd, "playbook.yml");
        assertTrue(out.startsWith("3\n"), out);
        assertTrue(out.contains("hash_behaviour in " + cwd.resolve("ansible.cfg") + ": Invalid value \"Merge\" for "
                + "configuration option \"setting: DEFAULT_HASH_BEHAVIOUR \", valid values are: replace, merge"), out);
        assertTrue(out.contains("did you mean 'merge'?"), out);
        assertFalse(out.contains("PLAY ["), out);
    }

    @Test
    void replaceIsTheDefault() throws Exception {
        Path cwd = project();
        Files.writeString(cwd.resolve("ansible.cfg"), "[defaults]\ninventory = inventory\n");
        String out = run(cwd, "inventory", "--host", "web1");
        assertEquals(0, Integer.parseInt(out.substring(0, out.indexOf('\n'))), out);
        assertTrue(out.replaceAll("\\s+", "").contains("\"limits\":{\"memory\":\"2Gi\"}"), out);
    }
}
