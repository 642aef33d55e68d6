package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Modules' one-line forms split as Ansible's parse_kv; the expected lines are ansible-playbook 2.14's. */
class OneLineArgsTest {
    @Test
    void keyValueWordsSplitAtTheirFirstEqualsSignAsAnsible() {
        RunResult r = EngineRun.playbook("oneline/kv_words.yml");
        assertEquals(0, r.exitCode(), r.toString());
        for (String shown : new String[] {
                "ok: [localhost] => {\n    \"msg\": false\n}",
                "ok: [localhost] => {\n    \"c\": true\n}",
                "ok: [localhost] => {\n    \"k\": \"v\"\n}",
                "ok: [localhost] => {\n    \"r.stdout\": \"a=b\"\n}",
                "ok: [localhost] => {\n    \"msg\": \"a\\tb\"\n}",
                "ok: [localhost] => {\n    \"msg\": \"a\\\\=b\"\n}"}) {
            assertTrue(r.out().contains(shown), "expected\n" + shown + "\nin\n" + r);
        }
        r.assertRecap("localhost", 8, 1, 0, 0, 0, 0, 0);
    }

    @Test
    void aSequenceTermIsSplitAsAnsibleSoAQuotedValueCounts() {
        RunResult r = EngineRun.playbook("oneline/kv_sequence.yml");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("\"msg\": [\n        \"1\",\n        \"2\",\n        \"3\"\n    ]"), r.toString());
    }
}
