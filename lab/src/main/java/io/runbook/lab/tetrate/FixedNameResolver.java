package io.runbook.lab.tetrate;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A resolver whose answers are set by hand: the stand-in for the lab DNS server in tests. Thread-safe. */
public final class FixedNameResolver implements MpNameResolver {
  private final Map<String, String> addresses = new ConcurrentHashMap<>();

  /** From now on {@code fqdn} resolves to {@code address}. */
  public FixedNameResolver point(String fqdn, String address) {
    addresses.put(normalise(fqdn), address);
    return this;
  }

  /** From now on {@code fqdn} does not resolve. */
  public void remove(String fqdn) {
    addresses.remove(normalise(fqdn));
  }

  @Override
  public void initialRecord(String fqdn, String address) {
    point(fqdn, address);
  }

  @Override
  public Optional<String> resolve(String fqdn) {
    return Optional.ofNullable(addresses.get(normalise(fqdn)));
  }

  private static String normalise(String fqdn) {
    String lower = fqdn.toLowerCase(java.util.Locale.ROOT);
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }
}
