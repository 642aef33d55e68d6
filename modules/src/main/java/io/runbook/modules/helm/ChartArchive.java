package io.runbook.modules.helm;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.Load;

/**
 * {@code helm pull --untar}: a pulled chart archive unpacked into a folder named as the chart ({@code Chart.yaml}'s
 * name) in the destination, as Helm's {@code chartutil.ExpandFile}; refused, as Helm refuses it, when the destination
 * already has something named as the last part of the chart reference.
 */
final class ChartArchive {
    private ChartArchive() {
    }

    static void expand(Path destination, String chartRef, byte[] archive) throws IOException {
        Path check = destination.resolve(chartRef.substring(chartRef.lastIndexOf('/') + 1));
        if (Files.exists(check)) {
            throw new IOException("failed to untar: a file or directory with the name " + check + " already exists");
        }
        Map<String, byte[]> files = LocalChart.archiveFiles(new ByteArrayInputStream(archive), check.getFileName().toString());
        String name = chartName(files.get("Chart.yaml"));
        Files.createDirectories(check);
        TemplateChart.write(destination.resolve(name).normalize(), files);
    }

    private static String chartName(byte[] chartYaml) throws IOException {
        Object doc = chartYaml == null ? null : new Load(LocalChart.textScalars("Chart.yaml")).loadFromString(new String(chartYaml, java.nio.charset.StandardCharsets.UTF_8));
        String name = doc instanceof Map<?, ?> m && m.get("name") != null ? String.valueOf(m.get("name")) : "";
        if (name.isEmpty()) {
            throw new IOException("chart name not specified");
        }
        if (name.contains("/") || name.contains("\\") || name.equals("..") || name.equals(".")) {
            throw new IOException("chart name \"" + name + "\" is not a valid directory name");
        }
        return name;
    }

    /** Removes a temporary folder and what is in it. */
    static void delete(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is no failure of the pull
        }
    }
}
