package io.runbook.modules.helm;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A local chart copied into a private folder for {@code helm_template}, so that helm-java's template, which renders
 * the release manifest only, renders the hooks too: Helm's hook annotation key is renamed to {@link #STAND_IN} in
 * every file but {@code crds/} (and in the values, {@link #values}), which makes Helm keep hooks among the manifests;
 * {@link TemplateOutput} puts the key back and sorts the hooks out again as {@code helm template} prints them. Subchart
 * archives are unpacked into folders of the same name so that their files are renamed too. The chart's {@code crds/}
 * files, which helm-java's template never prints, are kept for {@code include_crds}.
 */
final class TemplateChart {
    static final String HOOK = "helm.sh/hook";
    /** Not a key Helm reads, and as unlikely as can be in a chart: replaced back in everything Helm renders. */
    static final String STAND_IN = "runbook.invalid/held-helm-hook";
    private static final Pattern SUBCHART_ARCHIVE = Pattern.compile("^((?:charts/[^/]+/)*)charts/([^/]+)\\.tgz$");
    private static final Pattern CRD_FILE = Pattern.compile("^((?:charts/[^/]+/)*)crds/[^\\n]*\\.(?i:yaml|yml|json)$");

    /** A {@code crds/} file: its path as Helm names it ({@code chart/crds/x.yaml}) and its text. */
    record Crd(String source, String text) {
    }

    private final Path dir;

    private TemplateChart(Path dir) {
        this.dir = dir;
    }

    /** The chart folder or {@code .tgz} {@code chart} copied into the empty folder {@code dir}, its hooks renamed. */
    static TemplateChart copy(Path chart, Path dir) throws IOException {
        write(dir, renamed(LocalChart.files(chart)));
        return new TemplateChart(dir);
    }

    Path dir() {
        return dir;
    }

    /**
     * After Helm fetched the chart's missing dependencies into the copy ({@code dependency_update}): whether it did,
     * and if so their archives unpacked and renamed like the rest. Helm then renders the copy again.
     */
    boolean takeFetchedDependencies() throws IOException {
        Map<String, byte[]> files = LocalChart.directoryFiles(dir);
        if (files.keySet().stream().noneMatch(p -> SUBCHART_ARCHIVE.matcher(p).matches())) {
            return false;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).filter(p -> !p.equals(dir)).forEach(p -> p.toFile().delete());
        }
        write(dir, renamed(files));
        return true;
    }

    /**
     * The {@code crds/} files of the chart and then of its subcharts, as {@code helm template --include-crds} prints
     * them: named by the chart's name (and {@code charts/} and each subchart's name), the text as it is.
     */
    List<Crd> crds() throws IOException {
        Map<String, byte[]> files = LocalChart.directoryFiles(dir);
        List<Crd> out = new ArrayList<>();
        collectCrds(files, "", chartName(files, ""), out);
        return out;
    }

    private static void collectCrds(Map<String, byte[]> files, String root, String fullName, List<Crd> out) throws IOException {
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            Matcher m = CRD_FILE.matcher(e.getKey());
            if (m.matches() && m.group(1).equals(root)) {
                out.add(new Crd(fullName + "/" + e.getKey().substring(root.length()), new String(e.getValue(), StandardCharsets.UTF_8)));
            }
        }
        Pattern subchart = Pattern.compile(Pattern.quote(root) + "charts/[^/]+/Chart\\.yaml");
        List<String> subcharts = files.keySet().stream().filter(p -> subchart.matcher(p).matches())
                .map(p -> p.substring(0, p.length() - "Chart.yaml".length())).toList();
        for (String sub : subcharts) {
            collectCrds(files, sub, fullName + "/charts/" + chartName(files, sub), out);
        }
    }

    private static String chartName(Map<String, byte[]> files, String root) throws IOException {
        Object meta = new org.snakeyaml.engine.v2.api.Load(LocalChart.textScalars("Chart.yaml"))
                .loadFromString(new String(files.get(root + "Chart.yaml"), StandardCharsets.UTF_8));
        if (!(meta instanceof Map<?, ?> m) || m.get("name") == null) {
            throw new IOException(root + "Chart.yaml has no name");
        }
        return String.valueOf(m.get("name"));
    }

    /** The files with every subchart archive unpacked (into charts/NAME/) and the hook key renamed outside crds/. */
    private static Map<String, byte[]> renamed(Map<String, byte[]> files) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            Matcher archive = SUBCHART_ARCHIVE.matcher(e.getKey());
            if (archive.matches()) {
                String into = archive.group(1) + "charts/" + archive.group(2) + "/";
                Map<String, byte[]> inner = LocalChart.archiveFiles(new ByteArrayInputStream(e.getValue()), e.getKey());
                renamed(inner).forEach((p, data) -> out.put(into + p, data));
            } else {
                out.put(e.getKey(), CRD_FILE.matcher(e.getKey()).matches() ? e.getValue() : renamed(e.getValue()));
            }
        }
        return out;
    }

    private static byte[] renamed(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        return text.contains(HOOK) ? text.replace(HOOK, STAND_IN).getBytes(StandardCharsets.UTF_8) : data;
    }

    /** The user's values with the hook key renamed in keys and text, as in the chart's files. */
    @SuppressWarnings("unchecked")
    static Object values(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k).replace(HOOK, STAND_IN), values(v)));
            return out;
        }
        if (value instanceof List<?> l) {
            return l.stream().map(TemplateChart::values).toList();
        }
        return value instanceof String s ? s.replace(HOOK, STAND_IN) : value;
    }

    /** Helm's rendering with the hook key as it was written. */
    static String restored(String rendered) {
        return rendered.replace(STAND_IN, HOOK);
    }

    /** Writes {@code files} (chart-relative paths) under {@code dir}, refusing a path that leads out of it. */
    static void write(Path dir, Map<String, byte[]> files) throws IOException {
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            Path file = dir.resolve(e.getKey()).normalize();
            if (!file.startsWith(dir)) {
                throw new IOException("chart file " + e.getKey() + " lies outside the chart");
            }
            Files.createDirectories(file.getParent());
            Files.write(file, e.getValue());
        }
    }
}
