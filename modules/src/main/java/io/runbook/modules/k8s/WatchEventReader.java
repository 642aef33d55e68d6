package io.runbook.modules.k8s;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusDetails;
import io.fabric8.kubernetes.api.model.WatchEvent;
import java.io.IOException;

/**
 * One line of a watch's answer read as a watch event whose object carries its kind and identity only: apiVersion,
 * kind, and the metadata's name, namespace, uid, resource version and deletion time; an {@code ERROR} event's Status
 * also its code, reason, message and the retry delay its details ask for. That is all a watch for changes reads
 * ({@link SecretWatch}), so each event is read in one pass over its bytes instead of binding the whole object to
 * fabric8's model (a Secret with its managed fields, its values): the objects are a {@link Secret} for a v1 Secret,
 * a {@link Status} for a Status, else a {@link GenericKubernetesResource}, as fabric8's own reading types them. A
 * Secret's values are never read.
 */
final class WatchEventReader {
    /** The factory the k8s module's one-pass readers of API answers share. */
    static final JsonFactory JSON = new JsonFactory();

    private WatchEventReader() {
    }

    /**
     * The event on {@code length} bytes from {@code offset}; its type is null when the line names none. Throws
     * {@link IOException} for a line that is no JSON object, or whose fields have shapes a watch event's cannot have.
     */
    static WatchEvent read(byte[] bytes, int offset, int length) throws IOException {
        try (JsonParser p = JSON.createParser(bytes, offset, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new JsonParseException(p, "a watch event is a JSON object");
            }
            String type = null;
            KubernetesResource object = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if ("type".equals(field)) {
                    type = text(p);
                } else if ("object".equals(field)) {
                    object = p.currentToken() == JsonToken.VALUE_NULL ? null : object(p);
                } else {
                    p.skipChildren();
                }
            }
            return new WatchEvent(object, type);
        }
    }

    private static KubernetesResource object(JsonParser p) throws IOException {
        expectObject(p);
        String apiVersion = null;
        String kind = null;
        ObjectMeta metadata = null;
        Integer code = null;
        String reason = null;
        String message = null;
        Integer retryAfter = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "apiVersion" -> apiVersion = text(p);
                case "kind" -> kind = text(p);
                case "metadata" -> metadata = p.currentToken() == JsonToken.VALUE_NULL ? null : metadata(p);
                case "code" -> code = integer(p);
                case "reason" -> reason = text(p);
                case "message" -> message = text(p);
                case "details" -> retryAfter = p.currentToken() == JsonToken.VALUE_NULL ? null : retryAfter(p);
                default -> p.skipChildren();
            }
        }
        if ("Status".equals(kind)) {
            Status status = new Status();
            status.setApiVersion(apiVersion);
            status.setKind(kind);
            status.setCode(code);
            status.setReason(reason);
            status.setMessage(message);
            if (retryAfter != null) {
                StatusDetails details = new StatusDetails();
                details.setRetryAfterSeconds(retryAfter);
                status.setDetails(details);
            }
            return status;
        }
        if ("Secret".equals(kind) && "v1".equals(apiVersion)) {
            Secret secret = new Secret();
            secret.setApiVersion(apiVersion);
            secret.setKind(kind);
            secret.setMetadata(metadata);
            return secret;
        }
        GenericKubernetesResource other = new GenericKubernetesResource();
        other.setApiVersion(apiVersion);
        other.setKind(kind);
        other.setMetadata(metadata);
        return other;
    }

    private static ObjectMeta metadata(JsonParser p) throws IOException {
        expectObject(p);
        ObjectMeta meta = new ObjectMeta();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "name" -> meta.setName(text(p));
                case "namespace" -> meta.setNamespace(text(p));
                case "uid" -> meta.setUid(text(p));
                case "resourceVersion" -> meta.setResourceVersion(text(p));
                case "deletionTimestamp" -> meta.setDeletionTimestamp(text(p));
                default -> p.skipChildren();
            }
        }
        return meta;
    }

    /** A Status's {@code details.retryAfterSeconds}, or null. */
    private static Integer retryAfter(JsonParser p) throws IOException {
        expectObject(p);
        Integer seconds = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            if ("retryAfterSeconds".equals(field)) {
                seconds = integer(p);
            } else {
                p.skipChildren();
            }
        }
        return seconds;
    }

    static void expectObject(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new JsonParseException(p, "expected a JSON object");
        }
    }

    /** A string field: null for JSON null; a number or boolean as its text (as Jackson reads one into a String). */
    static String text(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t.isScalarValue()) {
            return p.getText();
        }
        throw new JsonParseException(p, "expected a string");
    }

    private static Integer integer(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t == JsonToken.VALUE_NUMBER_INT) {
            return p.getIntValue();
        }
        if (t == JsonToken.VALUE_STRING) {
            try {
                return Integer.valueOf(p.getText().trim());
            } catch (NumberFormatException e) {
                throw new JsonParseException(p, "expected a number");
            }
        }
        throw new JsonParseException(p, "expected a number");
    }
}
