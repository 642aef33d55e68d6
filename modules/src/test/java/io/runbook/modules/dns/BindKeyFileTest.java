package io.runbook.modules.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class BindKeyFileTest {

    @Test
    void aSecretHoldingTwoSlashesIsNotTakenForAComment() throws Exception {
        List<BindKeyFile.Clause> keys = BindKeyFile.parse("""
                // the lab's update key
                key "tsb-update-key" { # TSIG
                \talgorithm hmac-sha256; /* sha-256 */
                \tsecret "ab//cd+ef/==";
                };
                """);
        assertEquals(1, keys.size());
        assertEquals("ab//cd+ef/==", keys.get(0).secret());
        assertEquals("hmac-sha256", keys.get(0).algorithm());
    }
}
