package io.runbook.engine.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What the redactor masks: secrets wherever they occur, and word-like secrets only as words of their own. */
class RedactorTest {
    @Test
    void aSecretIsMaskedWhereverItOccurs() {
        Redactor r = new Redactor();
        r.add("tsb-postgres-password");
        r.add("Zm9vYmFyYmF6cXV4");
        assertEquals("url=postgres://tsb:********@db, token ********x",
                r.redact("url=postgres://tsb:tsb-postgres-password@db, token Zm9vYmFyYmF6cXV4x"));
    }

    @Test
    void aWordLikeSecretIsMaskedAsAWordButNotInsideLongerWords() {
        Redactor r = new Redactor();
        r.add("admin1");
        assertEquals("user=******** (********-token) admin123 sysadmin1", r.redact("user=admin1 (admin1-token) admin123 sysadmin1"));
        assertEquals("\"********\"", r.redact("\"admin1\""));
    }

    @Test
    void theLongestSecretIsMaskedWholeAndJsonEscapedFormsToo() {
        Redactor r = new Redactor();
        r.add("abc");
        r.add("abc\"def-long");
        assertEquals("******** and ********", r.redact("abc\"def-long and abc"));
        assertEquals("{\"v\": \"********\"}", r.redact("{\"v\": \"abc\\\"def-long\"}"));
    }

    @Test
    void shortTextIsNeverRegistered() {
        Redactor r = new Redactor();
        r.add("ab");
        r.add(null);
        assertEquals("ab cd", r.redact("ab cd"));
    }
}
