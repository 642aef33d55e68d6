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

    /** A thousand clusters' tokens: the redactor finds the few a line holds without searching it for each. */
    private static Redactor withManySecrets() {
        Redactor r = new Redactor();
        for (int i = 0; i < 2000; i++) {
            r.add(String.format("token-c%04d-otel", i));
        }
        return r;
    }

    @Test
    void amongThousandsOfSecretsEachIsStillMaskedWhereverItOccurs() {
        Redactor r = withManySecrets();
        r.add("tsb-postgres-password");
        assertEquals("url=postgres://tsb:********@db, a ******** b ********x and token-c2000-otel",
                r.redact("url=postgres://tsb:tsb-postgres-password@db, a token-c0042-otel b token-c1999-otelx and token-c2000-otel"));
        assertEquals("nothing secret here", r.redact("nothing secret here"));
        assertEquals("********", r.redact("token-c0000-otel"), "a secret that is the whole text");
        assertEquals(2001, r.known().size());
        assertEquals(java.util.List.of("tsb-postgres-password"), r.knownSince(2000));
        assertEquals(java.util.List.of(), r.knownSince(2001));
    }

    @Test
    void amongThousandsOfSecretsWordsLongestFirstAndEscapedFormsAreMaskedAsWithFew() {
        Redactor r = withManySecrets();
        r.add("admin1");
        r.add("abc");
        r.add("abc\"def-long");
        assertEquals("user=******** (********-token) admin123 sysadmin1", r.redact("user=admin1 (admin1-token) admin123 sysadmin1"));
        assertEquals("******** and ********", r.redact("abc\"def-long and abc"));
        assertEquals("{\"v\": \"********\"}", r.redact("{\"v\": \"abc\\\"def-long\"}"));
        assertEquals("ab", r.redact("ab"), "text shorter than any secret");
    }

    @Test
    void aSecretThatAMaskCompletesIsMaskedToo() {
        for (Redactor r : new Redactor[] {new Redactor(), withManySecrets()}) {
            r.add("long-secret-value");
            r.add("x**********y");
            // masking the first secret makes the text read x**********y: the second secret, masked in turn
            assertEquals("********", r.redact("x*long-secret-value*y"));
        }
    }
}
