package io.runbook.modules.k8s;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a server-side apply of a manifest would make of an object the server does not hold yet (check mode
 * predicted it): the manifest's fields over the predicted object's, mappings merged key by key, anything else
 * (lists included) replaced. A light form of server-side apply, enough to tell unchanged from configured.
 */
final class PredictedMerge {
    private PredictedMerge() {
    }

    static Map<String, Object> applied(Map<String, Object> predicted, Map<String, Object> declared) {
        return merged(predicted, stored(declared));
    }

    /**
     * An object as the server would store it: a Secret's {@code stringData} folded into {@code data} (base64),
     * as the API server does, so a re-applied Secret compares with the predicted one like for like.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> stored(Map<String, Object> object) {
        Map<String, Object> out = SecretMask.deepCopy(object);
        if (SecretMask.isSecret(out) && out.remove("stringData") instanceof Map<?, ?> plain) {
            Map<String, Object> data = out.get("data") instanceof Map<?, ?> d ? (Map<String, Object>) d : new LinkedHashMap<>();
            plain.forEach((k, v) -> data.put(String.valueOf(k), v == null ? null
                    : Base64.getEncoder().encodeToString(String.valueOf(v).getBytes(StandardCharsets.UTF_8))));
            out.put("data", data);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> merged(Map<String, Object> predicted, Map<String, Object> declared) {
        Map<String, Object> out = new LinkedHashMap<>(SecretMask.deepCopy(predicted));
        declared.forEach((key, value) -> {
            Object current = out.get(key);
            if (current instanceof Map<?, ?> c && value instanceof Map<?, ?> v) {
                out.put(key, merged((Map<String, Object>) c, (Map<String, Object>) v));
            } else {
                out.put(key, SecretMask.deepCopy(value));
            }
        });
        return out;
    }
}
