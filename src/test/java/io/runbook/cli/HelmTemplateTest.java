package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kubernetes.core.helm_template tasks run as a user runs them. No helm binary is on the test machine, so what the
 * module prints is compared with what Helm itself stored when it installed the same chart (name, namespace, values)
 * on a lab cluster: {@code helm template} prints a release's manifest and then its hooks, each as
 * {@code ---\n# Source: PATH\nTEXT}, and the stored release holds exactly those (cmd/helm/template.go). The
 * playbook's asserts cover the arguments; the command lines are compared with ansible-playbook's in
 * {@link AnsibleParityTest} (helm_template_command.yml).
 */
class HelmTemplateTest {
    private static final String DIR = HelmcompatLab.DIR;
    private static HelmcompatLab lab;

    @BeforeAll
    static void startLab(@TempDir Path tmp) throws Exception {
        lab = new HelmcompatLab(tmp, "c1");
    }

    @AfterAll
    static void stopLab() {
        lab.close();
    }

    @Test
    void printsTheManifestAndHooksHelmStoresForTheSameInstall(@TempDir Path out) throws Exception {
        RunResult r = lab.run("kubernetes-core-helm-template.yml", "-e", "out=" + out);
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("localhost                  : ok=17   changed=7    unreachable=0    failed=0    skipped=0    rescued=0    ignored=2"), r.out());

        Map<?, ?> release = storedRelease("web", "demo");
        StringBuilder expected = new StringBuilder(String.valueOf(release.get("manifest")).strip()).append('\n');
        for (Object hook : (List<?>) release.get("hooks")) {
            Map<?, ?> h = (Map<?, ?>) hook;
            expected.append("---\n# Source: ").append(h.get("path")).append('\n').append(h.get("manifest")).append('\n');
        }
        assertEquals(expected.toString(), Files.readString(out.resolve("stdout.yaml")));
        assertEquals(4, ((List<?>) release.get("hooks")).size(), "the chart's four hooks (a test, a subchart's), not the one of an unknown event");
    }

    @Test
    void writesEachTemplatesDocumentsToItsFileAsHelmDoes(@TempDir Path out) throws Exception {
        RunResult r = lab.run("kubernetes-core-helm-template.yml", "-e", "out=" + out);
        assertEquals(0, r.exitCode(), r.toString());
        Path files = out.resolve("files/rendered");
        assertEquals("---\n# Source: rendered/templates/service.yaml\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: demo-runner\n"
                + "---\n# Source: rendered/templates/service.yaml\napiVersion: v1\nkind: Service\nmetadata:\n  name: demo-web\nspec:\n"
                + "  ports:\n    - port: 80\n", Files.readString(files.resolve("templates/service.yaml")));
        String hooks = Files.readString(files.resolve("templates/hooks.yaml"));
        assertTrue(hooks.startsWith("---\n# Source: rendered/templates/hooks.yaml\napiVersion: v1\nkind: ServiceAccount\n"), hooks);
        assertTrue(hooks.contains("\n---\n# Source: rendered/templates/hooks.yaml\napiVersion: v1\nkind: ConfigMap\n"), hooks);
        assertFalse(hooks.contains("odd"), "a hook of an unknown event is left out: " + hooks);
        assertEquals(Files.readString(EngineRun.FIXTURES.resolve(DIR + "charts/rendered/crds/widgets.yaml")),
                Files.readString(files.resolve("crds/widgets.yaml")).substring("---\n# Source: rendered/crds/widgets.yaml\n".length()).replaceFirst("\n$", ""));
        assertTrue(Files.exists(files.resolve("charts/extra/templates/configmap.yaml")));
    }

    @Test
    void aPackagedChartWithAPackagedSubchartRendersAsItsFolder(@TempDir Path tmp) throws Exception {
        Path charts = EngineRun.FIXTURES.resolve(DIR + "charts").toAbsolutePath();
        Path copy = Files.createDirectories(tmp.resolve("copy"));
        tar(tmp.resolve("extra-0.1.0.tgz"), charts.resolve("rendered/charts"), "extra");
        tar(tmp.resolve("all.tgz"), charts, "rendered");
        // the chart again, its subchart packaged as `helm dependency update` leaves it, then the whole packaged
        assertEquals(0, new ProcessBuilder("tar", "xzf", tmp.resolve("all.tgz").toString(), "-C", copy.toString(),
                "--exclude", "rendered/charts/extra").inheritIO().start().waitFor());
        Files.copy(tmp.resolve("extra-0.1.0.tgz"), copy.resolve("rendered/charts/extra-0.1.0.tgz"));
        tar(tmp.resolve("rendered-0.3.0.tgz"), copy, "rendered");
        RunResult r = lab.run("template-packaged.yml", "-e", "packaged=" + tmp.resolve("rendered-0.3.0.tgz"));
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("localhost                  : ok=3    changed=2 "), r.out());
    }

    private static void tar(Path archive, Path folder, String entry) throws Exception {
        assertEquals(0, new ProcessBuilder("tar", "czf", archive.toString(), "-C", folder.toString(), entry).inheritIO().start().waitFor());
    }

    @Test
    void aMissingChartIsNamedAtItsArgument() {
        RunResult r = lab.run("template-missing-chart.yml");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.out().contains(EngineRun.FIXTURES.resolve(DIR + "template-missing-chart.yml") + ":7:20: chart_ref 'charts/nothere'"), r.out());
        assertFalse(r.out().contains("Exception") || r.err().contains("\tat "), "no stack trace: " + r);
    }

    @Test
    void aBadValuesFileIsRefusedAtItsPlaceBeforeAnythingRuns() {
        HostileInputTest.refusedRun(lab.run("template-bad-values.yml"),
                EngineRun.FIXTURES.resolve(DIR + "values/broken.yaml") + ":2:8",
                "invalid YAML: mapping values are not allowed here");
    }

    @Test
    void aBadSetValuesEntryIsRefusedAtItsArgumentBeforeAnythingRuns() {
        HostileInputTest.refusedRun(lab.run("template-bad-set-values.yml"), EngineRun.FIXTURES.resolve(DIR + "template-bad-set-values.yml")
                + ":9:11", "a set_values value is not key=value");
    }

    /** The newest record Helm keeps for the release: the Secret's data is base64 of gzipped JSON. */
    private static Map<?, ?> storedRelease(String namespace, String name) throws Exception {
        Secret s = lab.lab().cluster("c1").client().secrets().inNamespace(namespace).withName("sh.helm.release.v1." + name + ".v1").get();
        byte[] gzipped = Base64.getDecoder().decode(new String(Base64.getDecoder().decode(s.getData().get("release")), StandardCharsets.UTF_8));
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            return new ObjectMapper().readValue(in.readAllBytes(), Map.class);
        }
    }
}
