package io.runbook.modules.helm;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * {@code helm pull} as Helm 3.21 does it ({@code action.Pull}), in process: helm-java has no pull. The chart is found
 * as Helm finds it — a chart name in {@code repoUrl}'s fresh {@code index.yaml}, an absolute URL, or {@code repo/chart}
 * of the user's repositories file with the index Helm cached for it — and its archive is written to the destination,
 * or unpacked there into a folder named as the chart.
 */
final class ChartPull {
    /** What to pull and how; {@code version} is a constraint (or null: the newest stable version). */
    record Request(String chartRef, String version, String repoUrl, String username, String password, boolean passCredentials,
                   boolean insecure, Path caFile, Path certFile, Path keyFile, boolean untar, boolean provenance, Path destination,
                   Path repositoryConfig, Path repositoryCache) {
        @Override
        public String toString() {
            return "Request[" + chartRef + (version == null ? "" : " " + version) + (repoUrl == null ? "" : " from " + repoUrl) + "]";
        }
    }

    /** Helm refused: the message is what the helm CLI prints after {@code Error: }. */
    static final class Failure extends Exception {
        Failure(String message) {
            super(message);
        }
    }

    private record Source(URI url, String ref, ChartDownload.Credentials credentials, ChartDownload download) {
    }

    private ChartPull() {
    }

    /** Pulls the chart; what {@code helm pull} prints (a provenance warning, else nothing). */
    static String run(Request request) throws Failure, InterruptedException {
        try {
            Source source = request.repoUrl() != null ? fromRepositoryUrl(request)
                    : isAbsolute(request.chartRef()) ? fromUrl(request) : fromRepositoryName(request);
            byte[] archive = source.download().get(source.url(), ChartDownload.ARCHIVE_TYPES, source.credentials());
            String name = Path.of(source.url().getPath()).getFileName().toString();
            Path folder = request.untar() ? Files.createTempDirectory("helm-") : request.destination();
            try {
                write(folder.resolve(name), archive);
                String out = request.provenance() ? provenance(source, folder.resolve(name + ".prov")) : "";
                if (request.untar()) {
                    ChartArchive.expand(request.destination(), request.chartRef(), archive);
                }
                return out;
            } finally {
                if (request.untar()) {
                    ChartArchive.delete(folder);
                }
            }
        } catch (IOException e) {
            throw new Failure(e.getMessage());
        }
    }

