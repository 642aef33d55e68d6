package io.runbook.lab.tetrate;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The management plane's external Postgres (configuration) and Elasticsearch (metrics), which outlive a failed
 * management cluster (facts §1 preconditions, §3.1 {@code spec.dataStore.postgres}, {@code
 * spec.telemetryStore.elastic}). They are not served: the lab's network rules decide what a client in the management
 * cluster gets when it connects or logs in, and the variants say what is wrong with them.
 *
 * @param postgres {@code lab_postgres}
 * @param elastic {@code lab_elastic}
 */
public record ExternalStores(Postgres postgres, Elastic elastic) {
  static final String POSTGRES_HOST = "172.20.5.10";
  static final int POSTGRES_PORT = 5432;
  static final String POSTGRES_DATABASE = "tsb";
  static final String POSTGRES_USER = "tsb";
  /** What the backup's {@code postgres-credentials} hold (and the database accepted when the backup was taken). */
  static final String POSTGRES_PASSWORD = "tsb-postgres-password";
  static final String ELASTIC_HOST = "172.20.5.20";
  static final int ELASTIC_PORT = 9200;
  static final String ELASTIC_USER = "elastic";
  static final String ELASTIC_PASSWORD = "elastic-lab-password";

  /** {@code lab_postgres}: reachable with the saved credentials, firewalled, or its password changed since. */
  public enum Postgres {
    OK, UNREACHABLE, BAD_CREDENTIALS;

    public String id() {
      return ExternalStores.id(this);
    }
  }

  /** {@code lab_elastic}: reachable with history, firewalled, or a new, empty store (history lost, tolerated). */
  public enum Elastic {
    OK, UNREACHABLE, EMPTY;

    public String id() {
      return ExternalStores.id(this);
    }
  }

  /** What a connection (and login) from the management cluster gets. */
  enum Outcome { OK, TIMEOUT, REFUSED, AUTH_FAILED }

  public static ExternalStores defaults() {
    return new ExternalStores(Postgres.OK, Elastic.OK);
  }

  /** From the inventory spelling: {@code ok|unreachable|bad-credentials} and {@code ok|unreachable|empty}. */
  public static ExternalStores of(String postgres, String elastic) {
    return new ExternalStores(parse(Postgres.class, "lab_postgres", postgres), parse(Elastic.class, "lab_elastic", elastic));
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String variable, String value) {
    for (E e : type.getEnumConstants()) {
      if (id(e).equals(value)) {
        return e;
      }
    }
    throw new IllegalArgumentException(variable + " must be one of " + Arrays.stream(type.getEnumConstants())
        .map(ExternalStores::id).collect(Collectors.joining(", ")) + ", not '" + value + "'");
  }

  private static String id(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Whether the management plane can run on these stores (Postgres answers and accepts, Elastic answers). */
  boolean usable() {
    return postgres == Postgres.OK && elastic != Elastic.UNREACHABLE;
  }

  /**
   * A TCP connection from the management cluster to {@code host:port}: the stores' firewall variants time out;
   * any other address is not routed (timeout).
   */
  Outcome connect(String host, int port) {
    if (POSTGRES_HOST.equals(host) && port == POSTGRES_PORT) {
      return postgres == Postgres.UNREACHABLE ? Outcome.TIMEOUT : Outcome.OK;
    }
    if (ELASTIC_HOST.equals(host) && port == ELASTIC_PORT) {
      return elastic == Elastic.UNREACHABLE ? Outcome.TIMEOUT : Outcome.OK;
    }
    if (POSTGRES_HOST.equals(host) || ELASTIC_HOST.equals(host)) {
      return Outcome.REFUSED;
    }
    return Outcome.TIMEOUT;
  }

  /** A Postgres login: the connection's outcome, then the password (changed since the backup in bad-credentials). */
  Outcome postgresLogin(String host, int port, String user, String password) {
    Outcome connected = connect(host, port);
    if (connected != Outcome.OK || !(POSTGRES_HOST.equals(host) && port == POSTGRES_PORT)) {
      return connected == Outcome.OK ? Outcome.REFUSED : connected;
    }
    boolean accepted = postgres != Postgres.BAD_CREDENTIALS && POSTGRES_USER.equals(user)
        && POSTGRES_PASSWORD.equals(password);
    return accepted ? Outcome.OK : Outcome.AUTH_FAILED;
  }

  /** An authenticated Elasticsearch request. */
  Outcome elasticLogin(String host, int port, String user, String password) {
    Outcome connected = connect(host, port);
    if (connected != Outcome.OK || !(ELASTIC_HOST.equals(host) && port == ELASTIC_PORT)) {
      return connected == Outcome.OK ? Outcome.REFUSED : connected;
    }
    return ELASTIC_USER.equals(user) && ELASTIC_PASSWORD.equals(password) ? Outcome.OK : Outcome.AUTH_FAILED;
  }

  /** Whether Elasticsearch holds metrics from before the failure. */
  boolean metricsHistory() {
    return elastic == Elastic.OK;
  }
}
