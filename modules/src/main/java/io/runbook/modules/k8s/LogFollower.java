package io.runbook.modules.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.runbook.engine.module.Progress;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Streams the logs of every container of the pods a selector matches (including pods that appear later)
 * as progress lines {@code [pod/container] text}, masked, like {@code kubectl logs -f -l …}.
 */
final class LogFollower implements AutoCloseable, ResourceEventHandler<Pod> {
    private final KubernetesClient client;
    private final String namespace;
    private final Progress progress;
    private final Map<String, LogWatch> watches = new ConcurrentHashMap<>();
    private final SharedIndexInformer<Pod> informer;
    private volatile boolean closed;

    LogFollower(KubernetesClient client, String namespace, String selector, Progress progress) {
        this.client = client;
        this.namespace = namespace;
        this.progress = progress;
        this.informer = client.pods().inNamespace(namespace).withLabelSelector(selector).inform(this, 0);
    }

    @Override
    public void onAdd(Pod pod) {
        follow(pod);
    }

    @Override
    public void onUpdate(Pod oldPod, Pod pod) {
        follow(pod);
    }

    @Override
    public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
        // its stream ends by itself
    }

    private void follow(Pod pod) {
        if (closed || pod.getStatus() == null || !"Running".equals(pod.getStatus().getPhase())) {
            return;
        }
        String name = pod.getMetadata().getName();
        List<Container> containers = pod.getSpec() == null ? List.of() : pod.getSpec().getContainers();
        for (Container c : containers) {
            String key = name + "/" + c.getName();
            watches.computeIfAbsent(key, k -> {
                try {
                    return client.pods().inNamespace(namespace).withName(name).inContainer(c.getName())
                            .withReadyWaitTimeout(0).watchLog(new Lines("[" + key + "] "));
                } catch (RuntimeException e) {
                    progress.line("[" + key + "] cannot follow log: " + ApiFailure.describe(e));
                    return null;
                }
            });
        }
    }

    @Override
    public void close() {
        closed = true;
        informer.close();
        watches.values().forEach(LogWatch::close);
    }

    /** Splits the stream into lines and hands each, masked, to the progress sink. */
    private final class Lines extends OutputStream {
        private final String prefix;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        Lines(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                flushLine();
            } else {
                line.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] bytes, int off, int len) {
            for (int i = off; i < off + len; i++) {
                write(bytes[i]);
            }
        }

        @Override
        public synchronized void close() {
            if (line.size() > 0) {
                flushLine();
            }
        }

        private void flushLine() {
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            if (!closed) {
                progress.line(prefix + LineMask.mask(text.stripTrailing()));
            }
        }
    }
}
