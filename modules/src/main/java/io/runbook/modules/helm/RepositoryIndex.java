package io.runbook.modules.helm;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * A chart repository's {@code index.yaml}, read to pin an unpinned {@code repo/chart}: the newest stable
 * version (no pre-release), as {@code helm install} would pick. With the version pinned, the changed rule
 * can tell whether the deployed release is current, and Helm installs exactly the version compared.
 */
final class RepositoryIndex {
    private RepositoryIndex() {
    }

    /** The newest stable version of {@code chart} in the repository at {@code repoUrl}, if it lists any. */
    static Optional<String> latestVersion(String repoUrl, String chart) throws IOException, InterruptedException {
        URI index = URI.create(repoUrl.endsWith("/") ? repoUrl + "index.yaml" : repoUrl + "/index.yaml");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(index).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(index + " answered " + response.statusCode());
        }
        return newestStable(response.body(), chart);
    }

    /** The newest stable version of {@code chart} in the index text, as {@code helm install} without a version takes it. */
    static Optional<String> newestStable(String indexYaml, String chart) {
        try {
            return Optional.of(ChartIndex.parse(indexYaml).get(chart, null).version().text());
        } catch (ChartIndex.NotFound | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
