package io.runbook.modules.core;

import io.runbook.engine.module.Result;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The registered result of a {@code uri} request, in Ansible's shape. */
final class UriResult {
    private static final int SNIPPET = 200;

    private UriResult() {
    }

    static Result of(UriExchange.Response response, List<String> statusCodes, boolean returnContent, boolean changes, Duration elapsed) {
        String contentType = response.headers().firstValue("content-type").orElse("");
        String text = new String(response.body(), charset(contentType));
        boolean expected = statusCodes.contains(String.valueOf(response.status()));
        Result result = expected
                ? Result.changed(changes).withMsg("OK (" + response.body().length + " bytes)")
                : Result.failed("Status code was " + response.status() + " and not " + statusCodes + ": " + snippet(text));
        result = result.with("status", response.status())
                .with("url", response.url().toString())
                .with("redirected", response.redirected())
                .with("elapsed", Clock.seconds(elapsed))
                .with("headers", headers(response))
                .with("content_type", contentType);
        if (response.route().pinned()) {
            result = result.with("pinned_address", response.route().address());
        }
        if (returnContent) {
            result = result.with("content", text);
        }
        // as Ansible's uri: each response header also under its own name, lower-case with '_' for '-' (r.location,
        // r.content_length), a relative location made absolute; the result's own keys win
        for (Map.Entry<String, String> h : headers(response).entrySet()) {
            String key = h.getKey().replace('-', '_');
            if (!result.data().containsKey(key) && !key.equals("changed") && !key.equals("failed") && !key.equals("msg")) {
                result = result.with(key, key.equals("location") ? response.url().resolve(h.getValue()).toString() : h.getValue());
            }
        }
        if (contentType.toLowerCase(Locale.ROOT).contains("json") && !text.isBlank()) {
            try {
                result = result.with("json", RequestBody.JSON.readValue(text, Object.class));
            } catch (IOException notJson) {
                // a server that says JSON but sends something else: content (when asked) still has the text
            }
        }
        return result;
    }

    private static Map<String, String> headers(UriExchange.Response response) {
        Map<String, String> out = new TreeMap<>();
        response.headers().map().forEach((name, values) -> out.put(name.toLowerCase(Locale.ROOT), String.join(", ", values)));
        return out;
    }

    private static Charset charset(String contentType) {
        for (String part : contentType.split(";")) {
            String p = part.trim();
            if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                try {
                    return Charset.forName(p.substring(8).replace("\"", ""));
                } catch (IllegalArgumentException unknown) {
                    return StandardCharsets.UTF_8;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static String snippet(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        if (line.isEmpty()) {
            return "(empty body)";
        }
        return line.length() > SNIPPET ? line.substring(0, SNIPPET) + "…" : line;
    }
}
