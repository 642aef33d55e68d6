package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code engine.jar lab up} as a user runs it (its own process, stopped with SIGTERM like Ctrl-C): plain clusters
 * establish the CRDs applied to them, as an API server does (Helm and {@code kubectl wait} rely on it), and
 * {@code --tls} is honoured with {@code --scenario} too.
 */
class LabUpCommandTest {
    private static final String CRD = """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: widgets.example.test}
            spec:
              group: example.test
              scope: Namespaced
              names: {kind: Widget, listKind: WidgetList, plural: widgets, singular: widget}
              versions:
              - name: v1
                served: true
                storage: true
                schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
            """;

    @Test
    void plainLabUpClustersEstablishAppliedCrds(@TempDir Path dir) throws Exception {
        Path kubeconfig = dir.resolve("lab.kubeconfig");
        try (RunningLab lab = RunningLab.start(dir, "lab", "up", "--kubeconfig", kubeconfig.toString(), "--clusters", "one")) {
            try (KubernetesClient client = client(kubeconfig)) {
                client.load(new java.io.ByteArrayInputStream(CRD.getBytes(StandardCharsets.UTF_8))).serverSideApply();
                CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions()
                        .withName("widgets.example.test").waitUntilCondition(c -> c != null && c.getStatus() != null
                                && c.getStatus().getConditions().stream().anyMatch(
                                        x -> "Established".equals(x.getType()) && "True".equals(x.getStatus())), 3, TimeUnit.MINUTES);
                assertEquals("Widget", crd.getStatus().getAcceptedNames().getKind());
                assertEquals(List.of("v1"), crd.getStatus().getStoredVersions());
            }
        }
    }

    @Test
    void labUpWithTlsAndAScenarioServesHttps(@TempDir Path dir) throws Exception {
        Path kubeconfig = dir.resolve("lab.kubeconfig");
        try (RunningLab lab = RunningLab.start(dir, "lab", "up", "--kubeconfig", kubeconfig.toString(), "--clusters",
                "mgmt,cp-1", "--tls", "--scenario", "connectivity-lost", "--lab-state-dir", dir.resolve("state").toString())) {
            String config = Files.readString(kubeconfig);
            assertTrue(config.contains("server: https://127.0.0.1:") || config.contains("server: \"https://127.0.0.1:"), config);
            assertFalse(config.contains("http://"), config);
            assertTrue(lab.output().stream().anyMatch(l -> l.matches("mgmt\\s+https://127\\.0\\.0\\.1:\\d+\\s+context mgmt")),
                    lab.output().toString());
            try (KubernetesClient client = client(kubeconfig)) {
                assertTrue(client.namespaces().withName("istio-system").get() == null, "mgmt holds no control plane");
            }
            try (KubernetesClient client = client(Config.fromKubeconfig("cp-1", config, null))) {
                assertTrue(client.namespaces().withName("istio-system").get() != null, "the scenario's control plane, over TLS");
            }
        }
    }

    @Test
    void aLabOfManyClustersWithOpenConnectionsStopsOnSigtermWithExitZero(@TempDir Path dir) throws Exception {
        Path kubeconfig = dir.resolve("lab.kubeconfig");
        String names = String.join(",", java.util.stream.IntStream.rangeClosed(1, 60).mapToObj(i -> "c" + i).toList());
        try (RunningLab lab = RunningLab.start(dir, "lab", "up", "--kubeconfig", kubeconfig.toString(), "--clusters", names,
                "--reissue-secrets", "istio-system/otel-token", "--reissue-delay", "100")) {
            String config = Files.readString(kubeconfig);
            List<KubernetesClient> clients = new ArrayList<>();
            try {
                for (String context : List.of("c1", "c30", "c60")) {
                    KubernetesClient client = client(Config.fromKubeconfig(context, config, null));
                    clients.add(client);
                    client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
                            .withName("istio-system").endMetadata().build()).create();
                    // a watch left open when the lab is stopped, as an engine's informer would be
                    client.secrets().inNamespace("istio-system").watch(new io.fabric8.kubernetes.client.Watcher<>() {
                        @Override
                        public void eventReceived(Action action, io.fabric8.kubernetes.api.model.Secret secret) {
                        }

                        @Override
                        public void onClose(io.fabric8.kubernetes.client.WatcherException cause) {
                        }
                    });
                }
            } finally {
                // closing the lab (SIGTERM) asserts that it ends, exit 0; the clients go after it
                lab.close();
                clients.forEach(KubernetesClient::close);
            }
        }
    }

    private static KubernetesClient client(Path kubeconfig) throws IOException {
        return client(Config.fromKubeconfig(Files.readString(kubeconfig)));
    }

    /** fabric8's 10 s limits are wall-clock bets a loaded machine loses (a first TLS handshake alone can take longer). */
    private static KubernetesClient client(Config config) {
        config.setRequestTimeout((int) TimeUnit.MINUTES.toMillis(3));
        config.setConnectionTimeout((int) TimeUnit.MINUTES.toMillis(3));
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    /** The CLI in a process of its own, running until closed (SIGTERM, as Ctrl-C would). */
    private record RunningLab(Process process, List<String> lines) implements AutoCloseable {
        static RunningLab start(Path dir, String... args) throws Exception {
            List<String> command = EngineJvm.command();
            command.addAll(List.of(args));
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            List<String> lines = new CopyOnWriteArrayList<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        lines.add(line);
                    }
                } catch (IOException ended) {
                    // the process ended
                }
            });
            reader.setDaemon(true);
            reader.start();
            RunningLab lab = new RunningLab(process, lines);
            Await.until(Duration.ofMinutes(10), "lab ready", () -> lines.contains("lab ready") || !process.isAlive());
            if (!lines.contains("lab ready")) {
                lab.close();
                throw new AssertionError("lab up did not become ready:\n" + String.join("\n", lines));
            }
            return lab;
        }

        List<String> output() {
            return List.copyOf(lines);
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
            }
            assertEquals(0, process.exitValue(), "stopped like Ctrl-C stops it:\n" + String.join("\n", lines));
        }
    }
}
