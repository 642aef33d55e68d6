package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * assert's {@code that} items that YAML reads as a mapping, list or number hold unless empty or zero, and a condition
 * written with {@code {{ }}} is warned about, as ansible-playbook 2.14 does (the fixture's output is ansible-playbook's,
 * but for the journal line); a failure names the condition as written, never the secret it uses.
 */
class AssertItemsTest {
    @Test
    void aMappingItemHoldsUnlessEmptyAsInAnsible() {
        RunResult r = EngineRun.cli(EngineRun.fixture("conditions/assert_items.yml"), "-i", "localhost,", "-c", "local",
                "--vault-password-file", EngineRun.fixture("vault/vault-pass.txt"));
        assertEquals(0, r.exitCode(), r.toString());
        for (String holds : List.of("a comparison with an unquoted colon is a mapping, which holds", "a mapping holding a template",
                "a whole mapping", "a number and a list", "a comparison written with a template", "a mapping naming a secret holds")) {
            assertEquals("ok", r.status(holds, "localhost"), holds + ": " + r);
        }
        assertFailed(r, "an empty mapping fails", Map.of(), "Assertion failed");
        assertFailed(r, "zero fails", 0, "zero is false");
        assertFailed(r, "an empty list fails", List.of(), "Assertion failed");
        assertFailed(r, "false fails", false, "Assertion failed");
        Map<String, Object> rendered = r.registered("a template that gives an empty mapping fails", "localhost");
        assertEquals("{{ {} }}", rendered.get("assertion"), "as written");
        assertEquals(Map.of(), rendered.get("evaluated_to"));
        assertEquals("\"{{ iam_password }}\" == \"wrong\"", r.registered("a secret compared in a template fails", "localhost")
                .get("assertion"), "as written, so the secret is not in it");
        String warning = "[WARNING]: conditional statements should not include jinja2 templating delimiters such as {{ }} or {% %}. Found: ";
        assertEquals(List.of(warning + "{'reply': '{{ greeting }}'}", warning + "\"{{ greeting }}\" == \"hello\"",
                warning + "{{ {} }}", warning + "{'password': '{{ iam_password }}'}", warning + "\"{{ iam_password }}\" == \"wrong\""),
                Warnings.list(r.err()), r.toString());
        assertFalse((r.out() + r.err() + r.events()).contains("iam-Pa55-word"), "the secret shown:\n" + r);
        r.assertRecap("localhost", 12, 0, 0, 0, 0, 0, 6);  // as ansible-playbook counts it
    }

    private static void assertFailed(RunResult r, String task, Object assertion, String msg) {
        assertEquals("failed", r.status(task, "localhost"), task + ": " + r);
        Map<String, Object> result = r.registered(task, "localhost");
        assertEquals(assertion, result.get("assertion"), task);
        assertEquals(assertion, result.get("evaluated_to"), task);
        assertEquals(msg, result.get("msg"), task);
    }
}
