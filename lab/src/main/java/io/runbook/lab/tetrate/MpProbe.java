package io.runbook.lab.tetrate;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLException;

/**
 * A control plane's attempt to reach the MP: resolve the FQDN with the lab resolver, then a real TLS connection to
 * the resolved address on the XCP port, verified against the CA bundle the control plane holds and the FQDN.
 */
final class MpProbe {
  private final String fqdn;
  private final MpNameResolver resolver;
  private final BooleanSupplier firewalled;
  private final Duration timeout;

  MpProbe(String fqdn, MpNameResolver resolver, BooleanSupplier firewalled, Duration timeout) {
    this.fqdn = fqdn;
    this.resolver = resolver;
    this.firewalled = firewalled;
    this.timeout = timeout;
  }

  /** The name the lab's MP certificate is issued for (what control planes dial unless their CR says otherwise). */
  String fqdn() {
    return fqdn;
  }

  /** The JDK's host-name check failed (rather than the chain): "No subject alternative DNS name matching …". */
  private static boolean nameMismatch(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof java.security.cert.CertificateException && String.valueOf(t.getMessage()).contains(
          "No subject alternative")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Dials {@code host} (the ControlPlane's {@code spec.managementPlane.host}); {@code trustedCaPem} is the control
   * plane's {@code xcp-central-ca-bundle}, or null when it has none.
   */
  Reachability probe(String host, String trustedCaPem) {
    Optional<String> resolved = resolver.resolve(host);
    if (resolved.isEmpty()) {
      return new Reachability.NoSuchHost();
    }
    String address = resolved.get();
    if (firewalled.getAsBoolean()) {
      return new Reachability.TimedOut(address);
    }
    if (trustedCaPem == null || trustedCaPem.isBlank()) {
      return new Reachability.UntrustedAuthority(address);
    }
    try {
      var client = new PinnedHttpsClient(MpCertificates.trusting(trustedCaPem), timeout);
      var response = client.get(host, address, ManagementPlaneEndpoint.XCP_PORT, "/lab/v1/xcp");
      if (response.status() != 200) {
        return new Reachability.NoHealthyUpstream(address);
      }
      String kid = response.body().replaceAll(".*\"kid\":\"([^\"]*)\".*", "$1");
      return new Reachability.Connected(address, kid);
    } catch (ConnectException e) {
      return new Reachability.Refused(address);
    } catch (SocketTimeoutException e) {
      return new Reachability.TimedOut(address);
    } catch (SSLException e) {
      return nameMismatch(e) ? new Reachability.NameMismatch(address, fqdn, host)
          : new Reachability.UntrustedAuthority(address);
    } catch (IOException | IllegalArgumentException e) {
      return new Reachability.Refused(address);
    }
  }
}
