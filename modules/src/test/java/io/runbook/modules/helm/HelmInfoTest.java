package io.runbook.modules.helm;

import static io.runbook.modules.helm.HelmLab.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.module.DirectRun;
import io.runbook.engine.module.Result;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** helm_info against the lab: status and user-supplied values of a release, read-only, secrets registered. */
class HelmInfoTest {
    private static final String PASSWORD = "info-pa55word-value";
    private static final String TOKEN = "info-token-value";

    @Test
    void returnsStatusChartAndValuesOfAnInstalledRelease(@TempDir Path dir) throws Exception {
        String ns = install(dir, Map.of("message", "hello"));
        try (DirectRun info = HelmLab.info(ns)) {
            Result r = info.run(args("name", "web"));
            assertFalse(r.isChanged(), r.toString());
            assertFalse(r.isFailed(), r.toString());
            assertEquals(true, r.data().get("exists"));
            assertEquals("web", r.data().get("name"));
            assertEquals(ns, r.data().get("namespace"));
            assertEquals(1, r.data().get("revision"));
            assertEquals("deployed", r.data().get("status"));
            assertEquals("demo-0.1.0", r.data().get("chart"));
            assertEquals("1.0.0", r.data().get("app_version"));
            assertEquals(Map.of("message", "hello"), r.data().get("values"));
        }
    }

    @Test
    void aReleaseInstalledWithoutValuesHasEmptyValues(@TempDir Path dir) throws Exception {
        String ns = HelmLab.namespace("info-none");
        try (DirectRun release = HelmLab.run(ns); DirectRun info = HelmLab.info("default")) {
            release.run(args("name", "web", "chart", HelmLab.chartCopy(dir).toString()));
            Result r = info.run(args("release_name", "web", "release_namespace", ns));
            assertEquals(true, r.data().get("exists"));
            assertEquals(Map.of(), r.data().get("values"));
        }
    }

    @Test
    void aMissingReleaseDoesNotExistAndIsNotAFailure() throws Exception {
        String ns = HelmLab.namespace("info-missing");
        try (DirectRun info = HelmLab.info(ns)) {
            Result r = info.run(args("name", "nothing-here"));
            assertFalse(r.isFailed(), r.toString());
            assertFalse(r.isChanged());
            assertEquals(false, r.data().get("exists"));
            assertEquals(Map.of(), r.data().get("values"));
        }
    }

    @Test
    void checkModeReadsTheSameAndNothingChanges(@TempDir Path dir) throws Exception {
        String ns = install(dir, Map.of("message", "checked"));
        try (DirectRun info = HelmLab.info(ns).check(true)) {
            Result r = info.run(args("name", "web"));
            assertFalse(r.isChanged(), r.toString());
            assertEquals(true, r.data().get("exists"));
            assertEquals(Map.of("message", "checked"), r.data().get("values"));
            assertEquals(1, HelmLab.history(ns, "web").size(), "reading added no revision");
        }
        assertTrue(new HelmInfo().supportsCheckMode());
    }

    @Test
    void secretLookingValuesAreReturnedButRegisteredWithTheRedactor(@TempDir Path dir) throws Exception {
        Map<String, Object> values = Map.of("message", "plain-message",
                "secrets", Map.of("postgres", Map.of("password", PASSWORD)),
                "auth", Map.of("apiToken", TOKEN), "adminPass", "admin-pass-value");
        String ns = install(dir, values);
        try (DirectRun info = HelmLab.info(ns)) {
            Result r = info.run(args("name", "web"));
            assertEquals(values, r.data().get("values"), "values are not masked: the caller backs them up");
            assertTrue(info.secrets().contains(PASSWORD), info.secrets().toString());
            assertTrue(info.secrets().contains(TOKEN), info.secrets().toString());
            assertTrue(info.secrets().contains("admin-pass-value"), info.secrets().toString());
            assertFalse(info.secrets().contains("plain-message"));
            assertFalse(String.valueOf(r.msg()).contains(PASSWORD), r.msg());
        }
    }

    private static String install(Path dir, Map<String, Object> values) throws Exception {
        String ns = HelmLab.namespace("info");
        try (DirectRun release = HelmLab.run(ns)) {
            Result installed = release.run(args("name", "web", "chart", HelmLab.chartCopy(dir).toString(), "values", values));
            assertTrue(installed.isChanged(), installed.toString());
        }
        return ns;
    }
}
