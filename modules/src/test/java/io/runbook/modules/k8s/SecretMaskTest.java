package io.runbook.modules.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretMaskTest {
    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, Object> secret(String token) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("apiVersion", "v1");
        s.put("kind", "Secret");
        s.put("metadata", new LinkedHashMap<>(Map.of("name", "oap-token", "namespace", "istio-system",
                "annotations", new LinkedHashMap<>(Map.of(SecretMask.LAST_APPLIED, "{\"data\":{\"token\":\"" + b64(token) + "\"}}")))));
        s.put("data", new LinkedHashMap<>(Map.of("token", b64(token))));
        s.put("stringData", new LinkedHashMap<>(Map.of("jwt", token)));
        return s;
    }

    @Test
    void maskKeepsKeysAndHidesEveryValue() {
        Map<String, Object> masked = SecretMask.mask(secret("s3cr3t-value"));
        String text = masked.toString();
        assertFalse(text.contains("s3cr3t-value"), text);
        assertFalse(text.contains(b64("s3cr3t-value")), text);
        assertTrue(((Map<?, ?>) masked.get("data")).containsKey("token"));
        assertTrue(String.valueOf(((Map<?, ?>) masked.get("data")).get("token")).startsWith("<masked sha256:"));
    }

    @Test
    void dataAndStringDataOfTheSameValueShowTheSameHashAndAChangedValueAnother() {
        Map<String, Object> a = SecretMask.mask(secret("one-value"));
        Map<String, Object> b = SecretMask.mask(secret("other-value"));
        assertEquals(((Map<?, ?>) a.get("data")).get("token"), ((Map<?, ?>) a.get("stringData")).get("jwt"));
        assertNotEquals(((Map<?, ?>) a.get("data")).get("token"), ((Map<?, ?>) b.get("data")).get("token"));
    }

    @Test
    void registersDecodedAndBase64FormsOfEveryValue() {
        var values = SecretMask.secretValues(secret("s3cr3t-value"));
        assertTrue(values.contains("s3cr3t-value"));
        assertTrue(values.contains(b64("s3cr3t-value")));
    }

    @Test
    void otherKindsAreLeftAlone() {
        Map<String, Object> cm = new LinkedHashMap<>(Map.of("kind", "ConfigMap", "data", Map.of("k", "visible")));
        assertEquals(cm, SecretMask.mask(cm));
        assertTrue(SecretMask.secretValues(cm).isEmpty());
    }

    @Test
    void theOriginalObjectIsNotModified() {
        Map<String, Object> s = secret("s3cr3t-value");
        SecretMask.mask(s);
        assertEquals(b64("s3cr3t-value"), ((Map<?, ?>) s.get("data")).get("token"));
    }
}
