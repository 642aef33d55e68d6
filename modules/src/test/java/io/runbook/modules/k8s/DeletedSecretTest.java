package io.runbook.modules.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fabric8.kubernetes.api.model.Secret;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeletedSecretTest {
    private static final InMemoryJsonSerialization FABRIC8 = new InMemoryJsonSerialization();

    /** What secret_delete took from fabric8's reading of a delete's answer: the uid, and the values SecretMask learns. */
    private static List<Object> fabric8s(String body) {
        Secret s = FABRIC8.unmarshal(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), Secret.class);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("kind", "Secret");
        if (s.getData() != null) {
            fields.put("data", s.getData());
        }
        if (s.getStringData() != null) {
            fields.put("stringData", s.getStringData());
        }
        return List.of(String.valueOf(s.getMetadata() == null ? null : s.getMetadata().getUid()), SecretMask.secretValues(fields));
    }

    private static List<Object> ours(String body) throws IOException {
        SecretDelete.DeletedSecret d = SecretDelete.DeletedSecret.read(body.getBytes(StandardCharsets.UTF_8));
        return List.of(String.valueOf(d.uid()), SecretMask.secretValues(d.fields()));
    }

    @Test
    void readsTheUidAndTheValuesToMaskAsFabric8sModelDoes() throws IOException {
        for (String body : List.of(
                "{\"kind\":\"Secret\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"otel-token\",\"namespace\":\"istio-system\",\"uid\":\"u-1\","
                        + "\"resourceVersion\":\"9\",\"managedFields\":[{\"manager\":\"m\",\"fieldsV1\":{\"f:data\":{}}}]},"
                        + "\"data\":{\"token\":\"Ym9vdHN0cmFwLXRva2VuLXZhbHVl\",\"ca.crt\":\"LS0tLS1CRUdJTg==\"},\"type\":\"Opaque\"}",
                "{\"data\":{\"password\":\"cGFzc3dvcmQtdGhhdC1pcy1sb25n\",\"n\":12,\"b\":true,\"z\":null},\"stringData\":{\"password\":\"plain-secret-text\"},"
                        + "\"metadata\":{\"uid\":\"u-2\"},\"kind\":\"Secret\"}",
                // a Status instead of the object, as some servers answer a delete
                "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Success\",\"details\":{\"name\":\"x\",\"kind\":\"secrets\",\"uid\":\"u-3\"}}",
                "{\"kind\":\"Secret\",\"metadata\":null,\"data\":null}",
                "{}")) {
            assertEquals(fabric8s(body), ours(body), body);
        }
    }

    @Test
    void anAnswerFabric8sModelCannotReadFailsToRead() {
        for (String body : List.of("[]", "not json", "{\"data\":{\"k\":{\"nested\":1}}}", "{\"metadata\":{\"uid\":[1]}}", "{\"data\":")) {
            assertThrows(IOException.class, () -> ours(body), body);
            assertThrows(RuntimeException.class, () -> fabric8s(body), body);
        }
    }
}
