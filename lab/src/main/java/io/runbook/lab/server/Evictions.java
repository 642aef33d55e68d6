package io.runbook.lab.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.MockResponse;
import java.util.List;
import java.util.Map;

/**
 * The {@code pods/eviction} subresource ({@code POST .../pods/NAME/eviction} with a {@code policy/v1 Eviction}): the
 * pod is deleted unless a PodDisruptionBudget selecting it would then be violated (429, as the API server answers a
 * drain that must wait). The budget is counted as the disruption controller counts it: the selected pods that are
 * Ready and not being deleted, against {@code minAvailable} or {@code maxUnavailable} (a number, or a percentage of
 * the selected pods). A pod that is not Ready may always be evicted (it does not count towards the budget). A dry run
 * ({@code ?dryRun=All}, or {@code deleteOptions.dryRun} in the body) checks and deletes nothing.
 */
final class Evictions {
  static final String SUBRESOURCE = "eviction";
  private static final ResourceType PODS = ResourceCatalog.builtIn("", "pods");
  private static final ResourceType BUDGETS = ResourceCatalog.builtIn("policy", "poddisruptionbudgets");
  private final ObjectStore store;

  Evictions(ObjectStore store) {
    this.store = store;
  }

  /** Evicts the pod the path names; the API server's answer (a {@code Status} with code 201). */
  MockResponse evict(RequestPath path, String body) {
    ObjectNode pod = store.get(PODS, path.namespace(), path.name()).orElseThrow(() -> ApiError.notFound("pods", path.name()));
    JsonNode eviction = body == null || body.isBlank() ? Json.object() : Json.parseAny(body);
    String named = Json.text(eviction, "metadata", "name");
    if (named != null && !named.isEmpty() && !named.equals(path.name())) {
      throw new ApiError(400, "BadRequest", "name in URL does not match name in Eviction object");
    }
    if (ready(pod) && !terminating(pod)) {
      requireBudget(pod);
    }
    boolean dryRun = path.dryRun() || eviction.path("deleteOptions").path("dryRun").size() > 0;
    if (!dryRun) {
      store.delete(PODS, path.namespace(), path.name());
    }
    ObjectNode status = Json.object();
    status.put("kind", "Status");
    status.put("apiVersion", "v1");
    status.putObject("metadata");
    status.put("status", "Success");
    status.put("code", 201);
    return Replies.json(201, status);
  }

  /** Fails with the API server's answer when a budget selecting the pod allows no disruption now. */
  private void requireBudget(ObjectNode pod) {
    Map<String, String> labels = Selectors.labelsOf(pod);
    List<ObjectNode> budgets = store.list(BUDGETS, Json.namespace(pod)).stream()
        .filter(b -> Selectors.matches(b.path("spec").path("selector"), labels)).toList();
    if (budgets.size() > 1) {
      throw new ApiError(500, "InternalError", "This pod has more than one PodDisruptionBudget, which the eviction "
          + "subresource does not support.");
    }
    if (budgets.isEmpty()) {
      return;
    }
    JsonNode spec = budgets.get(0).path("spec");
    List<ObjectNode> selected = store.list(PODS, Json.namespace(pod)).stream()
        .filter(p -> Selectors.matches(spec.path("selector"), Selectors.labelsOf(p))).toList();
    int expected = selected.size();
    int healthy = (int) selected.stream().filter(p -> ready(p) && !terminating(p)).count();
    int allowed;
    if (spec.has("minAvailable")) {
      allowed = healthy - count(spec.get("minAvailable"), expected);
    } else if (spec.has("maxUnavailable")) {
      allowed = count(spec.get("maxUnavailable"), expected) - (expected - healthy);
    } else {
      allowed = healthy;
    }
    if (allowed <= 0) {
      throw new ApiError(429, "TooManyRequests", "Cannot evict pod as it would violate the pod's disruption budget.");
    }
  }

  /** A budget's number: an integer, or a percentage of {@code of} rounded up (as the disruption controller does). */
  private static int count(JsonNode value, int of) {
    if (value.isNumber()) {
      return value.asInt();
    }
    String text = value.asText().trim();
    if (text.endsWith("%")) {
      return (int) Math.ceil(Integer.parseInt(text.substring(0, text.length() - 1)) * of / 100.0);
    }
    return Integer.parseInt(text);
  }

  private static boolean ready(JsonNode pod) {
    for (JsonNode c : pod.path("status").path("conditions")) {
      if ("Ready".equals(c.path("type").asText())) {
        return "True".equals(c.path("status").asText());
      }
    }
    return false;
  }

  private static boolean terminating(JsonNode pod) {
    return pod.path("metadata").hasNonNull("deletionTimestamp");
  }
}
