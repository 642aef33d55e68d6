package io.runbook.lab.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import io.runbook.lab.server.ObjectStore;
import io.runbook.lab.server.ResourceCatalog;
import io.runbook.lab.server.ResourceType;
import java.util.ArrayList;
import java.util.List;

/**
 * The first Secret a pod needs that does not exist, as the kubelet tells it: a Secret volume keeps the whole pod in
 * {@code ContainerCreating} (event {@code FailedMount}); an environment variable from a Secret keeps its container in
 * {@code CreateContainerConfigError}. Either starts once the Secret is there. Optional references never wait.
 *
 * @param secret the missing Secret's name
 * @param volume the volume that mounts it, or null when a container's environment names it
 */
record MissingSecret(String secret, String volume) {
  private static final ResourceType SECRETS = ResourceCatalog.builtIn("", "secrets");

  /** The first non-optional Secret the pod needs and its namespace lacks, or null when it lacks none. */
  static MissingSecret of(JsonNode pod, ObjectStore store) {
    String namespace = pod.path("metadata").path("namespace").asText();
    for (JsonNode volume : pod.path("spec").path("volumes")) {
      JsonNode secret = volume.path("secret");
      String name = secret.path("secretName").asText("");
      if (!name.isEmpty() && !secret.path("optional").asBoolean(false) && store.get(SECRETS, namespace, name).isEmpty()) {
        return new MissingSecret(name, volume.path("name").asText());
      }
    }
    for (JsonNode container : pod.path("spec").path("containers")) {
      for (String name : inEnvironment(container)) {
        if (store.get(SECRETS, namespace, name).isEmpty()) {
          return new MissingSecret(name, null);
        }
      }
    }
    return null;
  }

  /** Whether this container waits for the Secret (every container does for a volume). */
  boolean holds(JsonNode container) {
    return volume != null || inEnvironment(container).contains(secret);
  }

  /** The waiting reason of a container that waits for the Secret. */
  String reason() {
    return volume != null ? "ContainerCreating" : "CreateContainerConfigError";
  }

  /** The waiting message of a container that waits for it (the kubelet gives none while mounting). */
  String message() {
    return volume != null ? null : "secret \"" + secret + "\" not found";
  }

  /** The Warning event's reason and message. */
  String eventReason() {
    return volume != null ? "FailedMount" : "Failed";
  }

  String eventMessage() {
    return volume != null ? "MountVolume.SetUp failed for volume \"" + volume + "\" : secret \"" + secret + "\" not found"
        : "Error: secret \"" + secret + "\" not found";
  }

  /** The Secrets a container's environment needs (not optional ones): {@code secretKeyRef}s, {@code envFrom}. */
  private static List<String> inEnvironment(JsonNode container) {
    List<String> names = new ArrayList<>();
    for (JsonNode env : container.path("env")) {
      required(env.path("valueFrom").path("secretKeyRef"), names);
    }
    for (JsonNode from : container.path("envFrom")) {
      required(from.path("secretRef"), names);
    }
    return names;
  }

  private static void required(JsonNode ref, List<String> names) {
    String name = ref.path("name").asText("");
    if (!name.isEmpty() && !ref.path("optional").asBoolean(false)) {
      names.add(name);
    }
  }
}