    /** {@code --repo}: the chart by name in the repository's index, fetched now ({@code FindChartInAuthAndTLSAndPassRepoURL}). */
    private static Source fromRepositoryUrl(Request request) throws IOException, InterruptedException, Failure {
        ChartDownload download = new ChartDownload(RepositoryTls.context(request.caFile(), request.certFile(), request.keyFile(), request.insecure()));
        URI repo = uri(request.repoUrl());
        var credentials = new ChartDownload.Credentials(request.username(), request.password(), repo, request.passCredentials());
        ChartIndex index;
        try {
            index = ChartIndex.parse(new String(download.get(uri(resolve(request.repoUrl(), "index.yaml")), null, credentials),
                    java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            throw new Failure("looks like \"" + request.repoUrl() + "\" is not a valid chart repository or cannot be reached: " + e.getMessage());
        }
        String what = "chart \"" + request.chartRef() + "\"" + (request.version() == null ? "" : " version \"" + request.version() + "\"");
        ChartIndex.Entry entry;
        try {
            entry = index.get(request.chartRef(), request.version());
        } catch (ChartIndex.NotFound e) {
            throw new Failure(what + " not found in " + request.repoUrl() + " repository");
        }
        if (entry.urls().isEmpty()) {
            throw new Failure(what + " has no downloadable URLs");
        }
        URI chart = uri(resolve(request.repoUrl(), entry.urls().get(0)));
        return new Source(chart, chart.toString(), credentials, download);
    }

    private static Source fromUrl(Request request) throws IOException {
        URI url = uri(request.chartRef());
        ChartDownload download = new ChartDownload(RepositoryTls.context(request.caFile(), request.certFile(), request.keyFile(), request.insecure()));
        return new Source(url, request.chartRef(), new ChartDownload.Credentials(request.username(), request.password(), url,
                request.passCredentials()), download);
    }

    /** {@code repo/chart}: the repository of the user's file, and the index Helm cached for it when it was added or updated. */
    private static Source fromRepositoryName(Request request) throws IOException, Failure {
        String ref = request.chartRef();
        int slash = ref.indexOf('/');
        if (slash < 0) {
            throw new Failure("non-absolute URLs should be in form of repo_name/path_to_chart, got: " + ref);
        }
        String repoName = ref.substring(0, slash);
        String chartName = ref.substring(slash + 1);
        RepositoryFile repo = RepositoryFile.find(request.repositoryConfig(), repoName)
                .orElseThrow(() -> new Failure("repo " + repoName + " not found"));
        Path cached = request.repositoryCache().resolve(repoName + "-index.yaml");
        if (!Files.isRegularFile(cached)) {
            throw new Failure("no cached repo found. (try 'helm repo update'): open " + cached + ": no such file or directory");
        }
        ChartIndex.Entry entry;
        try {
            entry = ChartIndex.parse(Files.readString(cached)).get(chartName, request.version());
        } catch (IllegalArgumentException e) {
            throw new Failure("no cached repo found. (try 'helm repo update'): " + e.getMessage());
        } catch (ChartIndex.NotFound e) {
            throw new Failure("chart \"" + chartName + "\" matching " + Optional.ofNullable(request.version()).orElse("")
                    + " not found in " + repoName + " index. (try 'helm repo update'): " + e.getMessage());
        }
        if (entry.urls().isEmpty()) {
            throw new Failure("chart \"" + ref + "\" has no downloadable URLs");
        }
        boolean own = repo.username() != null && repo.password() != null;
        var credentials = new ChartDownload.Credentials(own ? repo.username() : request.username(), own ? repo.password() : request.password(),
                uri(repo.url()), own ? repo.passCredentialsAll() : request.passCredentials());
        boolean ownTls = repo.caFile() != null || repo.certFile() != null || repo.keyFile() != null;
        ChartDownload download = new ChartDownload(ownTls
                ? RepositoryTls.context(path(repo.caFile()), path(repo.certFile()), path(repo.keyFile()), request.insecure())
                : RepositoryTls.context(request.caFile(), request.certFile(), request.keyFile(), request.insecure()));
        return new Source(uri(resolve(repo.url(), entry.urls().get(0))), ref, credentials, download);
    }

    /** {@code --prov}: the provenance file beside the archive; when there is none, Helm's warning is what it prints. */
    private static String provenance(Source source, Path file) throws IOException, InterruptedException {
        byte[] body;
        try {
            body = source.download().get(URI.create(source.url() + ".prov"), ChartDownload.ARCHIVE_TYPES, source.credentials());
        } catch (IOException e) {
            return "WARNING: Verification not found for " + source.ref() + ": " + e.getMessage() + "\n";
        }
        write(file, body);
        return "";
    }

    /** Written whole or not at all, as Helm's AtomicWriteFile. */
    private static void write(Path file, byte[] data) throws IOException {
        if (!Files.isDirectory(file.getParent())) {
            throw new IOException("open " + file + ": no such file or directory");
        }
        Path part = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".part");
        try {
            Files.write(part, data);
            Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(part);
        }
    }

    private static boolean isAbsolute(String ref) {
        try {
            URI u = new URI(ref);
            return u.isAbsolute() && u.getHost() != null && u.getPath() != null && !u.getPath().isEmpty();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** Helm's ResolveReferenceURL: a relative chart URL is taken relative to the repository URL with a trailing slash. */
    static String resolve(String base, String ref) throws IOException {
        URI r = uri(ref);
        if (r.isAbsolute()) {
            return ref;
        }
        URI b = uri(base);
        String path = b.getRawPath() == null || b.getRawPath().isEmpty() ? "/" : b.getRawPath().replaceAll("/+$", "") + "/";
        try {
            URI dir = new URI(b.getScheme(), b.getRawAuthority(), null, null, null).resolve(path);
            URI out = dir.resolve(r);
            return b.getRawQuery() == null ? out.toString() : out + "?" + b.getRawQuery();
        } catch (URISyntaxException e) {
            throw new IOException("failed to parse " + base + " as URL", e);
        }
    }

    private static URI uri(String text) throws IOException {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new IOException("invalid chart URL format: " + text, e);
        }
    }

    private static Path path(String text) {
        return text == null ? null : Path.of(text);
    }
}
