package io.runbook.lab.tetrate;

import java.util.Optional;

/**
 * How a simulated control plane resolves the management plane's FQDN: in the lab this is the lab DNS server (the
 * answer a control plane sees once the secondary has the record); tests and stand-alone use pass a
 * {@link FixedNameResolver}. Called from the control-plane operator threads, so implementations must be thread-safe.
 */
@FunctionalInterface
public interface MpNameResolver {

  /** The IPv4 address {@code fqdn} resolves to right now, or empty for NXDOMAIN / no answer. Never null. */
  Optional<String> resolve(String fqdn);

  /**
   * Called by {@link TetrateLab#apply} with the A record the scenario starts from; resolvers that own their
   * records (the lab DNS server, {@link FixedNameResolver}) set it, others leave it to the caller.
   */
  default void initialRecord(String fqdn, String address) {}
}
