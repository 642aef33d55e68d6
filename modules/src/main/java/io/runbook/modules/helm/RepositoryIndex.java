package io.runbook.modules.helm;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.Load;

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

    private static final org.snakeyaml.engine.v2.api.LoadSettings INDEX_YAML = LocalChart.textScalars("index.yaml");

    static Optional<String> newestStable(String indexYaml, String chart) {
        Object doc = new Load(INDEX_YAML).loadFromString(indexYaml);
        if (!(doc instanceof Map<?, ?> root) || !(root.get("entries") instanceof Map<?, ?> entries)
                || !(entries.get(chart) instanceof List<?> versions)) {
            return Optional.empty();
        }
        return versions.stream().filter(Map.class::isInstance).map(v -> String.valueOf(((Map<?, ?>) v).get("version")))
                .filter(v -> !v.contains("-")).max(Comparator.comparing(RepositoryIndex::numbers, RepositoryIndex::compare));
    }

    private static int[] numbers(String version) {
        String core = version.startsWith("v") ? version.substring(1) : version;
        core = core.contains("+") ? core.substring(0, core.indexOf('+')) : core;
        String[] parts = core.split("\\.");
        int[] out = new int[3];
        for (int i = 0; i < Math.min(3, parts.length); i++) {
            try {
                out[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                out[i] = -1;
            }
        }
        return out;
    }

    private static int compare(int[] a, int[] b) {
        for (int i = 0; i < 3; i++) {
            if (a[i] != b[i]) {
                return Integer.compare(a[i], b[i]);
            }
        }
        return 0;
    }
}
