package io.runbook.lab.tetrate;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.runbook.lab.LabCluster;
import java.util.ArrayList;
import java.util.List;

/**
 * The fabric8 clients the simulated operators use: without fabric8's retries (which back off for many seconds on
 * a 503 and would stall the shared operator threads when a cluster is "lost"), over the lab's quiet client
 * transport, with timeouts a loaded machine does not trip (a timed-out read would look like a failing cluster).
 */
final class OperatorClients implements AutoCloseable {
  private final List<KubernetesClient> clients = new ArrayList<>();

  synchronized KubernetesClient forCluster(LabCluster cluster) {
    Config config = Config.fromKubeconfig(cluster.kubeconfigYaml());
    config.setRequestRetryBackoffLimit(0);
    config.setRequestTimeout(60_000);
    config.setConnectionTimeout(30_000);
    KubernetesClient client = new KubernetesClientBuilder().withConfig(config)
        .withHttpClientFactory(cluster.httpClientFactory()).build();
    clients.add(client);
    return client;
  }

  @Override
  public synchronized void close() {
    clients.forEach(KubernetesClient::close);
    clients.clear();
  }
}
