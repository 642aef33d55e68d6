package io.runbook.modules.k8s;

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
import io.runbook.lab.Lab;
import io.runbook.lab.LabOptions;
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

/** The k8s lookup, as kubernetes.core's, through a playbook run against a lab cluster. */
class K8sLookupTest {
    private static final String PASSWORD = "lab-admin-pa55word";

    @Test
    void aPlaybookReadsObjectsThroughTheRunsClient(@TempDir Path dir) throws Exception {
        try (Lab lab = Lab.start(LabOptions.builder().clusters(List.of("mgmt")).build())) {
            lab.cluster("mgmt").seed("""
                    apiVersion: v1
                    kind: Namespace
                    metadata: {name: tsb}
                    ---
                    apiVersion: v1
                    kind: ConfigMap
                    metadata: {name: mp-config, namespace: tsb, labels: {app: mp}}
                    data: {message: restored}
                    ---
                    apiVersion: v1
                    kind: ConfigMap
                    metadata: {name: mp-extra, namespace: tsb, labels: {app: mp}}
                    data: {message: extra}
                    ---
                    apiVersion: v1
                    kind: ConfigMap
                    metadata: {name: other, namespace: tsb, labels: {app: other}}
                    ---
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata: {name: envoy, namespace: tsb}
                    spec:
                      replicas: 2
                      selector: {matchLabels: {app: envoy}}
                      template:
                        metadata: {labels: {app: envoy}}
                        spec: {containers: [{name: envoy, image: envoy}]}
                    ---
                    apiVersion: v1
                    kind: Secret
                    metadata: {name: admin-credentials, namespace: tsb}
                    stringData: {password: %s}
                    """.formatted(PASSWORD));
            Path inventory = dir.resolve("hosts.yml");
            Files.writeString(inventory, "all:\n  children:\n    management:\n      hosts:\n"
                    + "        mgmt: {kubeconfig: lab, kube_context: mgmt, namespace: tsb}\n");
            String out = run(lab, inventory);
            assertEquals(List.of("restored", "mp-config,mp-extra", "envoy", "2", "1", "0", "0", "password=********"),
                    messages(out), out);
            assertFalse(out.contains(PASSWORD) || out.contains(PASSWORD.toUpperCase()), out);
        }
    }

    private static String run(Lab lab, Path inventory) throws Exception {
        Path playbook = Path.of(Objects.requireNonNull(K8sLookupTest.class.getResource("/k8s/lookup.yml")).toURI());
        ModuleRegistry modules = ModuleRegistry.load();
        Playbook parsed = new PlaybookParser(modules).parse(playbook);
        StringWriter text = new StringWriter();
        Redactor redactor = new Redactor();
        ClusterDirectory directory = marker -> "lab".equals(marker) ? Optional.of(lab.kubeconfigYaml()) : Optional.empty();
        RunOptions options = RunOptions.builder().environment(io.runbook.engine.env.RunEnvironment.of(System.getenv())).inventories(List.of(inventory.toString())).extraVars(Map.of())
                .listener(new ConsoleReporter(new PrintWriter(text, true), redactor, 0, false))
                .service(ClusterDirectory.class, directory).build();
        int exit = new PlaybookRunner(modules).run(parsed, Inventory.load(options.inventories(), playbook.getParent()), options, redactor);
        assertEquals(0, exit, text.toString());
        assertTrue(text.toString().contains("ok=8"), text.toString());
        return text.toString();
    }

    /** The "msg" of every debug task, in order. */
    private static List<String> messages(String out) {
        return out.lines().filter(l -> l.strip().startsWith("\"msg\": ")).map(l -> l.strip().substring(7).replaceAll("^\"|\"$", ""))
                .toList();
    }
}
