package io.runbook.lab.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Which container of a pod a log or exec request means, with the API server's refusals. */
final class PodContainers {
  private PodContainers() {
  }

  /**
   * The container {@code asked} names (one of the pod's containers or init containers), or the pod's only container
   * when none is asked: a pod of several needs the name, as the API server says.
   */
  static String chosen(ObjectNode pod, String podName, String asked) {
    List<String> containers = new ArrayList<>();
    pod.path("spec").path("containers").forEach(c -> containers.add(c.path("name").asText()));
    List<String> all = new ArrayList<>(containers);
    pod.path("spec").path("initContainers").forEach(c -> all.add(c.path("name").asText()));
    if (asked == null || asked.isEmpty()) {
      if (containers.size() > 1) {
        throw new ApiError(400, "BadRequest", "a container name must be specified for pod " + podName
            + ", choose one of: " + containers);
      }
      return containers.isEmpty() ? null : containers.get(0);
    }
    if (!all.contains(asked)) {
      throw new ApiError(400, "BadRequest", "container " + asked + " is not valid for pod " + podName);
    }
    return asked;
  }
}
