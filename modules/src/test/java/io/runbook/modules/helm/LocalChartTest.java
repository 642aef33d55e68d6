package io.runbook.modules.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the changed rule knows of a local chart: identity and content digest. */
class LocalChartTest {

    @Test
    void readsNameVersionAndAppVersion(@TempDir Path dir) throws Exception {
        LocalChart chart = LocalChart.read(HelmLab.chartCopy(dir));
        assertEquals("demo-0.1.0", chart.nameVersion());
        assertEquals("1.0.0", chart.appVersion());
        assertTrue(chart.digest().matches("sha256:[0-9a-f]{32}"), chart.digest());
    }

    @Test
    void versionsWrittenAsNumbersAreReadAsWritten(@TempDir Path dir) throws Exception {
        Path chart = Files.createDirectories(dir.resolve("numbers"));
        Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: numbers\nversion: 1.10\nappVersion: 2.0\n");
        LocalChart read = LocalChart.read(chart);
        assertEquals("numbers-1.10", read.nameVersion(), "Helm reads version as the text written, not the number 1.1");
        assertEquals("2.0", read.appVersion());
    }

    @Test
    void aTemplateEditChangesTheDigestButAnIgnoredFileDoesNot(@TempDir Path dir) throws Exception {
        Path chart = HelmLab.chartCopy(dir);
        String before = LocalChart.read(chart).digest();
        Files.writeString(chart.resolve("templates/configmap.yaml.swp"), "editor swap file");
        Files.createDirectories(chart.resolve(".idea"));
        Files.writeString(chart.resolve(".idea/workspace.xml"), "<x/>");
        assertEquals(before, LocalChart.read(chart).digest(), ".helmignore'd files are not part of the chart");
        Files.writeString(chart.resolve("templates/configmap.yaml"), "# edited\n", java.nio.file.StandardOpenOption.APPEND);
        assertNotEquals(before, LocalChart.read(chart).digest());
    }

    @Test
    void anArchiveOfTheFolderHasTheFoldersDigest(@TempDir Path dir) throws Exception {
        Path chart = HelmLab.chartCopy(dir);
        Path archive = dir.resolve("demo-0.1.0.tgz");
        Process tar = new ProcessBuilder("tar", "czf", archive.toString(), "-C", dir.toString(), "demo").inheritIO().start();
        assertEquals(0, tar.waitFor());
        LocalChart packaged = LocalChart.read(archive);
        assertEquals(LocalChart.read(chart), packaged);
    }

    @Test
    void ignorePatternsFollowHelmsRules() {
        List<String> patterns = List.of("*.swp", ".idea/", "secrets/*.pem");
        assertTrue(LocalChart.isIgnored("templates/a.yaml.swp", patterns));
        assertTrue(LocalChart.isIgnored(".idea/workspace.xml", patterns));
        assertTrue(LocalChart.isIgnored("secrets/ca.pem", patterns));
        assertFalse(LocalChart.isIgnored("templates/idea.yaml", patterns));
        assertFalse(LocalChart.isIgnored(".idea", patterns), "a folder pattern does not match a file of that name");
    }

    @Test
    void aFolderWithoutChartYamlIsNotAChart(@TempDir Path dir) {
        IOException e = assertThrows(IOException.class, () -> LocalChart.read(dir));
        assertTrue(e.getMessage().contains("no Chart.yaml"), e.getMessage());
    }
}
