package io.runbook.modules.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** The kubeconfig contents Helm gets: the host's context current, file paths still pointing at the files. */
class HelmKubeconfigTest {
    private static final String KUBECONFIG = """
            apiVersion: v1
            kind: Config
            clusters:
            - name: mgmt
              cluster: {server: "https://10.0.0.1:6443", certificate-authority: certs/ca.crt}
            - name: cp-1
              cluster: {server: "https://10.0.0.2:6443", certificate-authority: /etc/k8s/ca.crt}
            users:
            - name: admin
              user: {client-certificate: certs/admin.crt, client-key: certs/admin.key}
            contexts:
            - {name: mgmt, context: {cluster: mgmt, user: admin}}
            - {name: cp-1, context: {cluster: cp-1, user: admin}}
            current-context: mgmt
            """;

    @Test
    @SuppressWarnings("unchecked")
    void theHostsContextBecomesCurrentAndRelativePathsAbsolute() {
        String out = HelmKubeconfig.withCurrentContext(KUBECONFIG, "cp-1", Path.of("/home/ops/.kube"));
        Map<String, Object> config = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(out);
        assertEquals("cp-1", config.get("current-context"));
        List<Map<String, Map<String, Object>>> clusters = (List<Map<String, Map<String, Object>>>) config.get("clusters");
        assertEquals("/home/ops/.kube/certs/ca.crt", clusters.get(0).get("cluster").get("certificate-authority"));
        assertEquals("/etc/k8s/ca.crt", clusters.get(1).get("cluster").get("certificate-authority"));
        Map<String, Object> user = ((List<Map<String, Map<String, Object>>>) config.get("users")).get(0).get("user");
        assertEquals("/home/ops/.kube/certs/admin.key", user.get("client-key"));
    }

    @Test
    void withoutAContextOrFolderTheKubeconfigIsPassedAsIs() {
        assertEquals(KUBECONFIG, HelmKubeconfig.withCurrentContext(KUBECONFIG, null, null));
    }
}
