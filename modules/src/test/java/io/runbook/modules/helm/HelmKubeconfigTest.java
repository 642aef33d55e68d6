package io.runbook.modules.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** The kubeconfig contents Helm gets: file paths still pointing at the files once the contents leave the file's folder. */
class HelmKubeconfigTest {
    private static final String ONE_CONTEXT = """
            apiVersion: v1
            kind: Config
            clusters:
            - name: cp-1
              cluster: {server: "https://10.0.0.2:6443", certificate-authority: certs/ca.crt}
            users:
            - name: admin
              user: {client-certificate: /etc/k8s/admin.crt, client-key: certs/admin.key, tokenFile: token}
            contexts:
            - {name: cp-1, context: {cluster: cp-1, user: admin}}
            current-context: cp-1
            """;

    @Test
    @SuppressWarnings("unchecked")
    void relativePathsBecomeAbsoluteAgainstTheKubeconfigsFolder() {
        Map<String, Object> config = load();
        HelmKubeconfig.forContents(config, Path.of("/home/ops/.kube"));
        Map<String, Object> cluster = ((List<Map<String, Map<String, Object>>>) config.get("clusters")).get(0).get("cluster");
        assertEquals("/home/ops/.kube/certs/ca.crt", cluster.get("certificate-authority"));
        Map<String, Object> user = ((List<Map<String, Map<String, Object>>>) config.get("users")).get(0).get("user");
        assertEquals("/home/ops/.kube/certs/admin.key", user.get("client-key"));
        assertEquals("/etc/k8s/admin.crt", user.get("client-certificate"));
        assertEquals("/home/ops/.kube/token", user.get("tokenFile"));
    }

    @Test
    void withoutAFolderThePathsStayAsWritten() {
        Map<String, Object> config = load();
        HelmKubeconfig.forContents(config, null);
        assertEquals(load(), config);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load() {
        return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(ONE_CONTEXT);
    }
}
