package io.runbook.lab.tetrate;

import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The lab's network rules as a pod in one cluster meets them: names resolve through the lab resolver, the front
 * envoy answers on its ports (unless the control planes are firewalled from it), the external stores answer the
 * management cluster as their variants say and are not routed from control-plane clusters.
 */
final class ClusterNetwork implements ProbePods.Network {
  private final MpNameResolver resolver;
  private final Supplier<String> envoyAddress;
  private final Supplier<ExternalStores> stores;
  private final boolean managementCluster;
  private final BooleanSupplier firewalled;

  private ClusterNetwork(MpNameResolver resolver, Supplier<String> envoyAddress, Supplier<ExternalStores> stores,
      boolean managementCluster, BooleanSupplier firewalled) {
    this.resolver = resolver;
    this.envoyAddress = envoyAddress;
    this.stores = stores;
    this.managementCluster = managementCluster;
    this.firewalled = firewalled;
  }

  /** From the (new) management cluster: the stores as their variants say. */
  static ClusterNetwork management(MpNameResolver resolver, Supplier<String> envoyAddress,
      Supplier<ExternalStores> stores) {
    return new ClusterNetwork(resolver, envoyAddress, stores, true, () -> false);
  }

  /** From a control-plane cluster: the management plane unless the CP→MP firewall drops it; no stores. */
  static ClusterNetwork controlPlane(MpNameResolver resolver, Supplier<String> envoyAddress,
      Supplier<ExternalStores> stores, BooleanSupplier firewalled) {
    return new ClusterNetwork(resolver, envoyAddress, stores, false, firewalled);
  }

  @Override
  public boolean resolves(String host) {
    return literal(host) || resolver.resolve(host).isPresent();
  }

  @Override
  public ExternalStores.Outcome connect(String host, int port) {
    String address = address(host).orElse(host);
    if (address.equals(envoyAddress.get())) {
      boolean served = port == ManagementPlaneEndpoint.API_PORT || port == ManagementPlaneEndpoint.XCP_PORT;
      if (!managementCluster && firewalled.getAsBoolean()) {
        return ExternalStores.Outcome.TIMEOUT;
      }
      return served ? ExternalStores.Outcome.OK : ExternalStores.Outcome.REFUSED;
    }
    if (address.startsWith("127.")) {
      // a loopback address nothing serves (the lost management plane's)
      return ExternalStores.Outcome.REFUSED;
    }
    return managementCluster ? stores.get().connect(address, port) : ExternalStores.Outcome.TIMEOUT;
  }

  @Override
  public ExternalStores.Outcome postgresLogin(String host, int port, String user, String password) {
    return managementCluster ? stores.get().postgresLogin(host, port, user, password) : connect(host, port);
  }

  @Override
  public ExternalStores.Outcome elasticLogin(String host, int port, String user, String password) {
    return managementCluster ? stores.get().elasticLogin(host, port, user, password) : connect(host, port);
  }

  private Optional<String> address(String host) {
    return literal(host) ? Optional.of(host) : resolver.resolve(host);
  }

  private static boolean literal(String host) {
    return host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
  }
}
