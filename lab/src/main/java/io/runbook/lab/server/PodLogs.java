package io.runbook.lab.server;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The log lines each pod's containers have "written" in one lab cluster, fed by the controllers, the test or the
 * scenario. Lines appended with a null container belong to every container of the pod.
 */
public final class PodLogs {
  /** One log line; {@code sequence} orders lines across containers. */
  public record Line(long sequence, Instant time, String container, String text) {
  }

  private final Map<String, List<Line>> lines = new ConcurrentHashMap<>();
  private final Map<String, List<Consumer<Line>>> followers = new ConcurrentHashMap<>();
  private final AtomicLong sequence = new AtomicLong();

  public void append(String namespace, String pod, String container, String text) {
    String key = key(namespace, pod);
    for (String single : text.split("\r?\n", -1)) {
      if (single.isEmpty() && text.endsWith("\n")) {
        continue;
      }
      Line line = new Line(sequence.incrementAndGet(), Instant.now(), container, single);
      lines.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(line);
      followers.getOrDefault(key, List.of()).forEach(f -> f.accept(line));
    }
  }

  /** The lines of one container (null: of every container), oldest first. */
  public List<Line> read(String namespace, String pod, String container) {
    List<Line> result = new ArrayList<>();
    for (Line line : lines.getOrDefault(key(namespace, pod), List.of())) {
      if (visible(line, container)) {
        result.add(line);
      }
    }
    return result;
  }

  /** Calls {@code follower} with each new line of the container until the returned handle is closed. */
  public AutoCloseable follow(String namespace, String pod, String container, Consumer<Line> follower) {
    Consumer<Line> filtered = line -> {
      if (visible(line, container)) {
        follower.accept(line);
      }
    };
    followers.computeIfAbsent(key(namespace, pod), k -> new CopyOnWriteArrayList<>()).add(filtered);
    return () -> followers.getOrDefault(key(namespace, pod), new ArrayList<>()).remove(filtered);
  }

  /** Forgets a deleted pod's lines. */
  public void remove(String namespace, String pod) {
    lines.remove(key(namespace, pod));
  }

  private static boolean visible(Line line, String container) {
    return container == null || line.container() == null || line.container().equals(container);
  }

  private static String key(String namespace, String pod) {
    return namespace + "/" + pod;
  }
}
