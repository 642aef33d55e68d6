package io.runbook.lab.bench;

import io.runbook.lab.Lab;
import io.runbook.lab.LabOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Not a test: starts a lab of N clusters, checks each answers, and prints start-up time, RSS and threads.
 * Usage: {@code LabStartupBenchmark <clusters> [tls]}. Run it through bench/lab-startup.sh.
 */
public final class LabStartupBenchmark {
  private LabStartupBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    int count = Integer.parseInt(args[0]);
    boolean tls = args.length > 1 && args[1].equals("tls");
    List<String> names = new ArrayList<>();
    names.add("mgmt");
    for (int i = 1; i < count; i++) {
      names.add("cp-" + i);
    }
    long start = System.nanoTime();
    try (Lab lab = Lab.start(LabOptions.builder().clusters(names).tls(tls).build())) {
      long started = System.nanoTime();
      for (var cluster : lab.clusters()) {
        var url = java.net.URI.create(cluster.apiUrl() + "/version");
        if (!tls) {
          var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(url)
              .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
          if (response.statusCode() != 200) {
            throw new IllegalStateException(cluster.name() + " answered " + response.statusCode());
          }
        }
      }
      long answered = System.nanoTime();
      System.gc();
      Thread.sleep(500);
      System.out.printf("clusters=%d tls=%s start=%.2fs all-answered=%.2fs rss=%dMB threads=%d%n", count, tls,
          (started - start) / 1e9, (answered - start) / 1e9, rssMegabytes(), Thread.activeCount());
    }
  }

  private static long rssMegabytes() throws java.io.IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
      }
    }
    return -1;
  }
}
