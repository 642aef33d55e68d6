package io.runbook.modules.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ConfigMapList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The lab answers a list's {@code limit} and {@code continue} as the API server does (kubectl asks for chunks of 500;
 * a client that reads a page must see that the server held items back), which a lab that ignored them would not show.
 */
class LabListChunksTest {
    @Test
    void theLabListsInChunksAsTheApiServerDoes() {
        String ns = LabHost.namespace("list-chunks");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            expected.add(String.format("c-%02d", i));
            LabHost.client().configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName(expected.get(i))
                    .endMetadata().build()).create();
        }
        List<String> names = new ArrayList<>();
        List<Long> remaining = new ArrayList<>();
        String token = null;
        do {
            ConfigMapList page = LabHost.client().configMaps().inNamespace(ns)
                    .list(new ListOptionsBuilder().withLimit(8L).withContinue(token).build());
            page.getItems().forEach(c -> names.add(c.getMetadata().getName()));
            token = page.getMetadata().getContinue();
            remaining.add(page.getMetadata().getRemainingItemCount());
        } while (token != null && !token.isEmpty());
        assertEquals(expected, names);
        assertEquals(Arrays.asList(12L, 4L, null), remaining);
        // no limit: everything, no token
        ConfigMapList all = LabHost.client().configMaps().inNamespace(ns).list();
        assertEquals(20, all.getItems().size());
        assertEquals(null, all.getMetadata().getContinue());
    }

    @Test
    void aChunkOfTableRowsCarriesItsToken() throws Exception {
        String ns = LabHost.namespace("list-table");
        for (int i = 0; i < 3; i++) {
            LabHost.client().configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("t-" + i)
                    .endMetadata().build()).create();
        }
        // what kubectl get asks: a table, in chunks
        java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(LabHost.cluster().apiUrl().replaceAll("/$", "") + "/api/v1/namespaces/" + ns + "/configmaps?limit=2"))
                .header("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io,application/json").build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        com.fasterxml.jackson.databind.JsonNode table = new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.body());
        assertEquals("Table", table.path("kind").asText(), answer.body());
        assertEquals(2, table.path("rows").size(), answer.body());
        assertEquals(1, table.path("metadata").path("remainingItemCount").asInt(), answer.body());
        assertEquals(false, table.path("metadata").path("continue").asText().isEmpty(), answer.body());
    }

    @Test
    void aTokenTheLabDidNotMakeIsABadRequest() {
        String ns = LabHost.namespace("list-bad-token");
        KubernetesClientException e = assertThrows(KubernetesClientException.class, () -> LabHost.client().configMaps().inNamespace(ns)
                .list(new ListOptionsBuilder().withLimit(8L).withContinue("not-a-token").build()));
        assertEquals(400, e.getCode(), e.getMessage());
    }
}
