package io.runbook.lab.tetrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A kept estate keeps its management plane's front-envoy address when it restarts, even when another lab freed a
 * lower one meanwhile; when its address is taken (by another lab), the envoy moves and the lab DNS record, which
 * pointed at it, moves with it, saying so. The estate takes its envoy address from a pool of its own (127.0.2.x), so
 * that labs of other tests on the machine, which use the default pool, cannot take an address this test expects.
 */
class EstateAddressTest {
  private static final String FQDN = "tsb.dr.example.test";
  private static final List<String> POOL = java.util.stream.IntStream.range(10, 40).mapToObj(i -> "127.0.2." + i).toList();

  @Test
  void aRestartedEstateKeepsItsEnvoyAddressAndFollowsItWhenItMustMove(@TempDir Path dir) throws Exception {
    TetrateEstate.Settings settings = new TetrateEstate.Settings(List.of("mgmt", "cp-1"), "mgmt", "tsb", FQDN,
        "dr.example.test", "tetrate", 0, Scenario.CONNECTIVITY_LOST, Variants.defaults(), dir.resolve("state"),
        Timing.fast()).withEnvoyPool(POOL);
    String first;
    try (ServerSocket lower = occupyFirstFreeEnvoyAddress()) {
      try (TetrateEstate estate = TetrateEstate.open(settings)) {
        first = estate.tetrate().envoyAddress();
        assertEquals(List.of(first), estate.dns().resolve(FQDN));
      }
    }
    try (TetrateEstate again = TetrateEstate.open(settings)) {
      assertEquals(first, again.tetrate().envoyAddress(), "the lower address is free again, yet the estate keeps its own");
      assertEquals(List.of(), again.notices());
    }
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getByName(first), ManagementPlaneEndpoint.API_PORT));
      try (TetrateEstate moved = TetrateEstate.open(settings)) {
        String now = moved.tetrate().envoyAddress();
        assertNotEquals(first, now);
        assertEquals(List.of(now), moved.dns().resolve(FQDN), "the record follows the envoy");
        assertEquals(List.of("the management plane's front envoy moved from " + first + " to " + now + " (" + first
            + " is taken, by another lab?); the lab DNS record " + FQDN + " moved with it"), moved.notices());
      }
    }
  }

  /** Holds the first address of the pool that a lab's envoy could take now, so the estate gets a later one. */
  private static ServerSocket occupyFirstFreeEnvoyAddress() throws IOException {
    for (String address : POOL) {
      if (!free(address, ManagementPlaneEndpoint.XCP_PORT)) {
        continue;
      }
      ServerSocket socket = new ServerSocket();
      try {
        socket.bind(new InetSocketAddress(InetAddress.getByName(address), ManagementPlaneEndpoint.API_PORT));
        return socket;
      } catch (IOException taken) {
        socket.close();
      }
    }
    throw new AssertionError("no free envoy address");
  }

  private static boolean free(String address, int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(InetAddress.getByName(address), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
