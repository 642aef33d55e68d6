package io.runbook.modules.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** KUBECONFIG=a:b merged as kubectl merges it (checked against `kubectl config view` rules). */
class KubeconfigMergeTest {
    @TempDir
    Path dir;

    @Test
    void theFirstFileWinsForTheCurrentContextAndForEachNameAndRelativePathsBecomeAbsolute() throws Exception {
        Path a = write("a/config", """
                apiVersion: v1
                kind: Config
                current-context: mgmt
                clusters:
                - name: mgmt
                  cluster: {server: "https://mgmt:6443", certificate-authority: ca.crt}
                contexts:
                - name: mgmt
                  context: {cluster: mgmt, user: admin}
                users:
                - name: admin
                  user: {token: first}
                """);
        Path b = write("b/config", """
                current-context: cp-1
                clusters:
                - name: cp-1
                  cluster: {server: "https://cp-1:6443"}
                - name: mgmt
                  cluster: {server: "https://other:6443"}
                contexts:
                - name: cp-1
                  context: {cluster: cp-1, user: admin}
                users:
                - name: admin
                  user: {token: second}
                """);
        Map<String, Object> merged = parse(KubeconfigMerge.of(List.of(a.toString(), dir.resolve("missing").toString(), b.toString())));
        assertEquals("mgmt", merged.get("current-context"));
        assertEquals(List.of("mgmt", "cp-1"), names(merged, "clusters"));
        assertEquals(List.of("mgmt", "cp-1"), names(merged, "contexts"));
        assertEquals(List.of("admin"), names(merged, "users"));
        Map<?, ?> mgmt = (Map<?, ?>) ((Map<?, ?>) ((List<?>) merged.get("clusters")).get(0)).get("cluster");
        assertEquals("https://mgmt:6443", mgmt.get("server"));
        assertEquals(dir.resolve("a/ca.crt").toString(), mgmt.get("certificate-authority"));
        Map<?, ?> user = (Map<?, ?>) ((Map<?, ?>) ((List<?>) merged.get("users")).get(0)).get("user");
        assertEquals("first", user.get("token"));
    }

    @Test
    void noExistingFileIsAProblemNamingTheList() {
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> KubeconfigMerge.of(List.of(dir.resolve("x").toString(), dir.resolve("y").toString())));
        assertTrue(e.getMessage().contains("none of the KUBECONFIG files exists"), e.getMessage());
    }

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String yaml) {
        return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(yaml);
    }

    private static List<String> names(Map<String, Object> config, String section) {
        return ((List<?>) config.get(section)).stream().map(e -> String.valueOf(((Map<?, ?>) e).get("name"))).toList();
    }
}
