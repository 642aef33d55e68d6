package io.runbook.modules.k8s;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.runbook.engine.module.DirectRun;
import io.runbook.engine.module.Module;
import io.runbook.lab.Lab;
import io.runbook.lab.LabCluster;
import io.runbook.lab.LabOptions;
import io.runbook.modules.ClosedPort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The lab every Kubernetes module test runs against: one lab for the whole test JVM (started on first use),
 * a fresh namespace per test, and DirectRuns whose host is {@code kubeconfig: lab, kube_context: t1}.
 */
final class LabHost {
    static final String CLUSTER = "t1";
    private static final AtomicInteger NAMESPACES = new AtomicInteger();
    private static Lab lab;

    private LabHost() {
    }

    static synchronized Lab lab() {
        if (lab == null) {
            lab = Lab.start(LabOptions.builder().clusters(List.of(CLUSTER, "t2")).podReadyDelay(Duration.ofMillis(200)).build());
            Runtime.getRuntime().addShutdownHook(new Thread(lab::close));
        }
        return lab;
    }

    static LabCluster cluster() {
        return lab().cluster(CLUSTER);
    }

    static KubernetesClient client() {
        return cluster().client();
    }

    /** The directory the application registers for {@code kubeconfig: lab}. */
    static ClusterDirectory directory() {
        return marker -> "lab".equals(marker) ? Optional.of(lab().kubeconfigYaml()) : Optional.empty();
    }

    /** A new namespace that exists on the lab cluster. */
    static String namespace(String prefix) {
        String name = prefix + "-" + NAMESPACES.incrementAndGet();
        client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
        return name;
    }

    /** A run of {@code module} on a host that is lab cluster t1 with default namespace {@code namespace}. */
    static DirectRun run(Module module, String namespace) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("kubeconfig", "lab");
        vars.put("kube_context", CLUSTER);
        vars.put("namespace", namespace);
        return DirectRun.of(module).host(CLUSTER).vars(vars).service(ClusterDirectory.class, directory());
    }

    /** A run whose host's kubeconfig points at a port that refuses connections until the run is closed. */
    static DirectRun unreachable(Module module, Path dir) throws IOException {
        ClosedPort closed = ClosedPort.tcp();
        int port = closed.port();
        Path kubeconfig = dir.resolve("closed-port.yaml");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters: [{name: gone, cluster: {server: "http://127.0.0.1:%d"}}]
                users: [{name: gone, user: {token: t}}]
                contexts: [{name: gone, context: {cluster: gone, user: gone, namespace: default}}]
                current-context: gone
                """.formatted(port));
        // the run closes what it shares when it is closed: the port is held as long as the run
        Map<Object, Object> shared = new ConcurrentHashMap<>(Map.of(ClosedPort.class, closed));
        return DirectRun.of(module).host("gone").vars(Map.of("kubeconfig", kubeconfig.toString())).sharing(shared);
    }

    /** Polls a condition the test itself set in motion (not module code) until it holds or the time is up. */
    static void eventually(Duration timeout, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.currentTimeMillis() + timeout.toMillis();
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(50);
        }
    }
}
