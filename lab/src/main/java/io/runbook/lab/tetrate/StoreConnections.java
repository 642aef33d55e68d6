package io.runbook.lab.tetrate;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * How the management plane's components fare with the external stores the ManagementPlane names: {@code tsb} and
 * {@code iam} connect to Postgres ({@code spec.dataStore.postgres}, credentials in {@code postgres-credentials}),
 * {@code oap} to Elasticsearch ({@code spec.telemetryStore.elastic}, {@code elastic-credentials}). A component whose
 * store does not answer or refuses its credentials crash-loops (pod label {@link #FAULT} → the lab's failure rule)
 * and logs why, as the real ones would. A spec without the stanza uses the embedded store (not modelled: fine).
 */
final class StoreConnections {
  /** The pod-template label value of a component that cannot use its store. */
  static final String FAULT = "store-unavailable";
  static final List<String> POSTGRES_CLIENTS = List.of("tsb", "iam");
  static final List<String> ELASTIC_CLIENTS = List.of("oap");
  private static final DateTimeFormatter JAVA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
      .withZone(ZoneOffset.UTC);

  private final KubernetesClient client;
  private final String namespace;
  private final Supplier<ExternalStores> stores;

  StoreConnections(KubernetesClient client, String namespace, Supplier<ExternalStores> stores) {
    this.client = client;
    this.namespace = namespace;
    this.stores = stores;
  }

  /** Component → the line it logs while it cannot use its store; components that are fine are left out. */
  Map<String, String> troubles(Map<String, Object> spec) {
    Map<String, String> out = new LinkedHashMap<>();
    Map<String, Object> postgres = stanza(spec, "dataStore", "postgres");
    if (postgres != null) {
      String[] user = credentials("postgres-credentials");
      String host = String.valueOf(postgres.getOrDefault("host", ""));
      int port = port(postgres, 5432);
      String line = postgresLine(stores.get().postgresLogin(host, port, user[0], user[1]), host, port, user[0]);
      if (line != null) {
        POSTGRES_CLIENTS.forEach(c -> out.put(c, line));
      }
    }
    Map<String, Object> elastic = stanza(spec, "telemetryStore", "elastic");
    if (elastic != null) {
      String[] user = credentials("elastic-credentials");
      String host = String.valueOf(elastic.getOrDefault("host", ""));
      int port = port(elastic, 9200);
      String url = elastic.getOrDefault("protocol", "https") + "://" + host + ":" + port;
      String line = elasticLine(stores.get().elasticLogin(host, port, user[0], user[1]), host, port, url);
      if (line != null) {
        ELASTIC_CLIENTS.forEach(c -> out.put(c, line));
      }
    }
    return out;
  }

  // SYNTHETIC: the TSB API server's and IAM's log format (Istio-style, as the operator's); the error text is what Go's
  // net package and lib/pq say
  private static String postgresLine(ExternalStores.Outcome outcome, String host, int port, String user) {
    String cause = switch (outcome) {
      case OK -> null;
      case TIMEOUT -> "dial tcp " + host + ":" + port + ": i/o timeout";
      case REFUSED -> "dial tcp " + host + ":" + port + ": connect: connection refused";
      case AUTH_FAILED -> "pq: password authentication failed for user \"" + user + "\"";
    };
    return cause == null ? null : Instant.now() + "\terror\tpersistence\tunable to open the database connection: "
        + cause + " [scope=\"persistence\"]";
  }

  // SYNTHETIC: oap (SkyWalking, Java) log layout; the exception texts are those of the Elasticsearch Java client
  private static String elasticLine(ExternalStores.Outcome outcome, String host, int port, String url) {
    String cause = switch (outcome) {
      case OK -> null;
      case TIMEOUT -> "java.net.ConnectException: Timeout connecting to [/" + host + ":" + port + "]";
      case REFUSED -> "java.net.ConnectException: Connection refused";
      case AUTH_FAILED -> "org.elasticsearch.client.ResponseException: method [GET], host [" + url
          + "], URI [/], status line [HTTP/1.1 401 Unauthorized]";
    };
    return cause == null ? null : JAVA_TIME.format(Instant.now()) + " [main] ERROR "
        + "o.a.s.o.s.s.p.e.StorageModuleElasticsearchProvider - cannot connect to Elasticsearch at " + url + ": " + cause;
  }

  /** {username, password} of the Secret, empty strings where missing. */
  private String[] credentials(String name) {
    Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
    Map<String, String> data = secret == null || secret.getData() == null ? Map.of() : secret.getData();
    return new String[] {decode(data.get("username")), decode(data.get("password"))};
  }

  private static String decode(String base64) {
    return base64 == null ? "" : new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8).trim();
  }

  private static int port(Map<String, Object> stanza, int fallback) {
    try {
      return Integer.parseInt(String.valueOf(stanza.getOrDefault("port", fallback)));
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> stanza(Map<String, Object> spec, String store, String kind) {
    return spec.get(store) instanceof Map<?, ?> s && s.get(kind) instanceof Map<?, ?> k ? (Map<String, Object>) k : null;
  }
}
