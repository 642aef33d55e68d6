package io.runbook.modules.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.DirectRun;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.Result;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Values shown in diffs: secret-looking keys masked, and registered with the redactor. */
class ValuesMaskTest {
    private static final Map<String, Object> MP_VALUES = Map.of(
            "image", Map.of("registry", "registry.example.com"),
            "secrets", Map.of("postgres", Map.of("username", "tsb", "password", "tsb-postgres-password"),
                    "elastic", Map.of("username", "elastic", "password", "elastic-password-value")),
            "spec", Map.of("organization", "tetrate", "components", Map.of("xcp", Map.of("centralAuthModes", Map.of("jwt", true)))),
            "tokens", List.of("first-token-value"));

    @Test
    void valuesUnderSecretLookingKeysAreMaskedOthersShown() {
        Map<String, Object> masked = ValuesMask.masked(MP_VALUES);
        assertEquals(Map.of("registry", "registry.example.com"), masked.get("image"));
        assertEquals(Map.of("postgres", Map.of("username", "tsb", "password", ValuesMask.MASK),
                        "elastic", Map.of("username", "elastic", "password", ValuesMask.MASK)), masked.get("secrets"),
                "the user name beside a password is an ordinary word");
        assertEquals(List.of(ValuesMask.MASK), masked.get("tokens"));
        String yaml = ValuesMask.yaml(MP_VALUES);
        assertTrue(yaml.contains("organization: tetrate") && yaml.contains("jwt: true"), yaml);
        assertFalse(yaml.contains("tsb-postgres-password") || yaml.contains("first-token-value"), yaml);
    }

    @Test
    void maskedValuesAreRegisteredWithTheRedactor() throws Exception {
        try (DirectRun run = DirectRun.of(new Probe())) {
            run.run(Map.of());
            assertTrue(run.secrets().containsAll(List.of("tsb-postgres-password", "first-token-value")), run.secrets().toString());
            assertFalse(run.secrets().contains("tetrate"));
            assertFalse(run.secrets().contains("elastic"), "a user name is not a secret: " + run.secrets());
            assertTrue(run.secrets().contains("elastic-password-value"));
            assertFalse(run.secrets().contains("tsb"), "too short to redact everywhere");
        }
    }

    /** A module that only registers the values, to see what reaches the redactor. */
    private static final class Probe implements Module {
        @Override
        public String name() {
            return "probe";
        }

        @Override
        public ArgSpec spec() {
            return ArgSpec.builder().build();
        }

        @Override
        public Result run(ModuleContext ctx) {
            ValuesMask.register(ctx, MP_VALUES);
            return Result.ok();
        }
    }
}
