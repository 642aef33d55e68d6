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

    @Test
    void userNamesHostsAndCertificatesAreOrdinaryWordsPasswordsKeysAndTokensAreSecrets() {
        String cert = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ2VydGlmaWNhdGVPbmx5\n-----END CERTIFICATE-----\n";
        String key = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIPrivateKeyMaterialThatIsLong\n-----END EC PRIVATE KEY-----\n";
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("kind", "Secret");
        s.put("metadata", Map.of("name", "admin-credentials"));
        s.put("data", new LinkedHashMap<>(Map.of("username", b64("admin"), "password", b64("admin-lab-password"),
                "tls.crt", b64(cert), "tls.key", b64(key), "host", b64("postgres.tsb.svc"))));
        s.put("stringData", new LinkedHashMap<>(Map.of("ELASTIC_USER", "elastic", "api-token", "a-long-api-token")));
        var values = SecretMask.secretValues(s);
        assertFalse(values.contains("admin") || values.contains(b64("admin")), values.toString());
        assertFalse(values.contains("elastic"), values.toString());
        assertFalse(values.contains("postgres.tsb.svc"), values.toString());
        assertFalse(values.contains("MIIBszCCAVmgAwIBAgIUQ2VydGlmaWNhdGVPbmx5") || values.contains(b64(cert)), "a certificate is public: " + values);
        assertTrue(values.containsAll(java.util.List.of("admin-lab-password", b64("admin-lab-password"), "a-long-api-token")), values.toString());
        assertTrue(values.contains("MHcCAQEEIPrivateKeyMaterialThatIsLong"), "the private key's lines: " + values);

        Map<?, ?> data = (Map<?, ?>) SecretMask.mask(s).get("data");
        assertEquals(b64("admin"), data.get("username"), "an ordinary word is shown as it is");
        assertTrue(String.valueOf(data.get("password")).startsWith("<masked sha256:"));
        assertTrue(String.valueOf(data.get("tls.key")).startsWith("<masked sha256:"));
        assertEquals(b64(cert), data.get("tls.crt"));
    }

    @Test
    void aFieldWhoseNameSaysNothingIsASecret() {
        assertTrue(SecretFields.isSecret("config.json", "{\"auths\": {}}"));
        assertTrue(SecretFields.isSecret("ca.key", "text"));
        assertTrue(SecretFields.isSecret("db-user-password", "x"), "a secret word wins over an ordinary one");
        assertFalse(SecretFields.isSecret("POSTGRES_USER", "tsb"));
        assertFalse(SecretFields.isSecret("port", "5432"));
    }
}
