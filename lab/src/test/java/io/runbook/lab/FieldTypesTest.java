package io.runbook.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A value of the wrong type is refused as a real API server refuses it (status, reason and message): a string for
 * {@code replicas}, a number among a ConfigMap's {@code data}. Objects that real clusters accept still pass.
 */
class FieldTypesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static Lab lab;
  private static String url;

  @BeforeAll
  static void startLab() {
    lab = Lab.start(LabOptions.builder().clusters(List.of("types")).build());
    url = lab.cluster("types").apiUrl();
  }

  @AfterAll
  static void stopLab() {
    lab.close();
  }

  private static final String DEPLOYMENT = """
      {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"},
       "spec": {"replicas": %s, "selector": {"matchLabels": {"app": "web"}},
        "template": {"metadata": {"labels": {"app": "web"}}, "spec": {"containers": [{"name": "web", "image": "nginx",
          "ports": [{"containerPort": 80}], "resources": {"limits": {"cpu": 1, "memory": "64Mi"}},
          "env": [{"name": "MODE", "value": "fast"}]}]}}}}""";

  @Test
  void aStringForReplicasIsABadRequestOnCreateAndOnAMergePatch() throws Exception {
    JsonNode refused = send("POST", "/apis/apps/v1/namespaces/default/deployments", "application/json",
        DEPLOYMENT.formatted("\"3\""), 400);
    assertEquals("BadRequest", refused.path("reason").asText());
    assertEquals("Deployment in version \"v1\" cannot be handled as a Deployment: json: cannot unmarshal string into Go "
        + "struct field DeploymentSpec.spec.replicas of type int32", refused.path("message").asText());

    send("POST", "/apis/apps/v1/namespaces/default/deployments", "application/json", DEPLOYMENT.formatted("3"), 201);
    JsonNode patched = send("PATCH", "/apis/apps/v1/namespaces/default/deployments/web", "application/merge-patch+json",
        "{\"spec\": {\"replicas\": \"5\"}}", 400);
    assertEquals("Deployment in version \"v1\" cannot be handled as a Deployment: json: cannot unmarshal string into Go "
        + "struct field DeploymentSpec.spec.replicas of type int32", patched.path("message").asText());
    assertEquals(3, lab.cluster("types").client().apps().deployments().inNamespace("default").withName("web").get()
        .getSpec().getReplicas(), "nothing changed");
  }

  @Test
  void aNumberInConfigMapDataIsABadRequest() throws Exception {
    JsonNode refused = send("POST", "/api/v1/namespaces/default/configmaps", "application/json",
        "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"numbers\"}, \"data\": {\"port\": 8443}}", 400);
    assertEquals("BadRequest", refused.path("reason").asText());
    assertEquals("ConfigMap in version \"v1\" cannot be handled as a ConfigMap: json: cannot unmarshal number into Go struct "
        + "field ConfigMap.data of type string", refused.path("message").asText());
  }

  @Test
  void serverSideApplyOfAWrongTypeFailsAsARealApiServerDoes() throws Exception {
    JsonNode configMap = send("PATCH", "/api/v1/namespaces/default/configmaps/applied?fieldManager=t",
        "application/apply-patch+yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: applied}\ndata: {port: 8443}\n", 500);
    assertEquals("failed to create typed patch object (default/applied; /v1, Kind=ConfigMap): .data.port: expected string, "
        + "got &value.valueUnstructured{Value:8443}", configMap.path("message").asText());
    JsonNode deployment = send("PATCH", "/apis/apps/v1/namespaces/default/deployments/applied?fieldManager=t",
        "application/apply-patch+yaml", DEPLOYMENT.formatted("\"3\"").replace("\"name\": \"web\"}", "\"name\": \"applied\"}"), 500);
    assertEquals("failed to create typed patch object (default/applied; apps/v1, Kind=Deployment): .spec.replicas: expected "
        + "numeric (int or float), got string", deployment.path("message").asText());
    assertEquals(null, lab.cluster("types").client().configMaps().inNamespace("default").withName("applied").get());
  }

  @Test
  void objectsRealClustersAcceptStillPass() throws Exception {
    send("POST", "/api/v1/namespaces/default/services", "application/json", "{\"apiVersion\": \"v1\", \"kind\": \"Service\", "
        + "\"metadata\": {\"name\": \"svc\", \"annotations\": {\"a\": \"1\"}}, \"spec\": {\"ports\": [{\"port\": 80, "
        + "\"targetPort\": \"http\"}, {\"name\": \"b\", \"port\": 81, \"targetPort\": 8081}]}}", 201);
    send("PATCH", "/api/v1/namespaces/default/configmaps/fine?fieldManager=t", "application/apply-patch+yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: fine, labels: {n: \"1\"}}\ndata: {port: \"8443\"}\n", 201);
  }

  private static JsonNode send(String method, String path, String type, String body, int status) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofMinutes(2))
        .header("Content-Type", type).method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(status, response.statusCode(), response.body());
    return JSON.readTree(response.body());
  }
}
