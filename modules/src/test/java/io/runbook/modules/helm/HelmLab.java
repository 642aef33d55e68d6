package io.runbook.modules.helm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.runbook.engine.module.DirectRun;
import io.runbook.engine.module.Result;
import io.runbook.lab.Lab;
import io.runbook.lab.LabOptions;
import io.runbook.modules.k8s.ClusterDirectory;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The lab the helm_release tests run against: one lab cluster for the test JVM, a fresh namespace per test,
 * DirectRuns whose host is {@code kubeconfig: lab, kube_context: h1}, and a copy of the test chart per test.
 */
final class HelmLab {
    static final String CLUSTER = "h1";
    /** Control-plane-like clusters for tests that run one release per cluster in parallel. */
    static final List<String> OTHERS = List.of("h2", "h3");
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static Lab lab;

    static {
        System.setProperty("com.marcnuri.jkube-helm.skipRemoteJar", "true");
    }

    private HelmLab() {
    }

    static synchronized Lab lab() {
        if (lab == null) {
            lab = Lab.start(LabOptions.builder().clusters(List.of(CLUSTER, OTHERS.get(0), OTHERS.get(1))).podReadyDelay(Duration.ofMillis(200)).build());
            Runtime.getRuntime().addShutdownHook(new Thread(lab::close));
        }
        return lab;
    }

    static KubernetesClient client() {
        return lab().cluster(CLUSTER).client();
    }

    /** A new namespace that exists on the lab cluster. */
    static String namespace(String prefix) {
        String name = prefix + "-" + COUNTER.incrementAndGet();
        client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
        return name;
    }

    /** A run of helm_release on the lab host, with {@code namespace} as the host's default namespace. */
    static DirectRun run(String namespace) {
        return run(CLUSTER, namespace);
    }

    /** A run of helm_release on the host that is lab cluster {@code cluster}. */
    static DirectRun run(String cluster, String namespace) {
        return run(new HelmRelease(), cluster, namespace);
    }

    /** A run of helm_info on the lab host, with {@code namespace} as the host's default namespace. */
    static DirectRun info(String namespace) {
        return run(new HelmInfo(), CLUSTER, namespace);
    }

    private static DirectRun run(io.runbook.engine.module.Module module, String cluster, String namespace) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("kubeconfig", "lab");
        vars.put("kube_context", cluster);
        vars.put("namespace", namespace);
        vars.put("org", "tetrate");
        ClusterDirectory directory = marker -> "lab".equals(marker) ? Optional.of(lab().kubeconfigYaml()) : Optional.empty();
        return DirectRun.of(module).host(cluster).vars(vars).service(ClusterDirectory.class, directory)
                .renderer(t -> t.replace("{{ org }}", "tetrate"));
    }

    /** A private copy of the test chart, free to edit. */
    static Path chartCopy(Path dir) throws IOException {
        Path source;
        try {
            source = Path.of(Objects.requireNonNull(HelmLab.class.getResource("/charts/demo")).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Path target = dir.resolve("demo");
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.naturalOrder())::iterator) {
                Path to = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        return target;
    }

    static Map<String, Object> args(Object... pairs) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put((String) pairs[i], pairs[i + 1]);
        }
        return out;
    }

    static List<StoredRelease> history(String namespace, String name) {
        return new ReleaseStorage(client()).history(namespace, name);
    }

    /**
     * Leaves the release as an interrupted Helm operation would: a new revision record (a copy of the newest,
     * one revision up) with {@code status}, as Helm writes it before it applies anything.
     */
    static void leaveStuck(String namespace, String name, String status) throws IOException {
        StoredRelease latest = history(namespace, name).get(history(namespace, name).size() - 1);
        Secret source = client().secrets().inNamespace(namespace).withName(latest.secretName()).get();
        ObjectNode release = (ObjectNode) new ObjectMapper().readTree(ReleaseStorage.decode(source.getData().get("release")));
        int revision = latest.revision() + 1;
        release.put("version", revision);
        ((ObjectNode) release.get("info")).put("status", status).put("description", "Preparing upgrade");
        Map<String, String> labels = new LinkedHashMap<>(source.getMetadata().getLabels());
        labels.put("status", status);
        labels.put("version", Integer.toString(revision));
        Secret copy = new SecretBuilder().withNewMetadata().withName("sh.helm.release.v1." + name + ".v" + revision)
                .withNamespace(namespace).withLabels(labels).endMetadata().withType(ReleaseStorage.TYPE)
                .withData(Map.of("release", ReleaseStorage.encode(release.toString()))).build();
        client().secrets().inNamespace(namespace).resource(copy).create();
    }

    /** Rewrites the status of one stored revision, as a crashed Helm process would have left it. */
    static void setStatus(String namespace, String name, int revision, String status) throws IOException {
        Secret secret = client().secrets().inNamespace(namespace).withName("sh.helm.release.v1." + name + ".v" + revision).get();
        ObjectNode release = (ObjectNode) new ObjectMapper().readTree(ReleaseStorage.decode(secret.getData().get("release")));
        ((ObjectNode) release.get("info")).put("status", status);
        secret.getData().put("release", ReleaseStorage.encode(release.toString()));
        secret.getMetadata().getLabels().put("status", status);
        client().secrets().inNamespace(namespace).resource(secret).update();
    }

    /** Every text a result can show: message, data and diffs. */
    static String allText(Result result) {
        StringBuilder out = new StringBuilder(String.valueOf(result.toMap()));
        result.diffs().forEach(d -> out.append('\n').append(d.label()).append('\n').append(d.before()).append('\n').append(d.after()));
        return out.toString();
    }
}
