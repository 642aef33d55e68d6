package io.runbook.modules.core;

import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.ArgType;
import io.runbook.engine.module.Args;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code uri}: one HTTP(S) request with the JDK's client, Ansible-compatible results, and {@code resolve}
 * to pin host names to addresses like curl's {@code --resolve}. GET and HEAD are never changed and run in
 * check mode; other methods report changed (use {@code changed_when} to say otherwise) and are skipped there.
 */
public final class UriModule implements Module {
    static {
        HostHeader.allow();
    }

    private static final Pattern CREDENTIAL_HEADER = Pattern.compile("(?i)authorization|cookie|token|api[-_]?key|secret");
    private static final ArgSpec SPEC = ArgSpec.builder()
            .arg(Arg.str("url").required().description("http:// or https:// URL"))
            .arg(Arg.str("method").defaultValue("GET").description("HTTP method"))
            .arg(Arg.dict("headers").description("request headers"))
            .arg(Arg.raw("body").description("request body: text, or a mapping/list with body_format json or form-urlencoded"))
            .arg(Arg.str("body_format").defaultValue("raw").choices("raw", "json", "form-urlencoded")
                    .description("how body is encoded; json and form-urlencoded also set Content-Type"))
            .arg(Arg.list("status_code").elements(ArgType.INT).defaultValue(List.of(200)).description("statuses that count as success"))
            .arg(Arg.bool("return_content").defaultValue(false).description("put the body in the result as content"))
            .arg(Arg.str("ca_path").description("PEM file of the CA certificates to trust (instead of the JDK's); relative: to the playbook's folder, where Ansible's local connection runs the module"))
            .arg(Arg.bool("validate_certs").defaultValue(true).description("verify the server's certificate and name"))
            .arg(Arg.str("url_username").aliases("user").description("user for basic authentication"))
            .arg(Arg.str("url_password").aliases("password").secret().description("password for basic authentication (secret)"))
            .arg(Arg.bool("force_basic_auth").defaultValue(true).description("accepted for Ansible compatibility; credentials are always sent up front"))
            .arg(Arg.duration("timeout").defaultValue(30).description("connect and response timeout"))
            .arg(Arg.str("follow_redirects").defaultValue("safe").choices("safe", "all", "none", "yes", "no", "urllib2")
                    .description("safe: only for GET/HEAD; all/yes: always; none/no: never"))
            .arg(Arg.raw("resolve").description("pin host names to addresses: {host: address} or ['host:port:address'] like curl --resolve"))
            .arg(UnsafeWrites.ACCEPTED)
            .build();

    @Override
    public String name() {
        return "uri";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public String description() {
        return "Send an HTTP(S) request; check its status; pin host names to addresses with resolve";
    }

    @Override
    public Result run(ModuleContext ctx) throws ModuleException, InterruptedException {
        Args args = ctx.args();
        URI url = url(args.string("url"));
        String method = args.string("method").trim().toUpperCase(Locale.ROOT);
        boolean readOnly = method.equals("GET") || method.equals("HEAD");
        if (ctx.checkMode() && !readOnly) {
            return Result.skipped("uri does not send " + method + " " + withoutUserInfo(url) + " in check mode (only GET and HEAD run there)");
        }
        Map<String, String> headers = headers(ctx, args.map("headers"));
        basicAuth(ctx, args, url, headers);
        RequestBody body = RequestBody.encode(args.raw("body"), args.string("body_format"));
        if (body != null && body.contentType() != null && headers.keySet().stream().noneMatch(k -> k.equalsIgnoreCase("content-type"))) {
            headers.put("Content-Type", body.contentType());
        }
        Duration timeout = args.duration("timeout");
        UriExchange exchange = new UriExchange(HostPins.parse(args.raw("resolve")), TlsTrust.caPath(ctx),
                args.bool("validate_certs"), timeout, args.string("follow_redirects"));
        long start = System.nanoTime();
        try {
            UriExchange.Response response = exchange.send(new UriExchange.Request(withoutUserInfo(url), method, headers, body));
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            return UriResult.of(response, args.strings("status_code"), args.bool("return_content"), !readOnly, elapsed);
        } catch (UriExchange.NoAnswer e) {
            // a result, not an exception: like Ansible's status -1, so `until: r.status == 200` can retry
            return Result.failed(e.getMessage()).with("status", -1).with("url", withoutUserInfo(url).toString())
                    .with("elapsed", Clock.seconds(Duration.ofNanos(System.nanoTime() - start)));
        }
    }

    private static URI url(String text) throws ModuleException {
        try {
            URI url = new URI(text.trim());
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new ModuleException("url must start with http:// or https://, got '" + text + "'");
            }
            if (url.getHost() == null) {
                throw new ModuleException("url '" + text + "' has no host name");
            }
            return url;
        } catch (URISyntaxException e) {
            throw new ModuleException("url '" + text + "' is not a valid URL: " + e.getReason() + " at index " + e.getIndex());
        }
    }

    private static URI withoutUserInfo(URI url) {
        if (url.getRawUserInfo() == null) {
            return url;
        }
        return URI.create(url.toString().replace(url.getRawUserInfo() + "@", ""));
    }

    /** The request headers; credentials in them (Authorization, tokens, API keys) are registered as secrets. */
    static Map<String, String> headers(ModuleContext ctx, Map<String, Object> given) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (given != null) {
            given.forEach((k, v) -> headers.put(k, v == null ? "" : String.valueOf(v)));
        }
        headers.forEach((name, value) -> {
            if (CREDENTIAL_HEADER.matcher(name).find() && value.length() >= 8) {
                ctx.secret(value);
            }
        });
        return headers;
    }

    /** url_username/url_password, or user:password in the URL; the encoded token is registered as a secret. */
    private static void basicAuth(ModuleContext ctx, Args args, URI url, Map<String, String> headers) {
        String user = args.string("url_username");
        String password = args.string("url_password");
        if (user == null && url.getUserInfo() != null) {
            String[] parts = url.getUserInfo().split(":", 2);
            user = parts[0];
            password = parts.length > 1 ? parts[1] : null;
        }
        if (user == null) {
            return;
        }
        if (password != null) {
            ctx.secret(password);
        }
        String token = Base64.getEncoder().encodeToString((user + ":" + (password == null ? "" : password)).getBytes(StandardCharsets.UTF_8));
        ctx.secret(token);
        headers.put("Authorization", "Basic " + token);
    }
}
