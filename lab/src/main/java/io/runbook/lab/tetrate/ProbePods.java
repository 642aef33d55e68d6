package io.runbook.lab.tetrate;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.runbook.lab.PodProgram;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the network checks a pod makes from inside a lab cluster — {@code psql} logins, {@code curl} requests and
 * {@code nc -z} connections — against the lab's network rules ({@link Network}), printing what the real tools print
 * and exiting with their codes. Other containers are not claimed (they complete as the lab's pods do).
 */
final class ProbePods implements PodProgram {
  /** What a client in one cluster gets when it connects, and logs in, somewhere. */
  interface Network {
    ExternalStores.Outcome connect(String host, int port);

    ExternalStores.Outcome postgresLogin(String host, int port, String user, String password);

    ExternalStores.Outcome elasticLogin(String host, int port, String user, String password);

    /** Whether the name resolves (an address literal always does). */
    boolean resolves(String host);
  }

  private static final Pattern URL = Pattern.compile("(https?)://([^:/]+)(?::(\\d+))?(/.*)?");
  private static final Pattern CURL_USER = Pattern.compile("(?m)^\\s*user\\s*=\\s*\"?([^:\"]*):([^\"]*)\"?\\s*$");
  private final KubernetesClient client;
  private final Network network;

  ProbePods(KubernetesClient client, Network network) {
    this.client = client;
    this.network = network;
  }

  @Override
  public Map<String, Run> run(Pod pod) {
    Map<String, Run> runs = new LinkedHashMap<>();
    for (Container c : pod.getSpec().getContainers()) {
      List<String> argv = new ArrayList<>();
      if (c.getCommand() != null) {
        argv.addAll(c.getCommand());
      }
      if (c.getArgs() != null) {
        argv.addAll(c.getArgs());
      }
      if (argv.isEmpty()) {
        continue;
      }
      String program = argv.get(0).replaceAll(".*/", "");
      Run run = switch (program) {
        case "psql" -> psql(pod, c, argv);
        case "curl" -> curl(pod, c, argv);
        case "nc" -> nc(argv);
        default -> null;
      };
      if (run != null) {
        runs.put(c.getName(), run);
      }
    }
    return runs.isEmpty() ? null : runs;
  }

  private Run psql(Pod pod, Container c, List<String> argv) {
    Map<String, String> conninfo = new LinkedHashMap<>();
    for (String arg : argv) {
      if (arg.contains("host=")) {
        for (String pair : arg.trim().split("\\s+")) {
          int eq = pair.indexOf('=');
          if (eq > 0) {
            conninfo.put(pair.substring(0, eq), pair.substring(eq + 1).replaceAll("^'|'$", ""));
          }
        }
      }
    }
    String host = conninfo.getOrDefault("host", "localhost");
    int port = number(conninfo.getOrDefault("port", "5432"), 5432);
    String user = conninfo.getOrDefault("user", "postgres");
    String where = "psql: error: connection to server at \"" + host + "\", port " + port + " failed: ";
    if (!network.resolves(host)) {
      return new Run(2, List.of("psql: error: could not translate host name \"" + host
          + "\" to address: Name or service not known"));
    }
    return switch (network.postgresLogin(host, port, user, env(pod, c, "PGPASSWORD"))) {
      case OK -> new Run(0, List.of("1"));
      case TIMEOUT -> new Run(2, List.of(where + "timeout expired"));
      case REFUSED -> new Run(2, List.of(where + "Connection refused",
          "\tIs the server running on that host and accepting TCP/IP connections?"));
      case AUTH_FAILED -> new Run(2, List.of(where + "FATAL:  password authentication failed for user \"" + user + "\""));
    };
  }

  private Run curl(Pod pod, Container c, List<String> argv) {
    String url = argv.stream().filter(a -> a.startsWith("http://") || a.startsWith("https://")).findFirst().orElse(null);
    Matcher m = url == null ? null : URL.matcher(url);
    if (m == null || !m.matches()) {
      return null;
    }
    String host = m.group(2);
    int port = m.group(3) != null ? number(m.group(3), 443) : m.group(1).equals("https") ? 443 : 80;
    String[] user = {"", ""};
    int config = argv.indexOf("-K");
    if (config >= 0 && config + 1 < argv.size()) {
      Matcher u = CURL_USER.matcher(mountedFile(pod, c, argv.get(config + 1)));
      if (u.find()) {
        user = new String[] {u.group(1), u.group(2)};
      }
    }
    if (!network.resolves(host)) {
      return new Run(6, List.of("curl: (6) Could not resolve host: " + host));
    }
    return switch (network.elasticLogin(host, port, user[0], user[1])) {
      case OK -> new Run(0, argv.contains("-o") ? List.of() : List.of("{\"name\":\"es-data-0\",\"cluster_name\":"
          + "\"tsb-elastic\",\"version\":{\"number\":\"7.17.10\"},\"tagline\":\"You Know, for Search\"}"));
      case TIMEOUT -> new Run(28, List.of("curl: (28) Failed to connect to " + host + " port " + port
          + " after 10002 ms: Timeout was reached"));
      case REFUSED -> new Run(7, List.of("curl: (7) Failed to connect to " + host + " port " + port
          + " after 0 ms: Couldn't connect to server"));
      case AUTH_FAILED -> new Run(22, List.of("curl: (22) The requested URL returned error: 401"));
    };
  }

  private Run nc(List<String> argv) {
    if (!argv.contains("-z") || argv.size() < 3) {
      return null;
    }
    String host = argv.get(argv.size() - 2);
    int port = number(argv.get(argv.size() - 1), -1);
    if (!network.resolves(host)) {
      return new Run(1, List.of("nc: bad address '" + host + "'"));
    }
    return switch (network.connect(host, port)) {
      case OK, AUTH_FAILED -> new Run(0, List.of());
      case TIMEOUT -> new Run(1, List.of("nc: " + host + " (" + host + ":" + port + "): Connection timed out"));
      case REFUSED -> new Run(1, List.of("nc: " + host + " (" + host + ":" + port + "): Connection refused"));
    };
  }

  /** An environment variable's value, literal or from a Secret key. */
  private String env(Pod pod, Container c, String name) {
    for (EnvVar e : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
      if (!name.equals(e.getName())) {
        continue;
      }
      if (e.getValue() != null) {
        return e.getValue();
      }
      if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
        var ref = e.getValueFrom().getSecretKeyRef();
        return secretValue(pod.getMetadata().getNamespace(), ref.getName(), ref.getKey());
      }
    }
    return "";
  }

  /** A file under a Secret volume's mount (the key is the file's name). */
  private String mountedFile(Pod pod, Container c, String path) {
    for (VolumeMount mount : c.getVolumeMounts() == null ? List.<VolumeMount>of() : c.getVolumeMounts()) {
      String dir = mount.getMountPath().endsWith("/") ? mount.getMountPath() : mount.getMountPath() + "/";
      if (!path.startsWith(dir)) {
        continue;
      }
      for (Volume v : pod.getSpec().getVolumes()) {
        if (v.getName().equals(mount.getName()) && v.getSecret() != null) {
          return secretValue(pod.getMetadata().getNamespace(), v.getSecret().getSecretName(), path.substring(dir.length()));
        }
      }
    }
    return "";
  }

  private String secretValue(String namespace, String name, String key) {
    Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
    if (secret == null) {
      return "";
    }
    if (secret.getStringData() != null && secret.getStringData().get(key) != null) {
      return secret.getStringData().get(key);
    }
    String data = secret.getData() == null ? null : secret.getData().get(key);
    return data == null ? "" : new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8);
  }

  private static int number(String text, int fallback) {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
