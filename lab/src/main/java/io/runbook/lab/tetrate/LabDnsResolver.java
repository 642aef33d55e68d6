package io.runbook.lab.tetrate;

import io.runbook.lab.dns.LabDns;
import java.util.List;
import java.util.Optional;

/**
 * Control planes resolve the MP FQDN through the lab DNS server: {@link LabDns#resolve} answers what the
 * secondary holds, so a control plane sees a repointed record only after the secondary's delay (the contract's
 * "propagation is real to watch").
 */
public final class LabDnsResolver implements MpNameResolver {
  private static final int TTL = 30;
  private final LabDns dns;

  public LabDnsResolver(LabDns dns) {
    this.dns = dns;
  }

  @Override
  public Optional<String> resolve(String fqdn) {
    return dns.resolve(fqdn).stream().filter(v -> v.matches("\\d{1,3}(\\.\\d{1,3}){3}")).findFirst();
  }

  /** The scenario's starting A record, on the primary (the secondary follows after its delay). */
  @Override
  public void initialRecord(String fqdn, String address) {
    dns.set(fqdn.endsWith(".") ? fqdn : fqdn + ".", "A", List.of(address), TTL);
  }
}
