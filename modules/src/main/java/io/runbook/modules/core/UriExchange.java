package io.runbook.modules.core;

import io.runbook.engine.module.ModuleException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * Sends one {@code uri} request and follows redirects by hand, so that every hop is routed through the
 * host pins again (the JDK would reuse the first hop's pinned Host header on a different host).
 * HTTP/1.1 only: the Host header of a pinned request has no place in HTTP/2's pseudo-headers here.
 */
final class UriExchange {
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final int MAX_REDIRECTS = 10;

    /** The last response; {@code url} is in the user's form (host name, not pinned address). */
    record Response(URI url, int status, HttpHeaders headers, byte[] body, boolean redirected, HostPins.Route route) {
    }

    /** The server could not be reached or gave no answer; the message names the URL, pinned address and cause. */
    static final class NoAnswer extends Exception {
        NoAnswer(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** One request as the user asked for it. */
    record Request(URI url, String method, Map<String, String> headers, RequestBody body) {
    }

    private final HostPins pins;
    private final Path caPath;
    private final boolean validateCerts;
    private final Duration timeout;
    private final String followRedirects;

    UriExchange(HostPins pins, Path caPath, boolean validateCerts, Duration timeout, String followRedirects) {
        this.pins = pins;
        this.caPath = caPath;
        this.validateCerts = validateCerts;
        this.timeout = timeout;
        this.followRedirects = followRedirects;
    }

    Response send(Request first) throws ModuleException, NoAnswer, InterruptedException {
        Final<byte[]> f = send(first, HttpResponse.BodyHandlers.ofByteArray());
        return new Response(f.url(), f.response().statusCode(), f.response().headers(), f.response().body(), f.redirected(), f.route());
    }

    /** The last response of a request whose body went to a handler of the caller's (such as a file). */
    record Final<T>(URI url, HttpResponse<T> response, boolean redirected, HostPins.Route route) {
    }

    <T> Final<T> send(Request first, HttpResponse.BodyHandler<T> handler) throws ModuleException, NoAnswer, InterruptedException {
        Request request = first;
        boolean redirected = false;
        for (int hop = 0; ; hop++) {
            HostPins.Route route = pins.route(request.url());
            HttpResponse<T> response = sendOnce(request, route, handler);
            Optional<String> location = response.headers().firstValue("location");
            if (!REDIRECTS.contains(response.statusCode()) || location.isEmpty() || !follows(request.method())) {
                return new Final<>(request.url(), response, redirected, route);
            }
            if (hop == MAX_REDIRECTS) {
                throw new ModuleException("more than " + MAX_REDIRECTS + " redirects from " + first.url() + "; last to " + location.get());
            }
            request = next(request, response.statusCode(), redirectTarget(request.url(), location.get()));
            redirected = true;
        }
    }

    private static URI redirectTarget(URI from, String location) throws ModuleException {
        try {
            URI target = from.resolve(location.trim());
            if (target.getHost() == null || !(target.getScheme().equalsIgnoreCase("http") || target.getScheme().equalsIgnoreCase("https"))) {
                throw new ModuleException(from + " redirects to '" + location + "', which is not an http(s) URL with a host");
            }
            return target;
        } catch (IllegalArgumentException e) {
            throw new ModuleException(from + " redirects to '" + location + "', which is not a valid URL");
        }
    }

    private boolean follows(String method) {
        return switch (followRedirects) {
            case "all", "yes" -> true;
            case "none", "no" -> false;
            default -> method.equals("GET") || method.equals("HEAD");
        };
    }

    /** Browsers' rules: 303 (and 301/302 after POST) become GET without a body; credentials stay on their host. */
    private static Request next(Request request, int status, URI target) {
        boolean toGet = status == 303 && !request.method().equals("HEAD") || (status == 301 || status == 302) && request.method().equals("POST");
        Map<String, String> headers = new LinkedHashMap<>(request.headers());
        if (!target.getHost().equalsIgnoreCase(request.url().getHost())) {
            headers.keySet().removeIf(k -> k.equalsIgnoreCase("authorization"));
        }
        if (toGet) {
            headers.keySet().removeIf(k -> k.equalsIgnoreCase("content-type"));
            return new Request(target, "GET", headers, null);
        }
        return new Request(target, request.method(), headers, request.body());
    }

    private <T> HttpResponse<T> sendOnce(Request request, HostPins.Route route, HttpResponse.BodyHandler<T> handler)
            throws ModuleException, NoAnswer, InterruptedException {
        HttpRequest httpRequest = build(request, route);
        HttpClient client = client(request.url(), route);
        try {
            return client.send(httpRequest, handler);
        } catch (IOException e) {
            throw new NoAnswer(RequestFailure.describe(e, request.url().toString(), route, timeout), e);
        }
    }

    private HttpClient client(URI url, HostPins.Route route) throws ModuleException {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout);
        if (url.getScheme().equalsIgnoreCase("https")) {
            SSLContext tls = TlsTrust.context(caPath, validateCerts, route.pinnedName());
            builder.sslContext(tls);
            if (route.pinned()) {
                // the connection is to an address, for which the JDK sends no SNI: name the host ourselves
                sni(route.pinnedName()).ifPresent(name -> {
                    SSLParameters parameters = tls.getDefaultSSLParameters();
                    parameters.setServerNames(List.of(name));
                    builder.sslParameters(parameters);
                });
            }
        }
        return builder.build();
    }

    /** SNI carries host names only; a URL written with an address has none to send. */
    private static Optional<SNIHostName> sni(String host) {
        try {
            return Optional.of(new SNIHostName(host));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private HttpRequest build(Request request, HostPins.Route route) throws ModuleException {
        HttpRequest.BodyPublisher publisher = request.body() == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(request.body().bytes());
        HttpRequest.Builder builder = HttpRequest.newBuilder(route.connect()).timeout(timeout);
        try {
            builder.method(request.method(), publisher);
        } catch (IllegalArgumentException e) {
            throw new ModuleException("method '" + request.method() + "' is not a valid HTTP method");
        }
        for (Map.Entry<String, String> h : request.headers().entrySet()) {
            try {
                builder.header(h.getKey(), h.getValue());
            } catch (IllegalArgumentException e) {
                throw new ModuleException("header '" + h.getKey() + "' cannot be set: " + e.getMessage());
            }
        }
        if (route.pinned()) {
            try {
                builder.setHeader("Host", route.hostHeader());
            } catch (IllegalArgumentException e) {
                throw new ModuleException(HostHeader.refusedMessage(route.pinnedName()));
            }
        }
        return builder.build();
    }
}
