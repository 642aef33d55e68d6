package io.runbook.lab.tetrate;

import java.nio.file.Path;

/**
 * What {@link TetrateLab#apply} set up, for the wiring around it.
 *
 * @param scenario the scenario
 * @param variants its variants
 * @param dnsAddress the address the MP FQDN's A record must hold at the start (the lost MP's
 *     {@link TetrateLab#OLD_MP_ADDRESS}, or the surviving MP's envoy address): the lab DNS zone is seeded with it
 * @param oldKid the kid of the signing key the control planes' tokens were issued with
 * @param backupDir where the backup files were written
 * @param rootCaFile the CA certificate the (new) MP's server certificate chains to
 */
public record ScenarioSetup(Scenario scenario, Variants variants, String dnsAddress, String oldKid, Path backupDir,
    Path rootCaFile) {}
