package io.runbook.modules.core;

import io.runbook.engine.module.ArgValidator;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.vars.LookupPlugin;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code url} lookup, as Ansible's: {@code lookup('url', 'https://example.com/ca.pem', split_lines=False)} reads
 * each URL with a GET from the controller and gives its body's lines ({@code split_lines}, default true) or the whole
 * body. Options: {@code validate_certs} (default true), {@code ca_path} (relative: the playbook's folder),
 * {@code headers}, {@code username}/{@code password} (basic authentication, sent up front), {@code timeout} (seconds,
 * default 10), {@code follow_redirects}; Ansible's others that change nothing here are accepted. An error status fails
 * with Ansible's {@code Received HTTP error for URL : HTTP Error N}, no answer with {@code Failed lookup url for URL : …}.
 */
public final class UrlLookup implements LookupPlugin {
    private static final Set<String> OPTIONS = Set.of("validate_certs", "split_lines", "headers", "timeout", "ca_path",
            "username", "password", "force_basic_auth", "follow_redirects", "use_proxy", "http_agent", "force",
            "use_gssapi", "unredirected_headers");

    @Override
    public String name() {
        return "url";
    }

    @Override
    public List<Object> run(List<Object> terms, Map<String, Object> options, ModuleContext ctx) throws Exception {
        LookupPlugin.checkOptions("url", options, OPTIONS);
        boolean validate = flag(options, "validate_certs", true);
        boolean splitLines = flag(options, "split_lines", true);
        Path caPath = options.get("ca_path") == null ? null : ArgValidator.toPath(String.valueOf(options.get("ca_path")), ctx.workDir(),
                io.runbook.engine.vars.HomeDir.of(ctx.runEnvironment()));
        Duration timeout = Duration.ofMillis(Math.round(Double.parseDouble(String.valueOf(options.getOrDefault("timeout", 10))) * 1000));
        String follow = String.valueOf(options.getOrDefault("follow_redirects", "urllib2"));
        Map<String, Object> given = new LinkedHashMap<>();
        if (options.get("headers") instanceof Map<?, ?> m) {
            m.forEach((k, v) -> given.put(String.valueOf(k), v));
        }
        // credentials are secrets, as uri's: the password, the encoded token, credential headers
        Map<String, String> headers = UriModule.headers(ctx, given);
        if (options.get("username") != null) {
            String password = options.get("password") == null ? "" : String.valueOf(options.get("password"));
            ctx.secret(password);
            String token = Base64.getEncoder().encodeToString((options.get("username") + ":" + password).getBytes(StandardCharsets.UTF_8));
            ctx.secret(token);
            headers.put("Authorization", "Basic " + token);
        }
        UriExchange exchange = new UriExchange(HostPins.parse(null), caPath, validate, timeout, follow);
        List<Object> out = new ArrayList<>();
        for (Object term : terms) {
            String url = String.valueOf(term);
            UriExchange.Response response;
            try {
                response = exchange.send(new UriExchange.Request(URI.create(url.trim()), "GET", headers, null));
            } catch (UriExchange.NoAnswer e) {
                throw new IllegalStateException("Failed lookup url for " + url + " : " + e.getMessage());
            }
            if (response.status() >= 400) {
                throw new IllegalStateException("Received HTTP error for " + url + " : HTTP Error " + response.status());
            }
            String body = new String(response.body(), StandardCharsets.UTF_8);
            if (splitLines) {
                out.addAll(body.lines().toList());
            } else {
                out.add(body);
            }
        }
        return out;
    }

    private static boolean flag(Map<String, Object> options, String name, boolean otherwise) {
        Object v = options.get(name);
        if (v == null) {
            return otherwise;
        }
        Boolean b = v instanceof Boolean bool ? bool : ArgValidator.parseBool(v);
        if (b == null) {
            throw new IllegalArgumentException("the url lookup's " + name + " must be a boolean, got '" + v + "'");
        }
        return b;
    }
}
