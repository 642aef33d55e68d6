package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input made to break a YAML reader (nesting, aliases, sizes, encodings) is refused the way any mistake is: one
 * {@code ERROR: file:line:col: cause} line, exit 3, nothing run, no stack trace. Merge keys work as in Ansible.
 */
class HostileInputTest {
    /** Runs a playbook of input/ and checks it was refused before anything ran with one line at {@code place}. */
    static RunResult refused(String playbook, String place, String cause) {
        return refusedRun(EngineRun.playbook("input/" + playbook), EngineRun.FIXTURES.resolve("input/" + playbook) + ":" + place, cause);
    }

    static RunResult refusedRun(RunResult r, String place, String cause) {
        assertEquals(3, r.exitCode(), r.toString());
        assertFalse(r.out().contains("PLAY ["), "nothing may run: " + r);
        assertTrue(r.events().isEmpty(), "nothing may run: " + r);
        assertEquals(1, r.err().lines().count(), "one line: " + r);
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), "no stack trace: " + r);
        assertEquals("ERROR: " + place + ": " + cause, r.err().strip(), r.toString());
        return r;
    }

    @Test
    void aListNested20000DeepIsRefusedWhereItPassesTheLimit() {
        refused("deep_flow_list.yml", "4:205", "values are nested more than 200 levels deep here"
                + " (flatten the data; no playbook, inventory or manifest needs this depth)");
    }

    @Test
    void aMappingNested1500DeepIsRefusedWhereItPassesTheLimit() {
        refused("deep_mapping.yml", "4:" + (8 + 4 * 197), "values are nested more than 200 levels deep here"
                + " (flatten the data; no playbook, inventory or manifest needs this depth)");
    }

    @Test
    void aBillionLaughsFileIsRefusedAtTheAliasThatExplodes() {
        RunResult r = EngineRun.playbook("input/billion_laughs.yml");
        assertEquals(3, r.exitCode(), r.toString());
        assertTrue(r.err().matches("(?s)ERROR: " + java.util.regex.Pattern.quote(EngineRun.FIXTURES.resolve("input/billion_laughs.yml").toString())
                + ":10:\\d+: alias \\*a5 expands the document past 1000000 values \\(aliases that repeat aliases grow"
                + " exponentially, as in a billion-laughs file\\)\\R"), r.toString());
        assertFalse(r.out().contains("PLAY ["), r.toString());
    }

    @Test
    void an8MegabyteStringIsRefusedAtTheValue(@TempDir Path dir) throws IOException {
        Path playbook = dir.resolve("big.yml");
        Files.writeString(playbook, "- hosts: web1\n  vars:\n    small: 1\n    big: \"" + "a".repeat(8 * 1024 * 1024)
                + "\"\n  tasks:\n    - debug: msg=never\n");
        RunResult r = EngineRun.cli(playbook.toString(), "-i", EngineRun.fixture("inventory/hosts.yml"));
        refusedRun(r, playbook + ":4:10", "the document is longer than the limit of 3145728 characters; it passes it in the value"
                + " on this line (split it into several documents or files, or keep large data out of YAML)");
    }

    @Test
    void latin1BytesInAUtf8FileArePlaced() {
        refused("bad_utf8.yml", "4:22", "invalid UTF-8 here (byte 0xE9 at offset 89)"
                + " (save the file as UTF-8; it may be Latin-1 or Windows-1252 text)");
    }

    @Test
    void aNulByteIsPlaced() {
        refused("nul_byte.yml", "4:20", "a NUL byte is not allowed in YAML text"
                + " (a UTF-16 file needs a byte-order mark; better, save it as UTF-8)");
    }

    @Test
    void utf16WithoutAByteOrderMarkSaysSo() {
        refused("utf16_no_bom.yml", "1:2", "a NUL byte is not allowed in YAML text"
                + " (a UTF-16 file needs a byte-order mark; better, save it as UTF-8)");
    }

    @Test
    void aLoneSurrogateInUtf16IsPlaced() {
        refused("bad_utf16.yml", "4:19", "invalid UTF-16LE here (bytes 0x00 0xD8 0x78 0x00 at offset 146) (save the file as UTF-8)");
    }

    @Test
    void utf16WithAByteOrderMarkIsReadAsYamlAllows() {
        RunResult r = EngineRun.playbook("input/utf16_bom.yml");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("caf\u00e9 \u2713", r.msg("from utf-16", "web1"));
    }

    @Test
    void mergeKeysWorkInPlaybooksVarsFilesAndInventoriesAsInAnsible() {
        RunResult r = EngineRun.cli(EngineRun.fixture("input/merge_keys.yml"), "-i", EngineRun.fixture("input/merge_inventory.yml"));
        assertEquals(0, r.exitCode(), r.toString());
        // the same as /usr/bin/ansible-playbook -i merge_inventory.yml merge_keys.yml prints
        assertEquals("tsb 3", r.msg("merged play vars", "cp-2"));
        assertEquals("127.0.0.1 53 example.test", r.msg("merged vars file", "cp-1"));
        assertEquals("shared eu", r.msg("merged host vars", "cp-1"));
        assertEquals("shared us", r.msg("merged host vars", "cp-2"));
    }

    @Test
    void aHostRangeOfTwoMillionNamesIsRefusedAtItsPlace() {
        String inventory = EngineRun.fixture("input/huge_range_inventory.yml");
        String cause = "bad host range in 'h-[1:2000000]': it names 2000000 hosts; one name may expand to at most 10000";
        // after Ansible's warnings naming each plugin that took the file and failed (auto, yaml, ini), as ansible-playbook's
        RunResult run = EngineRun.cli(EngineRun.fixture("input/merge_keys.yml"), "-i", inventory);
        assertTrue(run.err().startsWith("[WARNING]:  * Failed to parse"), run.toString());
        refusedRun(new RunResult(run.exitCode(), run.out(), lastLine(run.err()), run.events()), inventory + ":6:9", cause);
        RunResult list = EngineRun.cli("inventory", "--list", "-i", inventory);
        assertEquals(3, list.exitCode(), list.toString());
        assertEquals("ERROR: " + inventory + ":6:9: " + cause, lastLine(list.err()));
    }

    private static String lastLine(String text) {
        List<String> lines = text.strip().lines().toList();
        return lines.get(lines.size() - 1);
    }
}
