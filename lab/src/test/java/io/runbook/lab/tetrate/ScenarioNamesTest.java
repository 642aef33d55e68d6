package io.runbook.lab.tetrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The scenario and variant names of the lab inventory ({@code lab_scenario}, {@code lab_*} variables). */
class ScenarioNamesTest {

  @Test
  void everyScenarioIsFoundByItsInventoryName() {
    for (Scenario scenario : Scenario.values()) {
      assertEquals(scenario, Scenario.fromId(scenario.id()));
    }
    assertEquals("management-cluster-lost", Scenario.MANAGEMENT_CLUSTER_LOST.id());
    assertEquals("edge-control-plane-failed", Scenario.EDGE_CONTROL_PLANE_FAILED.id());
  }

  @Test
  void anUnknownScenarioNamesTheValidOnes() {
    var error = assertThrows(IllegalArgumentException.class, () -> Scenario.fromId("mgmt-lost"));
    assertTrue(error.getMessage().contains("'mgmt-lost'"), error.getMessage());
    assertTrue(error.getMessage().contains("management-cluster-lost, management-plane-failed"), error.getMessage());
  }

  @Test
  void variantsReadTheInventorySpellings() {
    assertEquals(new Variants(true, true), Variants.of("present", "same"));
    assertEquals(new Variants(false, false), Variants.of("lost", "different"));
    assertEquals(Variants.defaults(), Variants.of("present", "same"));
    var error = assertThrows(IllegalArgumentException.class, () -> Variants.of("missing", "same"));
    assertEquals("lab_signing_key_backup must be present or lost, not 'missing'", error.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Variants.of("present", "other"));
  }
}
