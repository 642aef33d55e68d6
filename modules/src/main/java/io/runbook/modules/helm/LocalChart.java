package io.runbook.modules.helm;

import io.runbook.engine.yaml.YamlLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.schema.FailsafeSchema;

/**
 * A chart on disk (a directory or a {@code .tgz}) as this module compares it: the name, version and app
 * version of its {@code Chart.yaml} and a digest of every file's path and content. The digest is the same
 * for a directory and for the archive {@code helm package} makes of it (the archive's top folder is
 * dropped), so an edited template under an unchanged version is still a change. {@code crds} holds the
 * texts of its {@code crds/} files.
 */
record LocalChart(String name, String version, String appVersion, String digest, List<String> crds) {
    private static final LoadSettings CHART_YAML = textScalars("Chart.yaml");

    /**
     * Chart.yaml and index.yaml as Helm reads them into its string fields: every scalar as written
     * ({@code version: 1.10} is "1.10", not the number 1.1; {@code appVersion: 2.0} is "2.0").
     */
    static LoadSettings textScalars(String label) {
        return LoadSettings.builder().setLabel(label).setSchema(new FailsafeSchema())
                .setCodePointLimit(YamlLoader.CODE_POINT_LIMIT).build();
    }


    static LocalChart read(Path chart) throws IOException {
        Map<String, byte[]> files = files(chart);
        byte[] chartYaml = files.get("Chart.yaml");
        if (chartYaml == null) {
            throw new IOException(chart + " is not a Helm chart: it has no Chart.yaml");
        }
        Object doc = new Load(CHART_YAML).loadFromString(new String(chartYaml, StandardCharsets.UTF_8));
        if (!(doc instanceof Map<?, ?> meta) || meta.get("name") == null || meta.get("version") == null) {
            throw new IOException(chart + "/Chart.yaml has no name or version");
        }
        return new LocalChart(String.valueOf(meta.get("name")), String.valueOf(meta.get("version")),
                meta.get("appVersion") == null ? null : String.valueOf(meta.get("appVersion")), digest(files), crds(files));
    }

    /** The chart's files as Helm loads them (a folder's less what {@code .helmignore} leaves out), keyed by path. */
    static Map<String, byte[]> files(Path chart) throws IOException {
        return Files.isDirectory(chart) ? directoryFiles(chart) : archiveFiles(chart);
    }

    /** The texts of the chart's {@code crds/} files, which Helm applies before a first install's templates. */
    private static List<String> crds(Map<String, byte[]> files) {
        return files.entrySet().stream().filter(e -> e.getKey().startsWith("crds/")
                        && (e.getKey().endsWith(".yaml") || e.getKey().endsWith(".yml") || e.getKey().endsWith(".json")))
                .map(e -> new String(e.getValue(), StandardCharsets.UTF_8)).toList();
    }

    /** {@code name-version}, as Helm shows a chart. */
    String nameVersion() {
        return name + "-" + version;
    }

    static String digest(Map<String, byte[]> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> e : new TreeMap<>(files).entrySet()) {
                sha.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(Integer.toString(e.getValue().length).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(e.getValue());
            }
            return "sha256:" + HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, byte[]> directoryFiles(Path dir) throws IOException {
        List<String> ignored = ignorePatterns(dir.resolve(".helmignore"));
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                String rel = dir.relativize(p).toString().replace('\\', '/');
                if (!rel.startsWith(".git/") && !isIgnored(rel, ignored)) {
                    out.put(rel, Files.readAllBytes(p));
                }
            }
        }
        return out;
    }

    /** The patterns of a {@code .helmignore} (negations are not supported and are left out). */
    static List<String> ignorePatterns(Path helmignore) throws IOException {
        if (!Files.isRegularFile(helmignore)) {
            return List.of();
        }
        return Files.readAllLines(helmignore).stream().map(String::trim)
                .filter(l -> !l.isEmpty() && !l.startsWith("#") && !l.startsWith("!")).toList();
    }

    /**
     * Whether Helm leaves the file out of the chart: a pattern ending in {@code /} names folders; a pattern
     * without {@code /} matches any file or folder name; others match the path from the chart's root.
     */
    static boolean isIgnored(String rel, List<String> patterns) {
        String[] parts = rel.split("/");
        for (String pattern : patterns) {
            boolean dirOnly = pattern.endsWith("/");
            String glob = dirOnly ? pattern.substring(0, pattern.length() - 1) : pattern;
            glob = glob.startsWith("/") ? glob.substring(1) : glob;
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
            if (glob.contains("/")) {
                for (int i = 1; i <= parts.length - (dirOnly ? 1 : 0); i++) {
                    if (matcher.matches(Path.of(String.join("/", java.util.Arrays.copyOfRange(parts, 0, i))))) {
                        return true;
                    }
                }
                continue;
            }
            for (int i = 0; i < parts.length - (dirOnly ? 1 : 0); i++) {
                if (matcher.matches(Path.of(parts[i]))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The regular files of a gzipped tar, keyed by path without the top folder. */
    static Map<String, byte[]> archiveFiles(Path archive) throws IOException {
        try (InputStream in = Files.newInputStream(archive)) {
            return archiveFiles(in, archive.toString());
        }
    }

    /** The regular files of the gzipped tar {@code gzipped} (named {@code label} in errors), keyed by path without the top folder. */
    static Map<String, byte[]> archiveFiles(InputStream gzipped, String label) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (InputStream in = new GZIPInputStream(gzipped)) {
            byte[] header = new byte[512];
            String longName = null;
            while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
                String name = text(header, 0, 100);
                String prefix = text(header, 345, 155);
                long size = Long.parseLong(text(header, 124, 12).trim().isEmpty() ? "0" : text(header, 124, 12).trim(), 8);
                char type = (char) header[156];
                byte[] body = in.readNBytes((int) size);
                in.skipNBytes((512 - size % 512) % 512);
                if (type == 'L') {
                    longName = new String(body, StandardCharsets.UTF_8).trim();
                    continue;
                }
                if (type == 'x') {
                    longName = paxPath(new String(body, StandardCharsets.UTF_8));
                    continue;
                }
                String path = longName != null ? longName : prefix.isEmpty() ? name : prefix + "/" + name;
                longName = null;
                if (type == '0' || type == 0) {
                    int slash = path.indexOf('/');
                    out.put(slash >= 0 ? path.substring(slash + 1) : path, body);
                }
            }
        }
        if (out.isEmpty()) {
            throw new IOException(label + " holds no files (is it a chart archive made by helm package?)");
        }
        return out;
    }

    private static String paxPath(String records) {
        for (String line : records.split("\n")) {
            int eq = line.indexOf(" path=");
            if (eq >= 0) {
                return line.substring(eq + 6);
            }
        }
        return null;
    }

    private static String text(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }
}
