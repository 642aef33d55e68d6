package io.runbook.lab.controllers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runbook.lab.server.ApiError;
import io.runbook.lab.server.Json;
import io.runbook.lab.server.ResourceCatalog;
import io.runbook.lab.server.ResourceType;
import java.util.List;

/**
 * The revision history the DaemonSet controller keeps, as {@code kubectl rollout undo} and kubernetes.core's
 * {@code k8s_rollback} read it: one ControllerRevision per pod template the DaemonSet has run, named
 * {@code DAEMONSET-HASH}, labelled with the template's labels and {@code controller-revision-hash}, annotated as the
 * DaemonSet was when it was recorded (so with its {@code deprecated.daemonset.template.generation}), its {@code data} the
 * strategic merge patch that puts that template back ({@code {"spec": {"template": {..., "$patch": "replace"}}}}). A
 * template that becomes current again (a rollback) has its revision renumbered as the newest, as Kubernetes does. Old
 * revisions are not pruned (Kubernetes keeps {@code revisionHistoryLimit}, 10 by default: more than a lab run makes).
 */
final class DaemonSetHistory {
  static final ResourceType REVISIONS = ResourceCatalog.builtIn("apps", "controllerrevisions");
  private static final String HASH_LABEL = "controller-revision-hash";
  private final ControllerObjects objects;

  DaemonSetHistory(ControllerObjects objects) {
    this.objects = objects;
  }

  /** Records the DaemonSet's current template ({@code hash}: its template hash) among {@code revisions}, those of its namespace. */
  void record(ObjectNode set, String hash, List<ObjectNode> revisions) {
    ObjectNode data = Json.object();
    ObjectNode template = set.path("spec").path("template").deepCopy();
    template.put("$patch", "replace");
    Json.with(data, "spec").set("template", template);
    List<ObjectNode> owned = ControllerObjects.owned(revisions, set);
    ObjectNode current = owned.stream().filter(r -> data.equals(r.path("data"))).findFirst().orElse(null);
    long next = 1 + owned.stream().filter(r -> r != current).mapToLong(r -> r.path("revision").asLong()).max().orElse(0);
    if (current == null) {
      create(set, hash, data, next);
    } else if (current.path("revision").asLong() < next) {
      ObjectNode renumbered = current.deepCopy();
      renumbered.put("revision", next);
      objects.writeIfChanged(REVISIONS, current, renumbered);
    }
  }

  private void create(ObjectNode set, String hash, ObjectNode data, long revision) {
    ObjectNode history = ControllerObjects.templateRecord("ControllerRevision", set, set.path("spec").path("template"),
        HASH_LABEL, hash, set.path("metadata").path("annotations"));
    history.set("data", data);
    history.put("revision", revision);
    try {
      objects.store().create(REVISIONS, Json.namespace(set), history);
    } catch (ApiError e) {
      // it exists already (a previous pass raced with this one): the next pass finds it
    }
  }
}
