package io.runbook.modules.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.exec.PlaybookRunner;
import io.runbook.engine.exec.RunOptions;
import io.runbook.engine.inventory.Inventory;
import io.runbook.engine.module.ModuleRegistry;
import io.runbook.engine.playbook.Playbook;
import io.runbook.engine.playbook.PlaybookParser;
import io.runbook.engine.report.ConsoleReporter;
import io.runbook.engine.report.Redactor;
import io.runbook.modules.k8s.ClusterDirectory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The restore step as a playbook through the engine: console output, recap, and a password that never shows. */
class RestorePlaybookTest {
    private static final String PASSWORD = "backed-up-admin-password-0042";

    @Test
    void restoreInstallsOnceThenReportsOkAndNeverPrintsTheValuesFilesPassword(@TempDir Path dir) throws Exception {
        Path playbook = Path.of(Objects.requireNonNull(getClass().getResource("/helm/restore-mp.yml")).toURI());
        String ns = HelmLab.namespace("tsb");
        Path inventory = dir.resolve("hosts.yml");
        Files.writeString(inventory, """
                all:
                  children:
                    management:
                      hosts:
                        mgmt: {kubeconfig: lab, kube_context: %s, mp_namespace: %s, org: tetrate}
                """.formatted(HelmLab.CLUSTER, ns));

        String first = run(playbook, inventory, false, Map.of());
        assertTrue(first.contains("changed: [mgmt]"), first);
        assertTrue(first.contains("demo-0.1.0 revision 1 deployed"), first);
        assertEquals("restored for tetrate", HelmLab.client().configMaps().inNamespace(ns).withName("mp-config").get().getData().get("message"));

        String second = run(playbook, inventory, false, Map.of());
        assertTrue(second.contains("ok: [mgmt]") && !second.contains("changed: [mgmt]"), second);
        assertTrue(second.contains("demo-0.1.0 revision 1 deployed"), second);

        String checked = run(playbook, inventory, true, Map.of());
        assertTrue(checked.contains("ok: [mgmt]") && !checked.contains("changed: [mgmt]"), checked);

        String renamed = run(playbook, inventory, true, Map.of("org", "acme"));
        assertTrue(renamed.contains("changed: [mgmt]"), renamed);
        assertTrue(renamed.contains("-message: restored for tetrate\n+message: restored for acme"), "the values diff: " + renamed);
        assertTrue(renamed.contains(" credentials:\n   password: <masked>\n"), "unchanged keys are context, secrets masked: " + renamed);
        assertTrue(renamed.contains("-  message: restored for tetrate\n+  message: restored for acme"), "the manifest diff: " + renamed);
        assertEquals("restored for tetrate", HelmLab.client().configMaps().inNamespace(ns).withName("mp-config").get().getData().get("message"));
        for (String output : List.of(first, second, checked, renamed)) {
            assertFalse(output.contains(PASSWORD), output);
        }
    }

    private static String run(Path playbook, Path inventory, boolean checkAndDiff, Map<String, Object> extraVars) {
        ModuleRegistry modules = ModuleRegistry.load();
        Playbook parsed = new PlaybookParser(modules).parse(playbook);
        StringWriter text = new StringWriter();
        Redactor redactor = new Redactor();
        ClusterDirectory lab = marker -> "lab".equals(marker) ? Optional.of(HelmLab.lab().kubeconfigYaml()) : Optional.empty();
        RunOptions options = RunOptions.builder().environment(io.runbook.engine.env.RunEnvironment.of(System.getenv())).inventories(List.of(inventory.toString())).extraVars(extraVars).check(checkAndDiff).diff(checkAndDiff)
                .verbosity(1).listener(new ConsoleReporter(new PrintWriter(text, true), redactor, 1, false))
                .service(ClusterDirectory.class, lab).build();
        int exit = new PlaybookRunner(modules).run(parsed, Inventory.load(options.inventories(), playbook.getParent()), options, redactor);
        assertEquals(0, exit, text.toString());
        return text.toString();
    }
}
