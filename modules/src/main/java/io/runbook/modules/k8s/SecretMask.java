package io.runbook.modules.k8s;

import io.runbook.engine.module.ModuleContext;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps Secret values out of every output: {@link #mask} replaces the secret values of a Secret's
 * {@code data} and {@code stringData} with a marker that shows only a short hash (so a diff still shows that
 * a value changed), and {@link #register} hands them to the engine's redactor in both their decoded and
 * base64 forms. Which fields are secret is decided per field ({@link SecretFields}): the password, key or
 * token is; the user name, host or certificate beside it is an ordinary word and is shown.
 */
public final class SecretMask {
    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
    /** Shorter values are masked in objects but not registered: redacting them everywhere would garble output. */
    static final int MIN_REGISTERED_LENGTH = 4;

    private SecretMask() {
    }

    /** A deep copy of the object with Secret values masked; other kinds are returned copied but unchanged. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> mask(Map<String, Object> object) {
        Map<String, Object> copy = deepCopy(object);
        if (!isSecret(copy)) {
            return copy;
        }
        for (String field : List.of("data", "stringData")) {
            if (copy.get(field) instanceof Map<?, ?> values) {
                Map<String, Object> masked = new LinkedHashMap<>();
                values.forEach((k, v) -> {
                    byte[] raw = v == null ? null : field.equals("data") ? decode(String.valueOf(v)) : String.valueOf(v).getBytes(StandardCharsets.UTF_8);
                    boolean secret = raw != null && SecretFields.isSecret(String.valueOf(k), text(raw).orElse(null));
                    masked.put(String.valueOf(k), secret ? marker(raw) : v);
                });
                copy.put(field, masked);
            }
        }
        if (FieldPath.read(copy, "metadata.annotations") .orElse(null) instanceof Map<?, ?> annotations
                && annotations.containsKey(LAST_APPLIED)) {
            ((Map<String, Object>) annotations).put(LAST_APPLIED, "<masked: contains Secret values>");
        }
        return copy;
    }

    /**
     * The object as a module returns it: a Secret's secret data and stringData values (not the user name beside them) (and its last-applied annotation,
     * which repeats them) typed as secret, so whatever a playbook derives from them stays secret.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> typed(ModuleContext ctx, Map<String, Object> object) {
        if (!isSecret(object)) {
            return object;
        }
        Map<String, Object> copy = deepCopy(object);
        for (String field : List.of("data", "stringData")) {
            if (copy.get(field) instanceof Map<?, ?> values) {
                Map<String, Object> typed = new LinkedHashMap<>();
                values.forEach((k, v) -> typed.put(String.valueOf(k), v == null || !isSecretField(field, k, v) ? v
                        : ctx.secretText(String.valueOf(v))));
                copy.put(field, typed);
            }
        }
        if (FieldPath.read(copy, "metadata.annotations").orElse(null) instanceof Map<?, ?> annotations
                && annotations.get(LAST_APPLIED) instanceof String applied) {
            ((Map<String, Object>) annotations).put(LAST_APPLIED, ctx.secretText(applied));
        }
        return copy;
    }

    private static boolean isSecretField(String field, Object key, Object value) {
        String text = field.equals("data") ? text(decode(String.valueOf(value))).orElse(null) : String.valueOf(value);
        return SecretFields.isSecret(String.valueOf(key), text);
    }

    /** Registers every secret value of a Secret (decoded and base64) with the engine's redactor. */
    public static void register(ModuleContext ctx, Map<String, Object> object) {
        secretValues(object).forEach(ctx::secret);
    }

    /** The strings to redact for a Secret object: each secret value decoded and encoded, and long lines of multi-line values. */
    static List<String> secretValues(Map<String, Object> object) {
        List<String> out = new ArrayList<>();
        if (!isSecret(object)) {
            return out;
        }
        if (object.get("data") instanceof Map<?, ?> data) {
            data.forEach((k, v) -> {
                if (v != null) {
                    String b64 = String.valueOf(v);
                    java.util.Optional<String> text = text(decode(b64));
                    if (SecretFields.isSecret(String.valueOf(k), text.orElse(null))) {
                        out.add(b64);
                        text.ifPresent(t -> addText(out, t));
                    }
                }
            });
        }
        if (object.get("stringData") instanceof Map<?, ?> data) {
            data.forEach((k, v) -> {
                if (v != null && SecretFields.isSecret(String.valueOf(k), String.valueOf(v))) {
                    addText(out, String.valueOf(v));
                    out.add(Base64.getEncoder().encodeToString(String.valueOf(v).getBytes(StandardCharsets.UTF_8)));
                }
            });
        }
        out.removeIf(s -> s.length() < MIN_REGISTERED_LENGTH);
        return out;
    }

    /** The marker shown instead of a value: {@code <masked sha256:1a2b3c4d>}. */
    static String marker(byte[] value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value);
            return "<masked sha256:" + HexFormat.of().formatHex(digest, 0, 4) + ">";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean isSecret(Map<String, Object> object) {
        return "Secret".equals(object.get("kind"));
    }

    private static void addText(List<String> out, String text) {
        out.add(text);
        String trimmed = text.strip();
        if (!trimmed.equals(text)) {
            out.add(trimmed);
        }
        if (text.contains("\n")) {
            text.lines().map(String::strip).filter(l -> l.length() >= 16 && !l.startsWith("-----")).forEach(out::add);
        }
    }

    private static byte[] decode(String b64) {
        try {
            return Base64.getMimeDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            return b64.getBytes(StandardCharsets.UTF_8);
        }
    }

    private static java.util.Optional<String> text(byte[] bytes) {
        try {
            return java.util.Optional.of(StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return java.util.Optional.empty();
        }
    }

    @SuppressWarnings("unchecked")
    static <T> T deepCopy(T value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), deepCopy(v)));
            return (T) out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(deepCopy(v)));
            return (T) out;
        }
        return value;
    }
}
