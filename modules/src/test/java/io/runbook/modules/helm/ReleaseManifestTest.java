package io.runbook.modules.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A rendered manifest as diffs and results show it. */
class ReleaseManifestTest {
    private static final String RENDERED = """
            ---
            # Source: demo/templates/secret.yaml
            apiVersion: v1
            kind: Secret
            metadata: {name: mp-credentials}
            data: {password: c2VjcmV0LXZhbHVlLTAwMQ==}
            stringData: {token: plain-token-value}
            ---
            # Source: demo/templates/configmap.yaml
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: mp-config}
            data: {message: hello}
            ---
            # Source: demo/templates/job.yaml
            apiVersion: batch/v1
            kind: Job
            metadata: {name: mp-migrate, annotations: {helm.sh/hook: pre-upgrade}}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: mp-web}
            """;

    @Test
    void secretValuesAreMaskedHooksLeftOutAndObjectsSorted() {
        String shown = ReleaseManifest.masked(RENDERED);
        assertFalse(shown.contains("c2VjcmV0LXZhbHVlLTAwMQ") || shown.contains("plain-token-value"), shown);
        assertTrue(shown.contains("password: <masked sha256:"), shown);
        assertFalse(shown.contains("mp-migrate"), "hooks are not part of the release manifest");
        assertTrue(shown.indexOf("kind: ConfigMap") < shown.indexOf("kind: Deployment")
                && shown.indexOf("kind: Deployment") < shown.indexOf("kind: Secret"), shown);
    }

    @Test
    void workloadsAreTheKindsWorthWaitingFor() {
        List<String> names = ReleaseManifest.workloads(RENDERED).stream().map(w -> w[0] + " " + w[1]).toList();
        assertEquals(List.of("Job mp-migrate", "Deployment mp-web"), names);
    }
}
