package io.runbook.engine.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.runbook.engine.error.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every unquoted scalar of yaml/kubernetes-scalars.tsv, in a manifest or Helm values file, becomes what kubectl sends
 * for it (the file holds kubectl's JSON of each; see its first lines), not what Ansible's YAML 1.1 would make of it.
 */
class KubernetesTypingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> measured() throws IOException {
        try (InputStream in = KubernetesTypingTest.class.getResourceAsStream("/yaml/kubernetes-scalars.tsv")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.lines().filter(l -> !l.startsWith("#")).map(l -> l.split("\t", -1))
                    .map(f -> Arguments.of(f[0], f[1])).toList().stream();
        }
    }

    @ParameterizedTest(name = "[{0}] is {1}")
    @MethodSource("measured")
    void aManifestValueIsWhatKubectlSends(String text, String json) throws IOException {
        Object value = YamlLoader.loadManifests("k: " + text + "\n", Path.of("m.yaml")).get(0).toPlain();
        assertEquals(JSON.readValue(json, Object.class), ((Map<?, ?>) value).get("k"));
    }

    @Test
    void aDefaultModeWrittenAsKubernetesUsersWriteItIsOctal() {
        Object manifest = YamlLoader.loadManifests("spec:\n  volumes:\n  - secret: {secretName: s, defaultMode: 0644}\n",
                Path.of("m.yaml")).get(0).toPlain();
        assertEquals(Map.of("spec", Map.of("volumes", java.util.List.of(Map.of("secret", Map.of("secretName", "s",
                "defaultMode", 420))))), manifest);
    }

    @Test
    void quotedValuesStayText() {
        assertEquals(Map.of("a", "0644", "b", "yes", "c", "1e3"),
                YamlLoader.loadManifests("a: '0644'\nb: \"yes\"\nc: !!str 1e3\n", Path.of("m.yaml")).get(0).toPlain());
    }

    @Test
    void aNumberBeyond64BitsIsAnErrorAtItsPlace() {
        UserError e = assertThrows(UserError.class,
                () -> YamlLoader.loadManifests("a: 1\nb: 123456789012345678901234567890\n", Path.of("m.yaml")));
        assertEquals(true, e.format().startsWith("m.yaml:2:4: the number 123456789012345678901234567890 is too large"),
                e.format());
    }
}
