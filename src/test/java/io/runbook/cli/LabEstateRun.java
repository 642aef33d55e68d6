package io.runbook.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.runbook.engine.yaml.YNode;
import io.runbook.engine.yaml.YamlLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the product's playbooks against the embedded lab the way a user does ({@code engine.jar
 * playbooks/X.yml}, the lab inventory), but with the lab's state in a test folder, and reads back what a user could check: output, recap, events, and the estate the lab saved.
 */
final class LabEstateRun {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();
    final Path state;

    LabEstateRun(Path state) {
        this.state = state;
    }

    /** One run's results. */
    record Result(int code, String out, List<JsonNode> events) {
        /** The recap counters of a host, e.g. {@code changed} → 0. */
        int recap(String host, String counter) {
            Matcher m = Pattern.compile("(?m)^" + Pattern.quote(host) + "\\s+: .*\\b" + counter + "=(\\d+)").matcher(out);
            if (!m.find()) {
                throw new AssertionError("no recap line for " + host + " in:\n" + out);
            }
            return Integer.parseInt(m.group(1));
        }

        int totalChanged() {
            Matcher m = Pattern.compile("(?m)^\\S+\\s+: ok=\\d+\\s+changed=(\\d+)").matcher(out);
            int total = 0;
            while (m.find()) {
                total += Integer.parseInt(m.group(1));
            }
            return total;
        }

        /** Every host result event of the task with this name. */
        List<JsonNode> results(String task) {
            return events.stream().filter(e -> "host_result".equals(e.path("event").asText()) && task.equals(e.path("task").asText())).toList();
        }
    }

    Result play(String playbook, String... extra) {
        return play(List.of(), playbook, extra);
    }

    /** A run with command-line options ({@code --check}, {@code -t dns}, {@code -l !cp-3}) and extra variables. */
    Result play(List<String> options, String playbook, String... extra) {
        return run(ROOT.resolve("inventory/lab"), options, playbook, extra);
    }

    /** {@link #play} with another inventory. */
    Result playOn(Path inventory, String playbook, String... extra) {
        return run(inventory, List.of(), playbook, extra);
    }

    private Result run(Path inventory, List<String> options, String playbook, String... extra) {
        Path playbookPath = playbook.contains("/") ? Path.of(playbook) : ROOT.resolve("playbooks").resolve(playbook);
        Path events = state.resolveSibling(state.getFileName() + "-events-" + System.nanoTime() + ".ndjson");
        List<String> args = new ArrayList<>(List.of(playbookPath.toString(),
                "-i", inventory.toString(), "--lab-state-dir", state.toString(),
                "--events", events.toString(), "-e", "lab_speed=fast"));
        args.addAll(options);
        for (String e : extra) {
            args.add("-e");
            args.add(e);
        }
        StringWriter out = new StringWriter();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(out, true), args.toArray(String[]::new));
        try {
            List<JsonNode> parsed = new ArrayList<>();
            for (String line : Files.exists(events) ? Files.readAllLines(events) : List.<String>of()) {
                parsed.add(JSON.readTree(line));
            }
            return new Result(code, out.toString(), parsed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The objects of a cluster as the lab saved them after the run. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> objects(String cluster) {
        Path file = state.resolve("clusters").resolve(cluster + ".yaml");
        List<Map<String, Object>> out = new ArrayList<>();
        for (YNode doc : YamlLoader.loadAll(file)) {
            if (doc.toPlain() instanceof Map<?, ?> m) {
                out.add((Map<String, Object>) m);
            }
        }
        return out;
    }

    Optional<Map<String, Object>> object(String cluster, String kind, String namespace, String name) {
        return objects(cluster).stream().filter(o -> kind.equals(o.get("kind")))
                .filter(o -> name.equals(path(o, "metadata", "name")))
                .filter(o -> namespace == null || namespace.equals(path(o, "metadata", "namespace"))).findFirst();
    }

    static Object path(Object value, String... keys) {
        Object cur = value;
        for (String k : keys) {
            if (!(cur instanceof Map<?, ?> m)) {
                return null;
            }
            cur = m.get(k);
        }
        return cur;
    }
}
