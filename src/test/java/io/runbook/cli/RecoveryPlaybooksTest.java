package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * playbooks/recover.yml and its companions against the embedded Tetrate lab, as a user runs them, asserting
 * the end state through what the lab saved: the management plane installed, DNS repointed on both servers,
 * every control plane synced, tokens rotated exactly where the signing key was lost, and nothing changed on
 * a second run.
 */
class RecoveryPlaybooksTest {
    private static final List<String> CONTROL_PLANES = List.of("cp-1", "cp-2", "cp-3");
    private static final List<String> TOKENS = List.of("otel-token", "oap-token", "ngac-token", "xcp-edge-central-auth-token");

    @Test
    void recoverRestoresTheManagementPlaneAndASecondRunChangesNothing(@TempDir Path dir) {
        LabEstateRun lab = new LabEstateRun(dir.resolve("state"));
        LabEstateRun.Result first = lab.play("recover.yml");
        assertEquals(0, first.code(), first.out());
        assertTrue(first.recap("mgmt", "changed") > 0, first.out());
        assertEquals("INSTALLED", LabEstateRun.path(lab.object("mgmt", "ManagementPlane", "tsb", "managementplane").orElseThrow(),
                "status", "phase"));
        Object ingress = LabEstateRun.path(lab.object("mgmt", "Service", "tsb", "envoy").orElseThrow(),
                "status", "loadBalancer", "ingress");
        String address = ingress instanceof List<?> l && !l.isEmpty() ? (String) ((Map<?, ?>) l.get(0)).get("ip") : null;
        assertTrue(address != null && address.startsWith("127.0.1."), "front envoy address: " + address);
        JsonNode dns = first.results("Point tsb.dr.example.test at the new front envoy and wait until every server has it").get(0);
        JsonNode propagation = dns.path("result").path("propagation");
        assertEquals(2, propagation.size(), "both authoritative servers checked: " + propagation);
        propagation.forEach(server -> assertTrue(server.path("ok").asBoolean(), "propagated to " + server));
        assertEquals(address, dns.path("result").path("record").path("values").get(0).asText());
        for (String cp : CONTROL_PLANES) {
            assertEquals("SYNCED", LabEstateRun.path(lab.object(cp, "ControlPlane", "istio-system", "controlplane").orElseThrow(),
                    "status", "xcp"), cp);
            assertEquals(0, first.recap(cp, "changed"), cp + " needed no token rotation: the key was restored\n" + first.out());
        }
        assertTrue(first.out().contains("signing key: restored from the backup"), first.out());

        LabEstateRun.Result second = lab.play("recover.yml");
        assertEquals(0, second.code(), second.out());
        assertEquals(0, second.totalChanged(), "a second recover.yml changes nothing:\n" + second.out());

        LabEstateRun.Result verify = lab.play("verify.yml");
        assertEquals(0, verify.code(), verify.out());
        assertEquals(0, verify.totalChanged(), verify.out());

        LabEstateRun.Result triage = lab.play("triage.yml");
        assertEquals(0, triage.code(), triage.out());
        assertTrue(triage.out().contains("no failure found"), triage.out());

        java.util.Map<String, Object> uidsBefore = tokens(lab);
        LabEstateRun.Result rotate = lab.play("rotate-control-plane-tokens.yml");
        assertEquals(0, rotate.code(), rotate.out());
        java.util.Map<String, Object> uidsAfter = tokens(lab);
        for (String cp : CONTROL_PLANES) {
            assertEquals(1, rotate.recap(cp, "changed"), rotate.out());
            for (String token : TOKENS) {
                assertNotEquals(uidsBefore.get(cp + "/" + token), uidsAfter.get(cp + "/" + token),
                        cp + "/" + token + " was re-issued (new token)");
            }
        }
    }

    @Test
    void aFailedManagementPlaneIsRecoveredOnTheSameCluster(@TempDir Path dir) {
        LabEstateRun lab = new LabEstateRun(dir.resolve("state"));
        LabEstateRun.Result run = lab.play("recover.yml", "lab_scenario=management-plane-failed");
        assertEquals(0, run.code(), run.out());
        assertEquals(1, run.recap("mgmt", "changed"), "only the helm release changed (rolled back, upgraded)\n" + run.out());
        for (String cp : CONTROL_PLANES) {
            assertEquals("SYNCED", LabEstateRun.path(lab.object(cp, "ControlPlane", "istio-system", "controlplane").orElseThrow(),
                    "status", "xcp"), cp);
        }
        LabEstateRun.Result second = lab.play("recover.yml", "lab_scenario=management-plane-failed");
        assertEquals(0, second.code(), second.out());
        assertEquals(0, second.totalChanged(), second.out());
    }

