package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The runbook's checks of the management plane's external stores and persisted configuration, end to end on the
 * lab: the preflight from inside the new management cluster (lab_postgres, lab_elastic), the wait that says why from
 * the pods' logs, the configuration fingerprint backup.yml records and verify.yml / recover.yml compare, the metrics
 * history, firewall vs root CA toward the control planes, and triage naming a store failure.
 */
class StoresPlaybooksTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "lab_postgres=unreachable | postgres (172.20.5.10:5432): timeout | check the firewall rules toward the Postgres database",
        "lab_postgres=bad-credentials | auth_failed: psql: error: connection to server at | check the credentials passed through Helm or mp-values.yaml",
        "lab_elastic=unreachable | elasticsearch (https://172.20.5.20:9200/): timeout | check the firewall rules toward Elasticsearch"})
    void theStorePreflightStopsTheRecoveryBeforeAnythingIsInstalledWithTheRunbooksRemedy(String variant, String what,
                                                                                           String remedy, @TempDir Path dir) {
        LabEstateRun lab = new LabEstateRun(dir.resolve("state"));
        LabEstateRun.Result run = lab.play("recover.yml", variant);
        assertEquals(2, run.code(), run.out());
        assertTrue(run.out().contains(what), run.out());
        assertTrue(run.out().contains(remedy), run.out());
        assertEquals(1, run.recap("mgmt", "failed"), run.out());
        assertEquals(0, run.recap("mgmt", "changed"), "nothing was installed\n" + run.out());
        assertTrue(lab.object("mgmt", "Namespace", null, "tsb").isEmpty(), "no management-plane namespace");
        assertTrue(lab.objects("mgmt").stream().noneMatch(o -> String.valueOf(LabEstateRun.path(o, "metadata", "name"))
                .startsWith("runbook-probe-") && !"Pod".equals(o.get("kind"))), "the probe's Job and Secret are gone");
        assertTrue(!run.out().contains("tsb-postgres-password") && !run.out().contains("elastic-lab-password"),
                "no password in the output\n" + run.out());
    }

    @Test
    void withoutThePreflightTheWaitForThePodsStopsAndSaysWhyFromTheirLogs(@TempDir Path dir) {
        LabEstateRun lab = new LabEstateRun(dir.resolve("state"));
        LabEstateRun.Result run = lab.play("recover.yml", "lab_postgres=bad-credentials", "preflight_stores=false");
        assertEquals(2, run.code(), run.out());
        assertTrue(run.out().contains("stopped waiting (the logs show database_auth)"), run.out());
        assertTrue(run.out().contains("pq: password authentication failed for user"), run.out());
        assertTrue(run.out().contains("check the credentials passed through Helm or mp-values.yaml"), run.out());
    }

    @Test
    void anEmptyElasticsearchIsToleratedAndReportedAndTheConfigurationIsComparedWithTheBackup(@TempDir Path dir)
            throws Exception {
        LabEstateRun lab = new LabEstateRun(dir.resolve("state"));
        LabEstateRun.Result run = lab.play("recover.yml", "lab_elastic=empty");
        assertEquals(0, run.code(), run.out());
        assertTrue(run.out().contains("configuration preserved in Postgres: 1 organization, 2 tenants, 4 workspaces, "
                + "3 clusters, as the backup recorded"), run.out());
        assertTrue(run.out().contains("metrics history: EMPTY"), run.out());

        LabEstateRun.Result required = lab.play("verify.yml", "lab_elastic=empty", "metrics_history_required=true");
        assertEquals(2, required.code(), required.out());
        assertTrue(required.out().contains("Elasticsearch holds no metrics from before the recovery"), required.out());
    }

    @Test
    void backupRecordsTheConfigurationAndVerifyReportsWhatTheRestoredManagementPlaneLacks(@TempDir Path dir)
            throws Exception {
        LabEstateRun lab2 = new LabEstateRun(dir.resolve("healthy"));
        LabEstateRun.Result recovered = lab2.play("recover.yml");
        assertEquals(0, recovered.code(), recovered.out());
        Path saved = dir.resolve("healthy/backup/configuration.yaml");
        Map<String, Object> asTheLabWroteIt = yaml(saved);
        Files.delete(saved);
        LabEstateRun.Result backup = lab2.play("backup.yml");
        assertEquals(0, backup.code(), backup.out());
        assertEquals(asTheLabWroteIt, yaml(saved), "backup.yml records what the lab's backup holds");
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(saved)));
        assertEquals(List.of("payments/checkout", "payments/ledger", "platform/gateways", "platform/observability"),
                yaml(saved).get("workspaces"));

        Files.writeString(saved, Files.readString(saved).replace("tenants:\n", "tenants:\n- legacy\n")
                .replace("clusters:\n", "clusters:\n- cp-9\n"));
        LabEstateRun.Result verify = lab2.play("verify.yml");
        assertEquals(2, verify.code(), verify.out());
        assertTrue(verify.out().contains("the restored management plane lacks what the backup recorded — tenants missing: "
                + "legacy; clusters missing: cp-9"), verify.out());
    }

    @Test
    void aFirewallBetweenTheControlPlanesAndTheNewManagementPlaneIsToldApartFromTheRootCa(@TempDir Path dir) {
        LabEstateRun lab = new LabEstateRun(dir.resolve("state"));
        LabEstateRun.Result run = lab.play("recover.yml", "lab_scenario=connectivity-lost", "edge_wait_retries=2");
        assertEquals(2, run.code(), run.out());
        for (String cp : List.of("cp-1", "cp-2", "cp-3")) {
            assertTrue(run.out().contains(cp + ": its edge still cannot reach the management plane. From inside this cluster, "
                    + "connections to tsb.dr.example.test:9443 time out: a firewall between this control plane and the new "
                    + "management plane drops them"), run.out());
        }
        assertEquals(0, run.recap("mgmt", "failed"), run.out());
    }

    @Test
    void triageNamesAManagementPlaneWhoseDatabaseRefusesItsCredentials(@TempDir Path dir) {
        LabEstateRun lab = new LabEstateRun(dir.resolve("state"));
        LabEstateRun.Result triage = lab.play("triage.yml", "lab_scenario=connectivity-lost", "lab_postgres=bad-credentials");
        assertEquals(0, triage.code(), triage.out());
        assertTrue(triage.out().contains("scenario: management-plane-failed"), triage.out());
        assertTrue(triage.out().contains("the management plane's own components say why: database_auth"), triage.out());
        assertTrue(triage.out().contains("its Postgres database refuses the credentials"), triage.out());
        assertTrue(triage.out().contains("check the credentials passed through Helm or mp-values.yaml"), triage.out());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(Path file) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .readValue(file.toFile(), Map.class);
    }
}
