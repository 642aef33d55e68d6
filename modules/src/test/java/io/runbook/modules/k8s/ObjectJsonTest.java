package io.runbook.modules.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.runbook.engine.vars.SecretText;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ObjectJson reads a GET's or an apply's answer, and writes an apply's body, as fabric8's model and convertValue did
 * (the old path is computed here with fabric8's own serialization, the run's mapper), with the differences its
 * Javadoc names and nothing else.
 */
class ObjectJsonTest {
    private static final InMemoryJsonSerialization FABRIC8 = new InMemoryJsonSerialization();
    private static final ObjectMapper PLAIN = new ObjectMapper();
    private static final ResourceDefinitionContext CONTROL_PLANE = new ResourceDefinitionContext.Builder()
            .withGroup("install.tetrate.io").withVersion("v1alpha1").withKind("ControlPlane").withPlural("controlplanes")
            .withNamespaced(true).build();

    /** Answers as a real API server writes them (kind first; metadata name, namespace, uid, ... ; omitempty). */
    private static final List<String> ANSWERS = List.of(
            // a Secret with data, an annotation, labels and managed fields
            """
            {"kind":"Secret","apiVersion":"v1","metadata":{"name":"otel-token","namespace":"istio-system",\
            "uid":"5c1f3a0e-1b7e-4c1b-9d6e-0a1b2c3d4e5f","resourceVersion":"123456","creationTimestamp":"2026-12-04T21:00:00Z",\
            "labels":{"app":"otel","tier":"1"},"annotations":{"note":"yes"},"managedFields":[{"manager":"runbook","operation":"Apply",\
            "apiVersion":"v1","time":"2026-12-04T21:00:00Z","fieldsType":"FieldsV1","fieldsV1":{"f:data":{"f:token":{}},\
            "f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:type":{}}}]},"data":{"token":"Ym9vdHN0cmFwLXRva2Vu","ca.crt":""},\
            "type":"Opaque"}""",
            // a Deployment with its status, a generation and an observed one
            """
            {"kind":"Deployment","apiVersion":"apps/v1","metadata":{"name":"web","namespace":"default","uid":"u-2",\
            "resourceVersion":"77","generation":7,"creationTimestamp":"2026-12-04T21:00:00Z","annotations":\
            {"deployment.kubernetes.io/revision":"3"}},"spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},\
            "template":{"metadata":{"creationTimestamp":null,"labels":{"app":"web"}},"spec":{"containers":[{"name":"web",\
            "image":"nginx:1.25","ports":[{"containerPort":80,"protocol":"TCP"}],"resources":{"limits":{"cpu":"500m",\
            "memory":"128Mi"},"requests":{}},"terminationMessagePath":"/dev/termination-log","imagePullPolicy":"IfNotPresent"}],\
            "restartPolicy":"Always","terminationGracePeriodSeconds":30,"dnsPolicy":"ClusterFirst","securityContext":{}}},\
            "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":"25%","maxSurge":"25%"}},\
            "revisionHistoryLimit":10,"progressDeadlineSeconds":600},"status":{"observedGeneration":7,"replicas":2,\
            "updatedReplicas":2,"readyReplicas":2,"availableReplicas":2,"conditions":[{"type":"Available","status":"True",\
            "lastUpdateTime":"2026-12-04T21:00:05Z","lastTransitionTime":"2026-12-04T21:00:05Z","reason":"MinimumReplicasAvailable",\
            "message":"Deployment has minimum availability."}]}}""",
            // a ReplicaSet held by its Deployment, being deleted (owner references, finalizers, grace period)
            """
            {"kind":"ReplicaSet","apiVersion":"apps/v1","metadata":{"name":"web-5d8f","namespace":"default","uid":"u-3",\
            "resourceVersion":"80","generation":1,"creationTimestamp":"2026-12-04T21:00:00Z",\
            "deletionTimestamp":"2026-12-04T21:10:00Z","deletionGracePeriodSeconds":0,"labels":{"pod-template-hash":"5d8f"},\
            "ownerReferences":[{"apiVersion":"apps/v1","kind":"Deployment","name":"web","uid":"u-2","controller":true,\
            "blockOwnerDeletion":true}],"finalizers":["foregroundDeletion"]},"spec":{"replicas":0},"status":{"replicas":0}}""",
            // a custom object with arbitrary nested fields: numbers of each size, empties and nulls, text that looks like YAML
            """
            {"apiVersion":"install.tetrate.io/v1alpha1","kind":"ControlPlane","metadata":{"name":"cp","namespace":"istio-system",\
            "uid":"u-4","resourceVersion":"5","generation":9223372036854775807,"creationTimestamp":"2026-12-04T21:00:00Z"},\
            "spec":{"hub":"registry.example/tetrate","answers":["yes","no","on","off","~","null","1e3","0x1F"],\
            "ints":[0,-1,2147483647,2147483648,-2147483649,9223372036854775807,9223372036854775808,123456789012345678901234567890],\
            "floats":[1.5,-0.0,1.0,1e3,1E-7,0.1234567890123456789,6.02214076e23,1e400],"flags":{"on":true,"off":false},\
            "empty":{},"none":[],"nothing":null,"nested":[[],[{}],[{"a":[null,{"b":{"c":[1,{"d":"e"}]}}]}]],\
            "text":"line\\nbreak \\"quoted\\" \\u00e9\\u4e2d\\ud83d\\ude00 tab\\t"},"status":{}}""",
            // what the lab writes (the model's order), with an empty value
            """
            {"apiVersion":"v1","kind":"ConfigMap","metadata":{"annotations":{"note":"hello"},"creationTimestamp":"2026-12-04T21:00:00Z",\
            "generation":1,"name":"cm","namespace":"default","resourceVersion":"25","uid":"u-5"},"data":{"a":"1","b":"yes","c":""}}""",
            "{\"kind\":\"Namespace\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"ns\"},\"spec\":{\"finalizers\":[\"kubernetes\"]},"
                    + "\"status\":{\"phase\":\"Active\"}}",
            // the lab's answer to a second apply of a Namespace (namespace: null), and nulls and empties in metadata,
            // which the model left out, beside nulls and empties elsewhere, which it kept
            "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"creationTimestamp\":\"2026-12-04T22:21:17Z\",\"generation\":1,"
                    + "\"labels\":{\"kubernetes.io/metadata.name\":\"tsb\"},\"name\":\"tsb\",\"resourceVersion\":\"33\",\"uid\":\"u-6\","
                    + "\"namespace\":null},\"spec\":{\"finalizers\":[\"kubernetes\"]},\"status\":{\"phase\":\"Active\"}}",
            "{\"apiVersion\":null,\"kind\":\"X\",\"metadata\":{\"name\":\"\",\"labels\":{},\"annotations\":{},\"finalizers\":[],"
                    + "\"managedFields\":[],\"ownerReferences\":[],\"uid\":null,\"generation\":null,\"deletionTimestamp\":null,"
                    + "\"unknown\":null,\"other\":{},\"more\":[]},\"spec\":null,\"data\":{\"k\":null},\"items\":[],\"status\":{}}",
            "{\"kind\":\"X\",\"metadata\":null}",
            "{\"kind\":\"X\",\"metadata\":{}}",
            "{}");