    /** Each control plane's token secrets' data, as the lab saved them. */
    private static java.util.Map<String, Object> tokens(LabEstateRun lab) {
        java.util.Map<String, Object> uids = new java.util.HashMap<>();
        for (String cp : CONTROL_PLANES) {
            for (String token : TOKENS) {
                lab.object(cp, "Secret", "istio-system", token).ifPresent(o -> uids.put(cp + "/" + token,
                        LabEstateRun.path(o, "data")));
            }
        }
        return uids;
    }

    @Test
    void withTheSigningKeyLostTokensAreRotatedOnEveryControlPlaneAndTheyEndSynced(@TempDir Path dir) {
        LabEstateRun lab = new LabEstateRun(dir.resolve("state"));
        assertFalse(Files.exists(dir.resolve("state/backup/iam-signing-key.yaml")));
        LabEstateRun.Result run = lab.play("recover.yml", "lab_signing_key_backup=lost");
        assertEquals(0, run.code(), run.out());
        assertFalse(Files.exists(dir.resolve("state/backup/iam-signing-key.yaml")), "the scenario has no key backup");
        for (String cp : CONTROL_PLANES) {
            assertEquals(1, run.recap(cp, "changed"), cp + " rotated its tokens once\n" + run.out());
            assertTrue(run.out().contains(cp + ": tokens rotated, synced"), run.out());
            assertEquals("SYNCED", LabEstateRun.path(lab.object(cp, "ControlPlane", "istio-system", "controlplane").orElseThrow(),
                    "status", "xcp"), cp);
            String kid = (String) LabEstateRun.path(lab.object(cp, "Secret", "istio-system", TOKENS.get(0)).orElseThrow(),
                    "metadata", "annotations", "lab.runbook.io/kid");
            assertNotEquals("kid-2025-old", kid, cp + "'s tokens carry the new management plane's key");
        }
        LabEstateRun.Result second = lab.play("recover.yml", "lab_signing_key_backup=lost");
        assertEquals(0, second.code(), second.out());
        assertEquals(0, second.totalChanged(), "no rotation on a recovered estate:\n" + second.out());
    }

    @Test
    void withADifferentRootCaRecoveryStopsAtTheControlPlanesWithTheRootCaDiagnosis(@TempDir Path dir) {
        LabEstateRun lab = new LabEstateRun(dir.resolve("state"));
        LabEstateRun.Result run = lab.play("recover.yml", "lab_root_ca=different");
        assertEquals(2, run.code(), run.out());
        for (String cp : CONTROL_PLANES) {
            assertEquals(1, run.recap(cp, "failed"), run.out());
        }
        assertTrue(run.out().contains("rejects the new management plane's certificate"), run.out());
        assertTrue(run.out().contains("x509: certificate signed by unknown authority"), run.out());
        assertTrue(run.out().contains("same root CA"), run.out());
        assertEquals(0, run.recap("mgmt", "failed"), "the management plane itself was restored\n" + run.out());

        LabEstateRun.Result triage = lab.play("triage.yml", "lab_root_ca=different");
        assertEquals(0, triage.code(), triage.out());
        assertTrue(triage.out().contains("\"scenario: certificate-rejected — "), "triage names what is left:\n" + triage.out());
        assertFalse(triage.out().contains("no failure found"), triage.out());
    }

    @Test
    void aRecoveryStoppedBeforeTheTokenRotationIsNamedByTriage(@TempDir Path dir) {
        LabEstateRun lab = new LabEstateRun(dir.resolve("state"));
        LabEstateRun.Result run = lab.play(List.of("--skip-tags", "control-planes"), "recover.yml", "lab_signing_key_backup=lost");
        assertEquals(0, run.code(), run.out());
        LabEstateRun.Result triage = lab.play("triage.yml", "lab_signing_key_backup=lost");
        assertEquals(0, triage.code(), triage.out());
        assertTrue(triage.out().contains("\"scenario: tokens-rejected — "), triage.out());
        assertTrue(triage.out().contains("rotate-control-plane-tokens.yml"), "says what to run:\n" + triage.out());
        assertFalse(triage.out().contains("no failure found"), triage.out());
    }
}
