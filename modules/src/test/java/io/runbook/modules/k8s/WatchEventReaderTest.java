package io.runbook.modules.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.WatchEvent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class WatchEventReaderTest {
    private static final InMemoryJsonSerialization FABRIC8 = new InMemoryJsonSerialization();

    /** What SecretWatch reads of an event, from fabric8's full reading and from the reader's. */
    private static List<Object> seen(WatchEvent e) {
        Object o = e.getObject();
        ObjectMeta m = o instanceof HasMetadata h ? h.getMetadata() : null;
        Status s = o instanceof Status st ? st : null;
        return Arrays.asList(e.getType(), o == null ? null : o instanceof Secret ? "Secret" : o instanceof Status ? "Status" : "other",
                o instanceof HasMetadata h ? h.getApiVersion() : null, o instanceof HasMetadata h ? h.getKind() : null,
                m == null ? null : m.getName(), m == null ? null : m.getNamespace(), m == null ? null : m.getUid(),
                m == null ? null : m.getResourceVersion(), m == null ? null : m.getDeletionTimestamp(),
                s == null ? null : s.getCode(), s == null ? null : s.getReason(), s == null ? null : s.getMessage(),
                s == null || s.getDetails() == null ? null : s.getDetails().getRetryAfterSeconds());
    }

    private static WatchEvent ours(String line) throws IOException {
        // within a larger buffer, as the stream hands its pending bytes over
        byte[] bytes = ("xx" + line + "\nyy").getBytes(StandardCharsets.UTF_8);
        return WatchEventReader.read(bytes, 2, line.getBytes(StandardCharsets.UTF_8).length);
    }

    private static WatchEvent fabric8s(String line) {
        return FABRIC8.unmarshal(new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8)), WatchEvent.class);
    }

    @Test
    void readsWhatTheWatchNeedsAsFabric8ReadsItWithoutASecretsValues() throws IOException {
        List<String> lines = List.of(
                "{\"type\":\"ADDED\",\"object\":{\"kind\":\"Secret\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"otel-token\",\"namespace\":\"istio-system\","
                        + "\"uid\":\"6f1c1d7e-2d0b\",\"resourceVersion\":\"1042\",\"creationTimestamp\":\"2026-12-04T18:00:00Z\",\"labels\":{\"a\":\"b\"},"
                        + "\"managedFields\":[{\"manager\":\"runbook\",\"operation\":\"Apply\",\"apiVersion\":\"v1\",\"time\":\"2026-12-04T18:00:00Z\","
                        + "\"fieldsType\":\"FieldsV1\",\"fieldsV1\":{\"f:stringData\":{\".\":{},\"f:token\":{}},\"f:type\":{}}}]},"
                        + "\"data\":{\"token\":\"c2VjcmV0\"},\"type\":\"Opaque\"}}",
                // fields in another order, white space, a deletion time, unknown fields
                "{ \"object\" : {\"metadata\":{\"deletionTimestamp\":\"2026-12-04T18:00:01Z\",\"uid\":\"u2\",\"name\":\"oap-token\",\"extra\":[1,{\"x\":null}]},"
                        + "\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"immutable\":true} , \"type\" : \"DELETED\", \"later\": {\"k\": [true]} }",
                "{\"type\":\"BOOKMARK\",\"object\":{\"kind\":\"Secret\",\"apiVersion\":\"v1\",\"metadata\":{\"resourceVersion\":\"2000\","
                        + "\"annotations\":{\"k8s.io/initial-events-end\":\"true\"}}}}",
                "{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                        + "\"message\":\"too old resource version: 1 (2)\",\"reason\":\"Expired\",\"code\":410}}",
                "{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"TooManyRequests\","
                        + "\"code\":429,\"details\":{\"causes\":[{\"reason\":\"x\"}],\"retryAfterSeconds\":3}}}",
                "{\"type\":\"MODIFIED\",\"object\":{\"kind\":\"ConfigMap\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"c\",\"resourceVersion\":\"7\"},\"data\":{}}}",
                "{\"type\":\"ADDED\",\"object\":{\"kind\":\"Secret\",\"apiVersion\":\"v1\",\"metadata\":null}}",
                "{\"type\":\"ADDED\",\"object\":null}",
                "{\"object\":{\"kind\":\"Secret\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"n\"}}}",
                "{\"type\":\"ADDED\",\"object\":{\"kind\":\"Secret\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"n\",\"resourceVersion\":12}}}");
        for (String line : lines) {
            WatchEvent ours = ours(line);
            assertEquals(seen(fabric8s(line)), seen(ours), line);
            if (ours.getObject() instanceof Secret s) {
                assertTrue(s.getData() == null || s.getData().isEmpty(), "a Secret's values are not read");
            }
        }
    }

    /** Lines no API server sends: the watch ends for good on each either way (unreadable, or no Secret in it). */
    @Test
    void aLineThatIsNoWatchEventFailsToRead() {
        for (String line : List.of("not json", "[1,2]", "\"text\"", "{\"type\":\"ADDED\",\"object\":\"text\"}",
                "{\"type\":{\"a\":1}}", "{\"type\":\"ADDED\",\"object\":{\"metadata\":[1]}}", "{\"type\":\"ADDED\",\"obj")) {
            assertThrows(IOException.class, () -> ours(line), line);
            WatchEvent read;
            try {
                read = fabric8s(line);
            } catch (RuntimeException e) {
                continue;
            }
            assertTrue(read == null || read.getType() == null || !(read.getObject() instanceof Secret), line);
        }
    }

    @Test
    void aStatusCodeAsTextIsReadAsFabric8ReadsIt() throws IOException {
        String line = "{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"code\":\"410\"}}";
        assertEquals(seen(fabric8s(line)), seen(ours(line)));
        assertTrue(ours(line).getObject() instanceof Status s && s.getCode() == 410);
    }
}
