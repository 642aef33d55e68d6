package io.runbook.lab.tetrate;

import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The log lines of a simulated control plane, in the formats of facts §4.4: tab-separated
 * {@code <time> <level> <scope> <message>} as Istio/XCP components write them. Each method says whether its
 * message is a REAL line (seen in Tetrate's troubleshooting docs) or SYNTHETIC (no public example; same gRPC shape).
 */
final class ControlPlaneLogLines {
  private static final String EDGE_STREAM = "error getting stream. retrying in %ss: rpc error: ";
  private static final String EDGE_SUFFIX = "\tname=configs-4d116fd6";

  private ControlPlaneLogLines() {}

  /** The edge line for the state {@code reach} / token check leads to. */
  static String edge(Reachability reach, String fqdn, String rejectedKid) {
    if (reach instanceof Reachability.Connected) {
      return rejectedKid == null
          // SYNTHETIC: the healthy line of the contract
          ? line("info", "stream", "connected to management plane " + fqdn + ":9443, configs synced")
          // SYNTHETIC: no public example of a token signed by another key
          : warn("code = Unauthenticated desc = " + (rejectedKid.isEmpty() ? "token not found"
              : "token signed by unknown key " + rejectedKid));
    }
    return warn("code = Unavailable desc = " + cause(reach, fqdn, ManagementPlaneEndpoint.XCP_PORT));
  }

  /** REAL shape (facts §4.4, S17): the CP operator cannot mint tokens; the cause follows the reachability. */
  static String rotationFailed(Reachability reach, String fqdn) {
    String cause = reach instanceof Reachability.Connected ? "internal error"
        : cause(reach, fqdn, ManagementPlaneEndpoint.API_PORT);
    return line("error", "controlplane", "token rotation failed, retrying in " + backoff(1, 8)
        + "s: generate tokens: rpc error: code = Unavailable desc = " + cause + " [scope=\"controlplane\"]");
  }

  private static String cause(Reachability reach, String fqdn, int port) {
    if (reach instanceof Reachability.NoSuchHost) {
      // SYNTHETIC: no public example of the DNS failure; Go's resolver error in the real gRPC dial format
      return "connection error: desc = \"transport: Error while dialing: dial tcp: lookup " + fqdn
          + " on 10.96.0.10:53: no such host\"";
    } else if (reach instanceof Reachability.Refused r) {
      // SYNTHETIC: connection refused in the real gRPC dial format
      return "connection error: desc = \"transport: Error while dialing: dial tcp " + r.address() + ":" + port
          + ": connect: connection refused\"";
    } else if (reach instanceof Reachability.TimedOut t) {
      // SYNTHETIC: a dropped connection (firewall) in the real gRPC dial format
      return "connection error: desc = \"transport: Error while dialing: dial tcp " + t.address() + ":" + port
          + ": i/o timeout\"";
    } else if (reach instanceof Reachability.NameMismatch m) {
      // REAL (facts §4.4, S17): the certificate names another host
      return "connection error: desc = \"transport: authentication handshake failed: tls: failed to verify "
          + "certificate: x509: certificate is valid for " + m.servedName() + ", not " + m.host() + "\"";
    } else if (reach instanceof Reachability.UntrustedAuthority) {
      // REAL (facts §4.4, S17): root CA mismatch
      return "connection error: desc = \"transport: authentication handshake failed: x509: certificate signed by "
          + "unknown authority\"";
    }
    // SYNTHETIC: front envoy's answer while central is down
    return "no healthy upstream";
  }

  /** REAL (facts §4.4, S17): the operator has no service account to mint tokens with. */
  static String serviceAccountMissing() {
    return line("error", "controlplane", "token rotation failed, retrying in 15m0s: secret "
        + "istio-system/cluster-service-account not found: Secret \"cluster-service-account\" not found "
        + "[scope=\"controlplane\"]");
  }

  /** SYNTHETIC: the operator re-issued a token secret. */
  static String tokenIssued(String secret, String kid) {
    return line("info", "controlplane", "token rotated: secret istio-system/" + secret + " issued with key " + kid
        + " [scope=\"controlplane\"]");
  }

  private static String warn(String rpcError) {
    return line("warn", "stream", String.format(Locale.ROOT, EDGE_STREAM, backoff(15, 30)) + rpcError)
        + EDGE_SUFFIX;
  }

  private static String line(String level, String scope, String message) {
    return Instant.now() + "\t" + level + "\t" + scope + "\t" + message;
  }

  private static String backoff(int fromSeconds, int toSeconds) {
    double seconds = ThreadLocalRandom.current().nextDouble(fromSeconds, toSeconds);
    return String.format(Locale.ROOT, "%.8f", seconds);
  }
}
