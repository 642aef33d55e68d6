package io.runbook.engine.journal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Variable values to JSON and back, for sealing: maps, lists, strings, numbers, booleans and null as they are; text
 * that is secret (any {@link CharSequence} that is not a plain {@link String}, such as a vault value) is tagged so
 * that it comes back secret; a {@code !vault} value not opened yet is kept as its envelope and place, so that it
 * comes back unopened (writing the journal is no use of it: it needs no password); anything else is kept as its text.
 */
final class SealedValues {
    /** The key of the one-entry map that stands for a secret text. */
    static final String SECRET_TAG = "\u0000secret";
    /** The key of the map that stands for a {@code !vault} value not opened yet (its envelope). */
    static final String VAULT_TAG = "\u0000vault";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Function<String, Object> secretText;

    /** {@code secretText} makes a secret text value back from its characters. */
    SealedValues(Function<String, Object> secretText) {
        this.secretText = secretText;
    }

    /**
     * The value as JSON: what Jackson writes of its {@linkplain #plain plain form}, written straight from the value
     * (a result sealed for each host and task was copied whole into that form first, then serialised).
     */
    String write(Object value) {
        java.io.StringWriter out = new java.io.StringWriter(512);
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            emit(g, value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a journal value: " + e.getMessage(), e);
        }
        return out.toString();
    }

    /** Writes {@link #plain}{@code (v)} as Jackson's mapper would. */
    private static void emit(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Integer i) {
            g.writeNumber(i);
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof BigInteger b) {
            g.writeNumber(b);
        } else if (v instanceof BigDecimal b) {
            g.writeNumber(b);
        } else if (v instanceof Map<?, ?> m && stringKeys(m)) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName((String) e.getKey());
                emit(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof Collection<?> c) {
            g.writeStartArray();
            for (Object item : c) {
                emit(g, item);
            }
            g.writeEndArray();
        } else if (v instanceof CharSequence && !(v instanceof io.runbook.engine.vars.SecretText s && s.unopened() != null)) {
            g.writeStartObject();
            g.writeStringField(SECRET_TAG, v.toString());
            g.writeEndObject();
        } else {
            // other numbers, unopened vault values, arrays, maps with keys that are not text (two may become one)
            Object p = plain(v);
            if (p instanceof String s) {
                g.writeString(s);
            } else {
                emit(g, p);
            }
        }
    }

    private static boolean stringKeys(Map<?, ?> m) {
        for (Object k : m.keySet()) {
            if (!(k instanceof String)) {
                return false;
            }
        }
        return true;
    }

    Object read(String json) throws IOException {
        return restore(JSON.readValue(json, Object.class));
    }

    static Object plain(Object v) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Integer || v instanceof Long
                || v instanceof Double || v instanceof BigInteger || v instanceof BigDecimal) {
            return v;
        }
        if (v instanceof Number n) {
            return n instanceof Float || n instanceof Double ? (Object) n.doubleValue() : (Object) n.longValue();
        }
        if (v instanceof io.runbook.engine.vars.SecretText s && s.unopened() != null) {
            io.runbook.engine.vault.VaultedValue sealed = s.unopened();
            io.runbook.engine.error.SourcePosition at = sealed.position();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put(VAULT_TAG, sealed.envelope());
            out.put("file", at.file() == null ? null : at.file().toString());
            out.put("line", at.line());
            out.put("column", at.column());
            return out;
        }
        if (v instanceof CharSequence secret) {
            return Map.of(SECRET_TAG, secret.toString());
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, val) -> out.put(String.valueOf(k), plain(val)));
            return out;
        }
        if (v instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>(c.size());
            c.forEach(item -> out.add(plain(item)));
            return out;
        }
        if (v instanceof Object[] array) {
            return plain(java.util.Arrays.asList(array));
        }
        return String.valueOf(v);
    }

    private Object restore(Object v) {
        if (v instanceof Map<?, ?> m) {
            if (m.size() == 1 && m.get(SECRET_TAG) instanceof String s) {
                return secretText.apply(s);
            }
            if (m.get(VAULT_TAG) instanceof String envelope) {
                io.runbook.engine.error.SourcePosition at = new io.runbook.engine.error.SourcePosition(
                        m.get("file") == null ? null : java.nio.file.Path.of((String) m.get("file")),
                        ((Number) m.get("line")).intValue(), ((Number) m.get("column")).intValue());
                return io.runbook.engine.vars.SecretText.vaulted(io.runbook.engine.vault.Vault.active().seal(envelope, at));
            }
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, val) -> out.put(String.valueOf(k), restore(val)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(item -> out.add(restore(item)));
            return out;
        }
        return v;
    }
}
