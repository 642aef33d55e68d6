package io.runbook.lab;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code lab up}: starts the named clusters, writes their kubeconfig, prints one line per cluster and
 * {@code lab ready}, then serves until the thread is interrupted (or the JVM shuts down). The CLI wraps this.
 */
public final class LabUp {
  private LabUp() {
  }

  /**
   * Runs the lab until interrupted; returns the exit code: 0 after an interrupt or shutdown, 2 when the options
   * are invalid, 1 when the kubeconfig cannot be written (the reason printed to {@code err}). The clusters' lines and
   * {@code lab ready} go to {@code out}.
   */
  public static int run(List<String> clusters, boolean tls, Path kubeconfig, PrintStream out, PrintStream err) {
    return run(clusters, tls, kubeconfig, List.of(), Duration.ZERO, out, err);
  }

  /**
   * As {@link #run(List, boolean, Path, PrintStream, PrintStream)}, and on every cluster the Secrets named in {@code reissue}
   * (NAMESPACE/NAME) are created again {@code reissueDelay} after they are deleted ({@link SecretReissuer}).
   */
  public static int run(List<String> clusters, boolean tls, Path kubeconfig, List<String> reissue, Duration reissueDelay,
      PrintStream out, PrintStream err) {
    LabOptions options;
    try {
      options = LabOptions.builder().clusters(clusters).tls(tls).podReadyDelay(Duration.ofMillis(500)).build();
      if (!reissue.isEmpty()) {
        new SecretReissuer(reissue, reissueDelay); // checks the names before anything starts
      }
    } catch (IllegalArgumentException e) {
      err.println("lab up: " + e.getMessage());
      return 2;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    // on Ctrl-C the hook lets run() return and waits (briefly) until the lab has been closed
    Thread hook = new Thread(() -> {
      stopped.countDown();
      try {
        closed.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "lab-up-shutdown");
    try (Lab lab = Lab.start(options)) {
      if (!reissue.isEmpty()) {
        lab.clusters().forEach(c -> new SecretReissuer(reissue, reissueDelay).attachTo(c));
      }
      lab.writeKubeconfig(kubeconfig);
      int width = clusters.stream().mapToInt(String::length).max().orElse(0);
      for (LabCluster cluster : lab.clusters()) {
        out.printf("%-" + width + "s  %s  context %s%n", cluster.name(), cluster.apiUrl(), cluster.name());
      }
      out.println("lab ready");
      out.flush();
      Runtime.getRuntime().addShutdownHook(hook);
      stopped.await();
      return 0;
    } catch (IOException e) {
      err.println("lab up: cannot write the kubeconfig " + kubeconfig + ": " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    } catch (IllegalStateException e) {
      if (Thread.interrupted()) {
        // Ctrl-C or SIGTERM while the clusters were starting: stopped, as asked (the lab closed what had started)
        return 0;
      }
      throw e;
    } finally {
      closed.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException | IllegalArgumentException e) {
        // the JVM is already shutting down, or the hook was never registered
      }
    }
  }
}
