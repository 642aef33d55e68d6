package io.runbook.lab;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runbook.lab.server.Json;
import io.runbook.lab.server.ObjectStore;
import io.runbook.lab.server.ResourceCatalog;
import io.runbook.lab.server.ResourceType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token issuer for a plain lab cluster ({@code lab up --reissue-secrets}): a listed Secret that is deleted is
 * created again after {@code delay}, with a new uid and a new value, as a control plane's operator re-issues its
 * token Secrets after a rotation deletes them. Secrets that are never deleted (or never existed) are left alone. It
 * hears deletions from the cluster's store and writes to it directly: one per cluster, over a thousand clusters,
 * costs no HTTP requests.
 */
final class SecretReissuer implements LabController {
  private static final ResourceType SECRETS = ResourceCatalog.builtIn("", "secrets");
  private final Set<String> secrets;
  private final Duration delay;
  private final Map<String, Long> deletedAt = new ConcurrentHashMap<>();

  /** {@code secrets}: NAMESPACE/NAME each. */
  SecretReissuer(List<String> secrets, Duration delay) {
    for (String s : secrets) {
      if (s.split("/", -1).length != 2 || s.startsWith("/") || s.endsWith("/")) {
        throw new IllegalArgumentException("--reissue-secrets: '" + s + "' is not NAMESPACE/NAME");
      }
    }
    this.secrets = Set.copyOf(secrets);
    this.delay = delay;
  }

  /** Starts re-issuing on {@code cluster}. */
  void attachTo(LabCluster cluster) {
    cluster.store().addListener(change -> {
      if (change.deleted() && "Secret".equals(change.object().path("kind").asText("Secret"))) {
        String key = change.object().path("metadata").path("namespace").asText() + "/"
            + change.object().path("metadata").path("name").asText();
        if (secrets.contains(key)) {
          deletedAt.putIfAbsent(key, System.nanoTime());
          // a pass that the deletion found pending may already have read deletedAt: ask for one that reads it after
          cluster.wakeControllers();
        }
      }
    });
    cluster.addController(this);
  }

  @Override
  public Duration reconcile(LabCluster cluster) {
    ObjectStore store = cluster.store();
    long now = System.nanoTime();
    long soonest = Long.MAX_VALUE;
    for (Map.Entry<String, Long> deleted : deletedAt.entrySet()) {
      String[] at = deleted.getKey().split("/");
      long due = deleted.getValue() + delay.toNanos();
      if (due > now) {
        soonest = Math.min(soonest, due - now);
        continue;
      }
      deletedAt.remove(deleted.getKey());
      if (!store.exists(SECRETS, at[0], at[1])) {
        try {
          store.create(SECRETS, at[0], reissued(at[0], at[1]));
        } catch (RuntimeException e) {
          // its namespace went away meanwhile: nothing to re-issue into
        }
      }
    }
    return soonest == Long.MAX_VALUE ? null : Duration.ofNanos(soonest);
  }

  private static ObjectNode reissued(String namespace, String name) {
    ObjectNode secret = Json.object();
    secret.put("apiVersion", "v1").put("kind", "Secret").put("type", "Opaque");
    Json.meta(secret).put("name", name).put("namespace", namespace);
    String token = "reissued-" + UUID.randomUUID();
    Json.with(secret, "data").put("token", Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8)));
    return secret;
  }
}