    /** The old path: the answer read into fabric8's model, then converted to a map. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> throughTheModel(String answer) {
        GenericKubernetesResource r = FABRIC8.unmarshal(new ByteArrayInputStream(answer.getBytes(StandardCharsets.UTF_8)),
                GenericKubernetesResource.class);
        return r == null ? null : FABRIC8.convertValue(r, Map.class);
    }

    private static Map<String, Object> read(String answer) throws IOException {
        return ObjectJson.read(answer.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The model typed ObjectMeta's generation and deletionGracePeriodSeconds as Long; read from the JSON they are
     * Integer when they fit (their readers take any Number). Nothing else is changed.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadataNumbersAsRead(Map<String, Object> object) {
        if (object.get("metadata") instanceof Map<?, ?> m) {
            Map<String, Object> meta = (Map<String, Object>) m;
            for (String field : List.of("generation", "deletionGracePeriodSeconds")) {
                if (meta.get(field) instanceof Long l && l == l.intValue()) {
                    meta.put(field, l.intValue());
                }
            }
        }
        return object;
    }

    @Test
    void readsAnAnswerIntoTheSameMapAsTheModelAndConvertValue() throws IOException {
        for (String answer : ANSWERS) {
            Map<String, Object> ours = read(answer);
            assertEquals(metadataNumbersAsRead(throughTheModel(answer)), ours, answer);
            assertSameTypes(metadataNumbersAsRead(throughTheModel(answer)), ours, answer);
        }
    }

    /** Map equality compares numbers by class too (1 is not 1L); this also checks the containers' classes. */
    private static void assertSameTypes(Object expected, Object actual, String where) {
        assertEquals(expected == null ? null : expected.getClass(), actual == null ? null : actual.getClass(), where);
        if (expected instanceof Map<?, ?> e) {
            e.forEach((k, v) -> assertSameTypes(v, ((Map<?, ?>) actual).get(k), where + " ." + k));
        } else if (expected instanceof List<?> e) {
            for (int i = 0; i < e.size(); i++) {
                assertSameTypes(e.get(i), ((List<?>) actual).get(i), where + " [" + i + "]");
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void numbersKeepTheirSizeAndMetadataNumbersAreIntegersWhenTheyFit() throws IOException {
        Map<String, Object> cr = read(ANSWERS.get(3));
        Map<String, Object> spec = (Map<String, Object>) cr.get("spec");
        assertEquals(Arrays.asList(0, -1, 2147483647, 2147483648L, -2147483649L, 9223372036854775807L,
                new BigInteger("9223372036854775808"), new BigInteger("123456789012345678901234567890")), spec.get("ints"));
        assertEquals(Arrays.asList(1.5, -0.0, 1.0, 1000.0, 1e-7, 0.1234567890123456789, 6.02214076e23, Double.POSITIVE_INFINITY),
                spec.get("floats"));
        assertEquals(9223372036854775807L, ((Map<String, Object>) cr.get("metadata")).get("generation"));
        assertEquals(7, ((Map<String, Object>) read(ANSWERS.get(1)).get("metadata")).get("generation"));
        assertEquals(7L, ((Map<String, Object>) throughTheModel(ANSWERS.get(1)).get("metadata")).get("generation"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void keepsTheAnswersOrderWhereTheModelSortedMetadata() throws IOException {
        Map<String, Object> secret = read(ANSWERS.get(0));
        assertEquals(List.of("kind", "apiVersion", "metadata", "data", "type"), new ArrayList<>(secret.keySet()));
        assertEquals(List.of("name", "namespace", "uid", "resourceVersion", "creationTimestamp", "labels", "annotations", "managedFields"),
                new ArrayList<>(((Map<String, Object>) secret.get("metadata")).keySet()));
        Map<String, Object> model = throughTheModel(ANSWERS.get(0));
        assertEquals(List.of("apiVersion", "kind", "metadata", "data", "type"), new ArrayList<>(model.keySet()));
        assertEquals(List.of("annotations", "creationTimestamp", "labels", "managedFields", "name", "namespace", "resourceVersion", "uid"),
                new ArrayList<>(((Map<String, Object>) model.get("metadata")).keySet()));
        // the lab writes the model's order: read as it is, it stays the same
        Map<String, Object> lab = read(ANSWERS.get(4));
        assertEquals(List.copyOf(throughTheModel(ANSWERS.get(4)).keySet()), List.copyOf(lab.keySet()));
        assertEquals(List.copyOf(((Map<String, Object>) throughTheModel(ANSWERS.get(4)).get("metadata")).keySet()),
                List.copyOf(((Map<String, Object>) lab.get("metadata")).keySet()));
    }

    @Test
    @SuppressWarnings("unchecked")
    void makesNoCoercionAnApiServersAnswerNeeds() throws IOException {
        // label and annotation values are text, owner references name their kind: the model turned a number into text
        // and made up a kind; an answer is read as it is
        String odd = "{\"kind\":\"X\",\"metadata\":{\"name\":\"n\",\"annotations\":{\"n\":1},\"ownerReferences\":[{\"name\":\"o\"}]}}";
        Map<String, Object> meta = (Map<String, Object>) read(odd).get("metadata");
        assertEquals(Map.of("n", 1), meta.get("annotations"));
        assertEquals(List.of(Map.of("name", "o")), meta.get("ownerReferences"));
        Map<String, Object> modelMeta = (Map<String, Object>) throughTheModel(odd).get("metadata");
        assertEquals(Map.of("n", "1"), modelMeta.get("annotations"));
        assertEquals(List.of(Map.of("apiVersion", "v1", "kind", "OwnerReference", "name", "o")), modelMeta.get("ownerReferences"));
    }

    @Test
    void aNullMetadataFieldInTheLabsAnswerIsNoChange() throws IOException {
        String created = "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"generation\":1,\"name\":\"tsb\","
                + "\"resourceVersion\":\"23\",\"uid\":\"u\"},\"spec\":{\"finalizers\":[\"kubernetes\"]}}";
        String again = created.replace("\"23\",\"uid\":\"u\"", "\"33\",\"uid\":\"u\",\"namespace\":null");
        assertEquals(ChangeDetection.Action.UNCHANGED, ChangeDetection.ofApply(read(created), read(again)));
    }

    @Test
    void anAnswerThatIsNoJsonObjectIsUnreadable() {
        // fabric8 read an empty or null body as no object, and what is not JSON as YAML
        for (String body : List.of("", "null", "[]", "\"text\"", "kind: Secret\nmetadata: {name: x}\n", "{\"kind\":", "{\"a\":1,}",
                "{\"metadata\":\"x\"}", "{\"metadata\":[]}")) {
            assertThrows(IOException.class, () -> read(body), body);
        }
        assertThrows(RuntimeException.class, () -> throughTheModel("{\"metadata\":\"x\"}"));
        assertNull(throughTheModel(""));
        assertNull(throughTheModel("null"));
    }

    // --- the apply's body

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static ResourceDefinitionContext core(String apiVersion, String kind) {
        return CoreKinds.find(apiVersion, kind).orElseGet(() -> new ResourceDefinitionContext.Builder().withGroup(apiVersion.split("/")[0])
                .withVersion(apiVersion.split("/")[1]).withKind(kind).withPlural(kind.toLowerCase() + "s").withNamespaced(true).build());
    }

    /** What the model path sent: the cleaned manifest converted to fabric8's model, then written. */
    private static JsonNode modelBody(Map<String, Object> cleaned) throws IOException {
        return PLAIN.readTree(FABRIC8.asJson(FABRIC8.convertValue(cleaned, GenericKubernetesResource.class)));
    }

    private static JsonNode ourBody(Map<String, Object> cleaned) throws IOException {
        return PLAIN.readTree(ObjectJson.write(cleaned, FABRIC8));
    }

    /** Manifests as users write them: values of every type YAML and templating give, and text that looks like YAML. */
    private static List<Map<String, Object>> manifests() {
        List<Map<String, Object>> out = new ArrayList<>();
        out.add(ObjectApply.cleaned(map("apiVersion", "v1", "kind", "Secret", "type", "Opaque",
                "metadata", map("name", "otel-token", "namespace", "istio-system",
                        "labels", map("app", "otel", "enabled", true, "tier", 1, "ratio", 1.5, "on", "yes", "big", 12345678901L,
                                "huge", new BigInteger("123456789012345678901"), "vault", new SecretText("s3cr3t"), "none", null),
                        "annotations", map("note", "no", "empty", "", "null", null),
                        "resourceVersion", "9", "uid", "u", "managedFields", List.of(map("manager", "x"))),
                "stringData", map("token", new SecretText("bootstrap-token"), "port", 8080, "flag", false, "yes", "yes"),
                "data", map("ca.crt", "LS0tLS1CRUdJTg=="), "status", map("x", 1)), core("v1", "Secret"), "default"));
        out.add(ObjectApply.cleaned(map("apiVersion", "apps/v1", "kind", "Deployment",
                "metadata", map("name", "web", "labels", map(), "annotations", null, "finalizers", List.of(),
                        "ownerReferences", List.of(), "generateName", null),
                "spec", map("replicas", 2, "paused", false, "minReadySeconds", 0L, "progressDeadlineSeconds", 600,
                        "selector", map("matchLabels", map("app", "web")), "strategy", map(), "template", map(
                                "metadata", map("labels", map("app", "web"), "annotations", map()),
                                "spec", map("containers", List.of(map("name", "web", "image", "nginx:1.25", "args", List.of("--on", "yes", 1, true),
                                        "resources", map("limits", map("cpu", 0.5, "memory", "128Mi"), "requests", map()),
                                        "env", List.of(map("name", "N", "value", "1"), map("name", "E", "value", null))))))),
                "status", null), core("apps/v1", "Deployment"), "ns"));
        out.add(ObjectApply.cleaned(map("apiVersion", "install.tetrate.io/v1alpha1", "kind", "ControlPlane",
                "metadata", map("name", 123, "namespace", true, "finalizers", Arrays.asList("a", 1, null),
                        "ownerReferences", List.of(map("apiVersion", "v1", "kind", "ConfigMap", "name", "owner", "uid", "u-1",
                                "controller", "true", "blockOwnerDeletion", true, "extra", 1)),
                        "extraField", map("z", null, "l", List.of())),
                "spec", map("ints", Arrays.asList(0, -1, Integer.MAX_VALUE, 2147483648L, Long.MAX_VALUE, new BigInteger("9223372036854775808")),
                        "floats", Arrays.asList(1.0, -0.0, 1e-7, 6.02214076e23, 1.5f, Double.NaN, Double.POSITIVE_INFINITY),
                        "empty", map(), "none", List.of(), "nothing", null, "bytes", new byte[] {1, 2, 3},
                        "nested", List.of(List.of(), List.of(map()), List.of(map("a", Arrays.asList(null, map("b", "c"))))),
                        "text", "line\nbreak \"quoted\" é中😀 tab\t"),
                "top", null), CONTROL_PLANE, "istio-system"));
        out.add(ObjectApply.cleaned(map("apiVersion", "v1", "kind", "Namespace", "metadata", map("name", "tsb", "namespace", "ignored")),
                core("v1", "Namespace"), "default"));
        return out;
    }

    @Test
    void writesAnApplyBodyWithTheSameJsonContentAsTheModel() throws IOException {
        for (Map<String, Object> cleaned : manifests()) {
            assertEquals(modelBody(cleaned), ourBody(cleaned), cleaned.toString());
        }
    }

    @Test
    void writesTheBodyInTheManifestsOrder() {
        String body = ObjectJson.write(map("apiVersion", "v1", "kind", "ConfigMap", "metadata", map("name", "cm", "namespace", "d",
                "labels", map("b", "1", "a", 2)), "data", map("z", "1", "a", "yes")), FABRIC8);
        assertEquals("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"cm\",\"namespace\":\"d\","
                + "\"labels\":{\"b\":\"1\",\"a\":\"2\"}},\"data\":{\"z\":\"1\",\"a\":\"yes\"}}", body);
    }

    @Test
    void aMetadataValueTheModelCouldNotTakeFailsAsItDid() {
        for (Map<String, Object> metadata : List.of(map("name", "n", "labels", map("a", List.of(1))),
                map("name", "n", "annotations", map("a", map("b", 1))), map("name", map("x", 1)),
                map("name", "n", "ownerReferences", List.of(map("name", "o", "controller", "yes"))))) {
            Map<String, Object> object = map("apiVersion", "v1", "kind", "ConfigMap", "metadata", metadata);
            assertThrows(IllegalArgumentException.class, () -> ObjectJson.write(object, FABRIC8), metadata.toString());
            assertThrows(IllegalArgumentException.class, () -> FABRIC8.convertValue(object, GenericKubernetesResource.class),
                    metadata.toString());
        }
    }

    @Test
    void anOwnerReferenceIsSentAsWrittenWhereTheModelMadeUpItsKind() throws IOException {
        // the model gave an owner reference without apiVersion and kind "v1" and "OwnerReference" (an owner no server
        // has); sent as written, the API server refuses it, saying what is missing
        Map<String, Object> object = map("apiVersion", "v1", "kind", "ConfigMap", "metadata", map("name", "n",
                "ownerReferences", List.of(map("name", "o", "uid", "u"))));
        assertEquals(PLAIN.readTree("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"n\","
                + "\"ownerReferences\":[{\"name\":\"o\",\"uid\":\"u\"}]}}"), ourBody(object));
        assertEquals("OwnerReference", modelBody(object).path("metadata").path("ownerReferences").path(0).path("kind").asText());
    }
}
