package io.runbook.modules.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KubeconfigModelTest {
    private static Map<String, Object> one(Map<String, Object> cluster, Map<String, Object> user, Map<String, Object> context) {
        return Map.of("apiVersion", "v1", "kind", "Config", "current-context", "cp-1",
                "clusters", cluster == null ? List.of() : List.of(Map.of("name", "cp-1", "cluster", cluster)),
                "users", user == null ? List.of() : List.of(Map.of("name", "admin", "user", user)),
                "contexts", List.of(Map.of("name", "cp-1", "context", context)));
    }

    @Test
    void plainEntriesMakeTheModelFabric8sMapperMakes() {
        List<Map<String, Object>> configs = List.of(
                one(Map.of("server", "http://127.0.0.1:37371"), null, Map.of("cluster", "cp-1")),
                one(Map.of("server", "https://10.0.0.2:6443", "certificate-authority-data", "Q0E=", "tls-server-name", "api",
                                "proxy-url", "socks5://127.0.0.1:1080", "insecure-skip-tls-verify", true, "disable-compression", false),
                        Map.of("client-certificate-data", "Q0VSVA==", "client-key-data", "S0VZ", "token", "t0k3n"),
                        Map.of("cluster", "cp-1", "user", "admin", "namespace", "istio-system")),
                one(Map.of("server", "https://h:6443", "certificate-authority", "certs/ca.crt"),
                        Map.of("client-certificate", "certs/admin.crt", "client-key", "certs/admin.key", "tokenFile", "/t",
                                "username", "u", "password", "p"),
                        Map.of("cluster", "cp-1", "user", "admin")));
        for (Map<String, Object> config : configs) {
            Config direct = KubeconfigModel.direct(config);
            assertNotNull(direct, config.toString());
            assertEquals(Serialization.jsonMapper().convertValue(config, Config.class), direct, config.toString());
        }
    }

    @Test
    void anythingElseGoesThroughFabric8sMapper() {
        List<Map<String, Object>> configs = List.of(
                one(Map.of("server", "https://h"), Map.of("exec", Map.of("apiVersion", "client.authentication.k8s.io/v1",
                        "command", "aws")), Map.of("cluster", "cp-1", "user", "admin")),
                one(Map.of("server", "https://h"), Map.of("as", "someone"), Map.of("cluster", "cp-1", "user", "admin")),
                one(Map.of("server", 6443), null, Map.of("cluster", "cp-1")),
                one(Map.of("server", "https://h", "insecure-skip-tls-verify", "true"), null, Map.of("cluster", "cp-1")),
                one(Map.of("server", "https://h", "extensions", List.of()), null, Map.of("cluster", "cp-1")),
                one(Map.of("server", "https://h"), null, Map.of("cluster", "cp-1", "extensions", List.of())));
        for (Map<String, Object> config : configs) {
            assertNull(KubeconfigModel.direct(config), config.toString());
            assertEquals(Serialization.jsonMapper().convertValue(config, Config.class), KubeconfigModel.of(config), config.toString());
        }
    }
}
