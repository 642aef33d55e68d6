package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A Helm chart repository on loopback for the helm playbooks: the files of {@code site} (its {@code index.yaml} and
 * packaged charts) under each of the given roots, with basic auth when a username is given (401 and a challenge
 * without it), 404 for what is not there.
 */
final class ChartRepositoryServer implements AutoCloseable {
    private final HttpServer server;

    ChartRepositoryServer(Path site, String username, String password, String... roots) throws IOException {
        String auth = username == null ? null
                : "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        for (String root : roots) {
            server.createContext(root, exchange -> {
                Path file = site.resolve(exchange.getRequestURI().getPath().substring(root.length())).normalize();
                boolean allowed = auth == null || auth.equals(exchange.getRequestHeaders().getFirst("Authorization"));
                byte[] body = allowed && file.startsWith(site) && Files.isRegularFile(file) ? Files.readAllBytes(file) : new byte[0];
                if (!allowed) {
                    exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"charts\"");
                }
                exchange.sendResponseHeaders(!allowed ? 401 : body.length == 0 ? 404 : 200, body.length == 0 ? -1 : body.length);
                if (body.length > 0) {
                    exchange.getResponseBody().write(body);
                }
                exchange.close();
            });
        }
        server.start();
    }

    /** The repository's URL under {@code root} ({@code /charts/}). */
    String url(String root) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + root;
    }

    /**
     * Packages the chart folder {@code chart} as {@code helm package} would name it, {@code NAME-VERSION.tgz} in
     * {@code site}, with {@code version} written into its Chart.yaml; its index entry (relative URL, digest).
     */
    static String packageChart(Path chart, String version, Path site) throws IOException, InterruptedException {
        String name = chart.getFileName().toString();
        Path work = Files.createTempDirectory(site, ".pack");
        Path copy = work.resolve(name);
        EngineRun.copyTree(chart, copy);
        Path chartYaml = copy.resolve("Chart.yaml");
        Files.writeString(chartYaml, Files.readString(chartYaml).replaceFirst("(?m)^version: .*$", "version: " + version));
        Path archive = site.resolve(name + "-" + version + ".tgz");
        Process tar = new ProcessBuilder("tar", "czf", archive.toString(), "-C", work.toString(), name).inheritIO().start();
        assertEquals(0, tar.waitFor());
        try (Stream<Path> walk = Files.walk(work)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        return """
                  - apiVersion: v2
                    name: %s
                    version: %s
                    created: "2026-01-01T00:00:00Z"
                    digest: %s
                    urls: ["%s"]
                """.formatted(name, version, sha256(archive), archive.getFileName());
    }

    /** An index.yaml of one chart's entries (from {@link #packageChart}). */
    static String index(String chart, List<String> entries) {
        return "apiVersion: v1\nentries:\n  " + chart + ":\n" + String.join("", entries) + "generated: \"2026-01-01T00:00:00Z\"\n";
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The files Helm's cache (where the helm CLI keeps it: HELM_REPOSITORY_CACHE, else ~/.cache/helm/repository) gets
     * when repository {@code repo} is added and {@code archives} are fetched through it, of those not there yet: for
     * the test to delete afterwards.
     */
    static List<Path> newCacheFiles(String repo, String... archives) {
        String configured = System.getenv("HELM_REPOSITORY_CACHE");
        Path cache = configured != null ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".cache", "helm", "repository");
        List<String> names = new java.util.ArrayList<>(List.of(repo + "-index.yaml", repo + "-charts.txt"));
        names.addAll(List.of(archives));
        return names.stream().map(cache::resolve).filter(p -> !Files.exists(p)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
