package io.runbook.lab.tetrate;

/** What a control plane finds when it tries to reach the management plane through its FQDN. */
sealed interface Reachability {

  /** The FQDN does not resolve. */
  record NoSuchHost() implements Reachability {}

  /** Nothing listens at the resolved address (e.g. the lost MP's old address). */
  record Refused(String address) implements Reachability {}

  /** Packets are dropped on the way (the lab's firewall flag, or a connect timeout). */
  record TimedOut(String address) implements Reachability {}

  /** The MP's certificate does not chain to the CA in the control plane's {@code xcp-central-ca-bundle}. */
  record UntrustedAuthority(String address) implements Reachability {}

  /** The MP's certificate is for {@code servedName}, not the {@code host} the control plane dialled. */
  record NameMismatch(String address, String servedName, String host) implements Reachability {}

  /** TLS works but the MP cannot take the stream (central not ready, or the MP is not healthy). */
  record NoHealthyUpstream(String address) implements Reachability {}

  /** Connected; the MP signs (and accepts) tokens of key {@code kid}. */
  record Connected(String address, String kid) implements Reachability {}
}
