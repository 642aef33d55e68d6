package io.runbook.modules.helm;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * GETs of a chart repository's files as Helm's HTTP getter does them: basic auth only to the repository's own
 * scheme, host and port unless credentials pass to all domains, redirects followed (the credentials judged again at
 * every hop), anything but 200 an error in Helm's words ({@code failed to fetch URL : 404 Not Found}).
 */
final class ChartDownload {
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final Map<Integer, String> REASONS = Map.of(400, "Bad Request", 401, "Unauthorized", 403, "Forbidden",
            404, "Not Found", 500, "Internal Server Error", 502, "Bad Gateway", 503, "Service Unavailable");
    static final String ARCHIVE_TYPES = "application/gzip,application/octet-stream";

    /** Basic-auth credentials, sent to {@code owner}'s scheme, host and port, or everywhere with {@code toAllHosts}. */
    record Credentials(String username, String password, URI owner, boolean toAllHosts) {
        static final Credentials NONE = new Credentials(null, null, null, false);

        boolean sentTo(URI url) {
            boolean given = username != null && !username.isEmpty() && password != null && !password.isEmpty();
            return given && (toAllHosts || owner != null && Objects.equals(owner.getScheme(), url.getScheme())
                    && Objects.equals(owner.getHost(), url.getHost()) && owner.getPort() == url.getPort());
        }

        @Override
        public String toString() {
            return "Credentials[username=" + username + ", password=" + (password == null ? null : "********") + "]";
        }
    }

    private final HttpClient http;

    ChartDownload(SSLContext tls) {
        http = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(30))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The body of {@code url} ({@code accept} as the Accept header when not null). */
    byte[] get(URI url, String accept, Credentials credentials) throws IOException, InterruptedException {
        URI at = url;
        for (int hop = 0; hop <= 10; hop++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(at).timeout(Duration.ofMinutes(2)).GET()
                    .header("User-Agent", "Helm/3.21.0");
            if (accept != null) {
                request.header("Accept", accept);
            }
            if (credentials.sentTo(at)) {
                String pair = credentials.username() + ":" + credentials.password();
                request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
            }
            HttpResponse<byte[]> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                throw new IOException("Get \"" + at + "\": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
            }
            var location = response.headers().firstValue("location");
            if (REDIRECTS.contains(response.statusCode()) && location.isPresent()) {
                at = at.resolve(location.get());
                continue;
            }
            if (response.statusCode() != 200) {
                int code = response.statusCode();
                throw new IOException("failed to fetch " + url + " : " + code + (REASONS.containsKey(code) ? " " + REASONS.get(code) : ""));
            }
            return response.body();
        }
        throw new IOException("Get \"" + url + "\": stopped after 10 redirects");
    }
}
