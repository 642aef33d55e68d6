package io.runbook.modules.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.runbook.engine.module.ModuleException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** The body of a {@code uri} request, encoded as {@code body_format} says, with its default content type. */
record RequestBody(byte[] bytes, String contentType) {
    static final ObjectMapper JSON = new ObjectMapper();

    static RequestBody encode(Object body, String format) throws ModuleException {
        if (body == null) {
            return null;
        }
        return switch (format) {
            case "json" -> new RequestBody(json(body), "application/json");
            case "form-urlencoded" -> new RequestBody(form(body).getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded");
            default -> {
                if (body instanceof Map || body instanceof List) {
                    throw new ModuleException("body is a " + (body instanceof Map ? "mapping" : "list")
                            + "; set body_format: json (or form-urlencoded) to send it");
                }
                yield new RequestBody(String.valueOf(body).getBytes(StandardCharsets.UTF_8), null);
            }
        };
    }

    /** A string is taken as already-encoded JSON (as Ansible does); anything else is serialised. */
    private static byte[] json(Object body) throws ModuleException {
        if (body instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new ModuleException("body cannot be written as JSON: " + e.getOriginalMessage());
        }
    }

    private static String form(Object body) throws ModuleException {
        if (body instanceof String s) {
            return s;
        }
        if (!(body instanceof Map<?, ?> map)) {
            throw new ModuleException("with body_format: form-urlencoded, body must be a mapping of field names to values");
        }
        StringJoiner out = new StringJoiner("&");
        for (Map.Entry<?, ?> e : map.entrySet()) {
            out.add(URLEncoder.encode(String.valueOf(e.getKey()), StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(e.getValue() == null ? "" : String.valueOf(e.getValue()), StandardCharsets.UTF_8));
        }
        return out.toString();
    }
}
