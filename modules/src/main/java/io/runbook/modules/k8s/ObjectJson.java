package io.runbook.modules.k8s;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A named object's JSON as the API server answers a GET or an apply, read in one pass into the map form the modules
 * work on ({@link LinkedHashMap}, {@link ArrayList}, String, Integer/Long/BigInteger, Double, Boolean, null), and an
 * apply's body written in one pass from that form. Both used to go through fabric8's model: the answer read into a
 * {@code GenericKubernetesResource} then converted to a map, the body converted to one then written (a
 * {@code convertValue} each way: in a fresh JVM with the quick compiler only, a create's GET answer, body and apply
 * answer cost 0.14 ms of CPU that way). An answer is read by Jackson's own untyped reading, then its metadata
 * trimmed. What that round trip did, and what is done here instead (pinned by ObjectJsonTest):
 * <ul>
 * <li>Order: the model put apiVersion, kind and metadata first and metadata's own fields in alphabetical order (the
 * fields it does not know after them); here the answer's order is kept. Only {@code --diff} shows it (results print
 * sorted). The lab answers GETs and applies in the model's order, so their diffs are unchanged; its dry-run answers
 * come in the manifest's order (name, namespace, labels, then what the server adds), and so do check-mode diffs now;
 * a real API server's answers keep its order (kind, apiVersion; name, namespace, uid, ... first in metadata).
 * <li>Numbers: as the JSON writes them, Integer, Long or BigInteger by size and Double for a fraction or exponent, as
 * the model kept every field it did not type; the two numbers ObjectMeta types, {@code generation} and
 * {@code deletionGracePeriodSeconds}, were Long and are now Integer when they fit (their readers take any Number).
 * <li>Nulls and empties: the model left out a null apiVersion, kind or metadata, and metadata's own fields when null
 * or empty ({@code labels: {}}, {@code finalizers: []}); so does this. A real API server sends none (its metadata
 * fields are omitempty), but the lab answers a second apply of a Namespace with {@code namespace: null}, and change
 * detection compares the answers: kept, it read as a change. Nulls and empties elsewhere (data, spec, status, fields
 * metadata does not know) the model kept, and so does this. {@code managedFields} and {@code status} are read like any
 * field (the model typed managedFields' entries, with the same content).
 * <li>Coercions no API server's answer needs are not made: the model turned a number or boolean label or annotation
 * value into text, and gave an owner reference without apiVersion and kind {@code v1}/{@code OwnerReference}.
 * <li>Only JSON: fabric8 read an answer that is not JSON as YAML, and an empty or {@code null} body as no object (a GET
 * as absent); here an answer that is not a JSON object is unreadable, the request's failure.
 * </ul>
 * The apply body carries what the model's body carried (the same JSON content, keys in the map's order), see
 * {@link #write}.
 */
final class ObjectJson {
    /** The top-level fields the model typed (a null one was left out). */
    private static final Set<String> TOP_TYPED = Set.of("apiVersion", "kind", "metadata");
    /** ObjectMeta's fields (one null or empty was left out; the others are kept as sent). */
    private static final Set<String> META_FIELDS = Set.of("annotations", "creationTimestamp", "deletionGracePeriodSeconds",
            "deletionTimestamp", "finalizers", "generateName", "generation", "labels", "managedFields", "name", "namespace",
            "ownerReferences", "resourceVersion", "selfLink", "uid");
    /** ObjectMeta's text fields: a number or boolean the user wrote there is sent as its text, as the model did. */
    private static final Set<String> META_TEXT = Set.of("name", "namespace", "generateName", "uid", "resourceVersion",
            "creationTimestamp", "deletionTimestamp", "selfLink");
    /** OwnerReference's text fields; its other typed ones are booleans (controller, blockOwnerDeletion). */
    private static final Set<String> OWNER_TEXT = Set.of("apiVersion", "kind", "name", "uid");

    /** Reads answers as untyped trees (its own factory: an ObjectMapper made on a shared one would set that one's codec). */
    private static final ObjectMapper UNTYPED = new ObjectMapper();

    private ObjectJson() {
    }

    /** The object an answer's body holds; {@link IOException} for a body that is not one JSON object. */
    static Map<String, Object> read(byte[] body) throws IOException {
        // Jackson's own untyped reading: LinkedHashMap, ArrayList, String, the smallest of Integer/Long/BigInteger, Double
        if (!(UNTYPED.readValue(body, Object.class) instanceof Map<?, ?> doc)) {
            throw new IOException("an API object's answer is a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> out = (Map<String, Object>) doc;
        out.entrySet().removeIf(e -> e.getValue() == null && TOP_TYPED.contains(e.getKey()));
        Object metadata = out.get("metadata");
        if (metadata != null) {
            if (!(metadata instanceof Map<?, ?> m)) {
                throw new IOException("an API object's metadata is a JSON object");
            }
            // its known fields that are null or empty left out, as the model read it (see the class comment)
            m.entrySet().removeIf(e -> META_FIELDS.contains(e.getKey()) && (e.getValue() == null
                    || e.getValue() instanceof Map<?, ?> v && v.isEmpty() || e.getValue() instanceof List<?> l && l.isEmpty()));
        }
        return out;
    }

    /**
     * The JSON body of a server-side apply of {@code object} (a manifest whose server-populated metadata is already
     * dropped, {@link ObjectApply#cleaned}), with the content the model's body had: apiVersion and kind as text,
     * omitted when null; in metadata, name, namespace and generateName as text, labels and annotations with text
     * values, finalizers as text, owner references' apiVersion, kind, name and uid as text and controller and
     * blockOwnerDeletion as booleans, each omitted when null or empty; everything else as the user's value is (a
     * number as its type writes it, "yes" as text, nulls kept). A value of another type than maps, lists, text,
     * numbers and booleans is written by {@code json}, as the model did. A metadata value the model could not take
     * (a list as a label value) fails with {@link IllegalArgumentException}, as it did.
     */
    static String write(Map<String, Object> object, KubernetesSerialization json) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = WatchEventReader.JSON.createGenerator(out)) {
            g.writeStartObject();
            for (Map.Entry<String, Object> e : object.entrySet()) {
                String field = e.getKey();
                Object v = e.getValue();
                if (field.equals("apiVersion") || field.equals("kind")) {
                    if (v != null) {
                        g.writeStringField(field, text(field, v));
                    }
                } else if (field.equals("metadata")) {
                    if (v != null) {
                        g.writeFieldName(field);
                        metadata(g, asMap("metadata", v), json);
                    }
                } else {
                    g.writeFieldName(field);
                    value(g, v, json);
                }
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void metadata(JsonGenerator g, Map<?, ?> metadata, KubernetesSerialization json) throws IOException {
        g.writeStartObject();
        for (Map.Entry<?, ?> e : metadata.entrySet()) {
            String field = String.valueOf(e.getKey());
            Object v = e.getValue();
            String at = "metadata." + field;
            if (META_TEXT.contains(field)) {
                if (v != null) {
                    g.writeStringField(field, text(at, v));
                }
            } else if (field.equals("labels") || field.equals("annotations")) {
                Map<?, ?> values = v == null ? Map.of() : asMap(at, v);
                if (!values.isEmpty()) {
                    g.writeObjectFieldStart(field);
                    for (Map.Entry<?, ?> kv : values.entrySet()) {
                        g.writeFieldName(String.valueOf(kv.getKey()));
                        textOrNull(g, at + "." + kv.getKey(), kv.getValue());
                    }
                    g.writeEndObject();
                }
            } else if (field.equals("finalizers")) {
                List<?> items = v == null ? List.of() : asList(at, v);
                if (!items.isEmpty()) {
                    g.writeArrayFieldStart(field);
                    for (Object item : items) {
                        textOrNull(g, at, item);
                    }
                    g.writeEndArray();
                }
            } else if (field.equals("ownerReferences")) {
                List<?> owners = v == null ? List.of() : asList(at, v);
                if (!owners.isEmpty()) {
                    g.writeArrayFieldStart(field);
                    for (Object owner : owners) {
                        ownerReference(g, at, owner, json);
                    }
                    g.writeEndArray();
                }
            } else {
                g.writeFieldName(field);
                value(g, v, json);
            }
        }
        g.writeEndObject();
    }

    private static void ownerReference(JsonGenerator g, String at, Object owner, KubernetesSerialization json) throws IOException {
        if (owner == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        for (Map.Entry<?, ?> e : asMap(at, owner).entrySet()) {
            String field = String.valueOf(e.getKey());
            Object v = e.getValue();
            if (OWNER_TEXT.contains(field)) {
                if (v != null) {
                    g.writeStringField(field, text(at + "." + field, v));
                }
            } else if (field.equals("controller") || field.equals("blockOwnerDeletion")) {
                if (v != null) {
                    g.writeBooleanField(field, bool(at + "." + field, v));
                }
            } else {
                g.writeFieldName(field);
                value(g, v, json);
            }
        }
        g.writeEndObject();
    }

    /** A value of the user's map as the model wrote it: by its own type. */
    private static void value(JsonGenerator g, Object v, KubernetesSerialization json) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                value(g, e.getValue(), json);
            }
            g.writeEndObject();
        } else if (v instanceof List<?> list) {
            g.writeStartArray();
            for (Object item : list) {
                value(g, item, json);
            }
            g.writeEndArray();
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).intValue());
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof Double d) {
            g.writeNumber(d);  // NaN and the infinities as quoted text, as Jackson writes them
        } else if (v instanceof Float f) {
            g.writeNumber(f);
        } else if (v instanceof BigInteger b) {
            g.writeNumber(b);
        } else if (v instanceof BigDecimal b) {
            g.writeNumber(b);
        } else if (v instanceof CharSequence text) {
            g.writeString(text.toString());  // secret text too: the API server must have its value
        } else {
            g.writeRawValue(json.asJson(v));
        }
    }

    private static void textOrNull(JsonGenerator g, String at, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else {
            g.writeString(text(at, v));
        }
    }

    /** A scalar as text, as the model read one into a String field ({@code 1} as "1", {@code true} as "true"). */
    private static String text(String at, Object v) {
        if (v instanceof CharSequence || v instanceof Number || v instanceof Boolean || v instanceof Character) {
            return v.toString();
        }
        throw new IllegalArgumentException(at + ": expected text, not " + kindOf(v));
    }

    /** A boolean field: a boolean, or its text ("true", "false", any case), as the model took one. */
    private static boolean bool(String at, Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof CharSequence s) {
            if (s.toString().equalsIgnoreCase("true")) {
                return true;
            }
            if (s.toString().equalsIgnoreCase("false")) {
                return false;
            }
        }
        throw new IllegalArgumentException(at + ": expected true or false, not " + (v instanceof CharSequence ? "'" + v + "'" : kindOf(v)));
    }

    private static Map<?, ?> asMap(String at, Object v) {
        if (v instanceof Map<?, ?> map) {
            return map;
        }
        throw new IllegalArgumentException(at + ": expected a mapping, not " + kindOf(v));
    }

    private static List<?> asList(String at, Object v) {
        if (v instanceof List<?> list) {
            return list;
        }
        throw new IllegalArgumentException(at + ": expected a list, not " + kindOf(v));
    }

    private static String kindOf(Object v) {
        return v instanceof Map ? "a mapping" : v instanceof List ? "a list" : v instanceof Number ? "a number"
                : v instanceof Boolean ? "a boolean" : "a " + v.getClass().getSimpleName();
    }
}
