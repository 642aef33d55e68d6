package io.runbook.modules.core;

import io.runbook.engine.module.Args;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.modules.connection.HostConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** One {@code get_url} download into a controller file, made from the host's side, redirects followed. */
final class Download {
    private final Args args;
    private final HostConnection host;
    private final ModuleContext ctx;

    Download(Args args, HostConnection host, ModuleContext ctx) {
        this.args = args;
        this.host = host;
        this.ctx = ctx;
    }

    record Fetched(int status) {
    }

    static URI url(String text) throws ModuleException {
        try {
            URI url = new URI(text.trim());
            if (url.getScheme() == null || !(url.getScheme().equalsIgnoreCase("http") || url.getScheme().equalsIgnoreCase("https"))
                    || url.getHost() == null) {
                throw new ModuleException("url must be http:// or https:// with a host, got '" + text + "'");
            }
            return url;
        } catch (URISyntaxException e) {
            throw new ModuleException("url '" + text + "' is not a valid URL: " + e.getReason());
        }
    }

    /** The file name a folder dest gets: the URL path's last part. */
    static String fileName(URI url) throws ModuleException {
        String path = url.getPath() == null ? "" : url.getPath();
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (name.isBlank()) {
            throw new ModuleException("dest is a folder and the URL " + url + " names no file: give dest as a file path");
        }
        return name;
    }

    Fetched fetch(URI url, Path file) throws ModuleException, InterruptedException {
        // on the controller the URL's host is pinned to its own address: the certificate is then checked by our
        // trust manager (RFC 6125 names, the same messages as through a tunnel)
        HostPins pins = host.isLocal() ? HostPins.parse(java.util.Map.of(url.getHost(), url.getHost())) : HostPins.through(new HostPins.Forwarder() {
            @Override
            public InetSocketAddress forward(String h, int p) throws ModuleException {
                return host.forward(h, p);
            }

            @Override
            public String via() {
                return host.describe();
            }
        });
        UriExchange exchange = new UriExchange(pins, TlsTrust.caPath(ctx), args.bool("validate_certs"), GetUrlModule.timeout(args), "safe");
        UriExchange.Final<Path> last;
        try {
            last = exchange.send(new UriExchange.Request(url, "GET", headers(), null), GetUrlModule.toFile(file));
        } catch (UriExchange.NoAnswer e) {
            throw new ModuleException(e.getMessage());
        }
        int status = last.response().statusCode();
        if (status != 200) {
            throw new ModuleException("Request failed: " + url + " answered HTTP " + status + snippet(file));
        }
        return new Fetched(status);
    }

    private Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        if (args.has("headers")) {
            args.map("headers").forEach((k, v) -> headers.put(k, String.valueOf(v)));
        }
        if (args.has("url_username")) {
            String password = args.has("url_password") ? args.string("url_password") : "";
            String token = Base64.getEncoder().encodeToString((args.string("url_username") + ":" + password).getBytes(StandardCharsets.UTF_8));
            ctx.secret(token);
            headers.put("Authorization", "Basic " + token);
        }
        return headers;
    }

    private static String snippet(Path file) {
        try {
            byte[] body = Files.readAllBytes(file);
            String text = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "" : ": " + text.lines().findFirst().orElse("");
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
