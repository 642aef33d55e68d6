package io.runbook.lab;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;

/**
 * What a pod's containers do when they run, for pods that run to completion (owned by a Job, or with
 * {@code restartPolicy: Never}): a scenario decides the outcome of, say, a connectivity check from inside the
 * cluster, as the network of a real cluster would. Added with {@link LabCluster#runPods}; the first program that
 * claims a pod decides it. Pods no program claims complete with exit code 0 and no output.
 */
@FunctionalInterface
public interface PodProgram {

  /** One container's run: its exit code and the lines it printed. */
  record Run(int exitCode, List<String> log) {
    public Run {
      log = List.copyOf(log);
    }
  }

  /**
   * The runs of the pod's containers (by container name; a container left out exits 0 silently), or null when
   * this program does not run this pod. Called once, when the pod starts, on a lab controller thread.
   */
  Map<String, Run> run(Pod pod);
}
