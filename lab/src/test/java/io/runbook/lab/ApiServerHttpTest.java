package io.runbook.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Runtime;
import io.kubernetes.client.proto.V1;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The wire-level contract Go clients depend on: Content-Types, discovery documents, protobuf bodies, faults. */
class ApiServerHttpTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static Lab lab;
  private static String url;

  @BeforeAll
  static void startLab() {
    lab = Lab.start(LabOptions.builder().clusters(List.of("wire", "faulty")).build());
    url = lab.cluster("wire").apiUrl();
  }

  @AfterAll
  static void stopLab() {
    lab.close();
  }

  static HttpResponse<String> get(String base, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void everyAnswerCarriesAJsonContentType() throws Exception {
    for (String path : List.of("/api", "/apis", "/api/v1", "/apis/apps/v1", "/version", "/api/v1/namespaces",
        "/api/v1/namespaces/default/pods/missing", "/no/such/path")) {
      HttpResponse<String> response = get(url, path);
      assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""), path);
      JSON.readTree(response.body());
    }
    HttpResponse<String> missing = get(url, "/api/v1/namespaces/default/pods/missing");
    assertEquals(404, missing.statusCode());
    assertEquals("NotFound", JSON.readTree(missing.body()).path("reason").asText());
  }

  @Test
  void plainHttpWatchesStreamEventsAndRefuseUnknownKinds() throws Exception {
    HttpResponse<String> unknown = get(url, "/apis/nothing.example.com/v1/namespaces/default/things?watch=true");
    assertEquals(404, unknown.statusCode());
    assertEquals("NotFound", JSON.readTree(unknown.body()).path("reason").asText());
    lab.cluster("wire").seed("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: watched, namespace: default}\n"
        + "data: {a: b}\n");
    // from no resource version: the current objects as ADDED, then the stream ends at its timeout
    HttpResponse<String> watch = HTTP.send(HttpRequest.newBuilder(URI.create(url
        + "/api/v1/namespaces/default/configmaps?watch=true&fieldSelector=metadata.name%3Dwatched&timeoutSeconds=1"))
        .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, watch.statusCode());
    assertEquals("application/json", watch.headers().firstValue("Content-Type").orElse(""));
    List<String> lines = watch.body().lines().toList();
    assertEquals(1, lines.size(), watch.body());
    JsonNode event = JSON.readTree(lines.get(0));
    assertEquals("ADDED", event.path("type").asText());
    assertEquals("watched", event.path("object").path("metadata").path("name").asText());
    assertEquals("b", event.path("object").path("data").path("a").asText());
  }

  @Test
  void aPlainHttpWatchSendsEachEventOnItsOwnLineWhenSeveralGoOutTogether() throws Exception {
    lab.cluster("wire").seed("apiVersion: v1\nkind: Namespace\nmetadata: {name: lines}\n");
    for (String name : List.of("first", "second")) {
      lab.cluster("wire").seed("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: " + name + ", namespace: lines}\n");
    }
    HttpResponse<java.util.stream.Stream<String>> watch = HTTP.send(HttpRequest.newBuilder(URI.create(url
        + "/api/v1/namespaces/lines/configmaps?watch=true&timeoutSeconds=120")).build(),
        HttpResponse.BodyHandlers.ofLines());
    assertEquals(200, watch.statusCode());
    java.util.Iterator<String> lines = watch.body().iterator();
    List<String> seen = new java.util.ArrayList<>();
    // the current objects come first (written in one go), then three written at once while the watch is open
    for (int i = 0; i < 2; i++) {
      seen.add(eventLine(lines.next()));
    }
    for (String name : List.of("third", "fourth", "fifth")) {
      lab.cluster("wire").seed("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: " + name + ", namespace: lines}\n");
    }
    for (int i = 0; i < 3; i++) {
      seen.add(eventLine(lines.next()));
    }
    watch.body().close();
    assertEquals(List.of("ADDED first", "ADDED second", "ADDED third", "ADDED fourth", "ADDED fifth"), seen);
  }

  private static String eventLine(String line) throws Exception {
    JsonNode event = JSON.readTree(line);
    assertEquals(line.strip(), JSON.writeValueAsString(event), "one whole event per line");
    return event.path("type").asText() + " " + event.path("object").path("metadata").path("name").asText();
  }

  @Test
  void versionAndOpenApiLookLikeARealServer() throws Exception {
    JsonNode version = JSON.readTree(get(url, "/version").body());
    assertEquals("v1.31.0", version.path("gitVersion").asText());
    assertTrue(version.path("buildDate").asText().startsWith("20"));
    HttpResponse<String> openapi = get(url, "/openapi/v2");
    assertEquals(200, openapi.statusCode());
    assertEquals("application/com.github.proto-openapi.spec.v2.v1.0+protobuf",
        openapi.headers().firstValue("Content-Type").orElse(""));
  }

  @Test
  void listsHaveTypedKinds() throws Exception {
    JsonNode list = JSON.readTree(get(url, "/api/v1/namespaces/default/secrets").body());
    assertEquals("SecretList", list.path("kind").asText());
    assertEquals("v1", list.path("apiVersion").asText());
  }

  @Test
  void protobufBodiesAreDecoded() throws Exception {
    V1.Secret secret = V1.Secret.newBuilder()
        .setMetadata(Meta.ObjectMeta.newBuilder().setName("helm-release").setNamespace("default"))
        .putData("release", ByteString.copyFromUtf8("payload")).putStringData("note", "plain")
        .setType("helm.sh/release.v1").build();
    Runtime.Unknown envelope = Runtime.Unknown.newBuilder()
        .setTypeMeta(Runtime.TypeMeta.newBuilder().setApiVersion("v1").setKind("Secret"))
        .setRaw(secret.toByteString()).setContentType("application/vnd.kubernetes.protobuf").build();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(new byte[] {'k', '8', 's', 0});
    envelope.writeTo(body);
    HttpResponse<String> response = post("/api/v1/namespaces/default/secrets", body.toByteArray());
    assertEquals(201, response.statusCode(), response.body());
    var stored = lab.cluster("wire").client().secrets().inNamespace("default").withName("helm-release").get();
    assertEquals("helm.sh/release.v1", stored.getType());
    assertEquals("cGF5bG9hZA==", stored.getData().get("release"));
    assertEquals("cGxhaW4=", stored.getData().get("note"));
  }

  @Test
  void undecodableProtobufIsRejectedWith415() throws Exception {
    HttpResponse<String> response = post("/api/v1/namespaces/default/configmaps", new byte[] {1, 2, 3, 4, 5});
    assertEquals(415, response.statusCode());
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
  }

  @Test
  void unavailableClusterAnswers503() throws Exception {
    LabCluster faulty = lab.cluster("faulty");
    faulty.unavailable(true);
    try {
      HttpResponse<String> response = get(faulty.apiUrl(), "/api/v1/namespaces");
      assertEquals(503, response.statusCode());
      assertEquals("ServiceUnavailable", JSON.readTree(response.body()).path("reason").asText());
    } finally {
      faulty.unavailable(false);
    }
    assertEquals(200, get(faulty.apiUrl(), "/api/v1/namespaces").statusCode());
  }

  @Test
  void slowClusterAnswersLater() throws Exception {
    LabCluster faulty = lab.cluster("faulty");
    faulty.latency(Duration.ofMillis(400));
    try {
      long start = System.nanoTime();
      assertEquals(200, get(faulty.apiUrl(), "/api/v1/namespaces").statusCode());
      assertTrue(System.nanoTime() - start >= 400_000_000L);
      assertEquals("default", lab.cluster("faulty").client().namespaces().withName("default").get()
          .getMetadata().getName());
      var created = faulty.client().configMaps().inNamespace("default").resource(
          new io.fabric8.kubernetes.api.model.ConfigMapBuilder().withNewMetadata().withName("slow").endMetadata()
              .addToData("body", "read after the delay").build()).create();
      assertEquals("read after the delay", created.getData().get("body"));
    } finally {
      faulty.latency(Duration.ZERO);
    }
  }

  @Test
  void unresponsiveClusterLetsClientsTimeOut() throws Exception {
    LabCluster faulty = lab.cluster("faulty");
    faulty.unresponsive(true);
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create(faulty.apiUrl() + "/version"))
          .timeout(Duration.ofMillis(300)).build();
      assertThrows(HttpTimeoutException.class, () -> HttpClient.newHttpClient().send(request,
          HttpResponse.BodyHandlers.ofString()));
    } finally {
      faulty.unresponsive(false);
    }
    assertEquals(200, get(faulty.apiUrl(), "/version").statusCode());
  }

  @Test
  void unreachableClusterRefusesConnectionsUntilItListensAgain() throws Exception {
    LabCluster faulty = lab.cluster("faulty");
    faulty.reachable(false);
    try {
      assertThrows(java.net.ConnectException.class, () -> get(faulty.apiUrl(), "/version"));
    } finally {
      faulty.reachable(true);
    }
    assertEquals(200, get(faulty.apiUrl(), "/version").statusCode());
  }

  @Test
  void podLogsFilterBySinceTimeAndAddTimestamps() throws Exception {
    LabCluster wire = lab.cluster("wire");
    wire.client().pods().inNamespace("default").resource(new io.fabric8.kubernetes.api.model.PodBuilder()
        .withNewMetadata().withName("logger").endMetadata().withNewSpec().addNewContainer().withName("main")
        .withImage("busybox:1").endContainer().endSpec().build()).create();
    wire.appendPodLog("default", "logger", null, "first\nsecond");
    String base = "/api/v1/namespaces/default/pods/logger/log";
    assertEquals("first\nsecond\n", get(url, base).body());
    assertEquals("text/plain; charset=utf-8", get(url, base).headers().firstValue("Content-Type").orElse(""));
    assertEquals("", get(url, base + "?sinceTime=" + java.time.Instant.now().plusSeconds(60)).body());
    assertEquals("second\n", get(url, base + "?sinceSeconds=60&tailLines=1").body());
    String stamped = get(url, base + "?timestamps=true&tailLines=1").body();
    assertTrue(stamped.matches("20\\d\\d-.*Z second\n"), stamped);
    assertEquals(404, get(url, "/api/v1/namespaces/default/pods/absent/log").statusCode());
  }

  @Test
  void previousLogsComeOnlyFromARestartedContainer() throws Exception {
    LabCluster wire = lab.cluster("wire");
    for (String name : List.of("steady", "crasher")) {
      wire.client().pods().inNamespace("default").resource(new io.fabric8.kubernetes.api.model.PodBuilder()
          .withNewMetadata().withName(name).addToLabels("app", name).endMetadata().withNewSpec().addNewContainer()
          .withName("main").withImage("busybox:1").endContainer().endSpec().build()).create();
      wire.appendPodLog("default", name, null, name + " went down");
    }
    wire.failPods("default", java.util.Map.of("app", "crasher"), "CrashLoopBackOff", "back-off restarting failed container");
    wire.client().pods().inNamespace("default").withName("crasher").waitUntilCondition(p -> p.getStatus() != null
        && p.getStatus().getContainerStatuses().stream().anyMatch(c -> c.getLastState() != null
        && c.getLastState().getTerminated() != null), 30, java.util.concurrent.TimeUnit.SECONDS);
    HttpResponse<String> previous = get(url, "/api/v1/namespaces/default/pods/crasher/log?previous=true");
    assertEquals(200, previous.statusCode(), previous.body());
    assertEquals("crasher went down\n", previous.body());
    // kubernetes' Python client writes the flag as Python prints it: True
    HttpResponse<String> none = get(url, "/api/v1/namespaces/default/pods/steady/log?previous=True");
    assertEquals(400, none.statusCode());
    JsonNode status = JSON.readTree(none.body());
    assertEquals("BadRequest", status.path("reason").asText());
    assertEquals("previous terminated container \"main\" in pod \"steady\" not found", status.path("message").asText());
    assertEquals(400, get(url, "/api/v1/namespaces/default/pods/steady/log?previous=true&follow=true").statusCode());
    assertEquals("steady went down\n", get(url, "/api/v1/namespaces/default/pods/steady/log").body());
  }

  @Test
  void aPatchedClusterScopedObjectHasNoNamespaceKey() throws Exception {
    HttpResponse<String> created = send("POST", "/api/v1/namespaces", "application/json",
        "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"patched-ns\"}}");
    assertEquals(201, created.statusCode(), created.body());
    for (String type : List.of("application/merge-patch+json", "application/strategic-merge-patch+json")) {
      HttpResponse<String> patched = send("PATCH", "/api/v1/namespaces/patched-ns", type,
          "{\"metadata\":{\"labels\":{\"patched\":\"" + type.length() + "\"}}}");
      assertEquals(200, patched.statusCode(), patched.body());
      assertFalse(JSON.readTree(patched.body()).path("metadata").has("namespace"), type + ": " + patched.body());
      JsonNode stored = JSON.readTree(get(url, "/api/v1/namespaces/patched-ns").body());
      assertFalse(stored.path("metadata").has("namespace"), type + ": " + stored);
      assertEquals(String.valueOf(type.length()), stored.path("metadata").path("labels").path("patched").asText());
    }
  }

  @Test
  void aStatusSentWithAKindThatHasNoneIsDroppedAsARealServerDropsIt() throws Exception {
    HttpResponse<String> created = send("POST", "/api/v1/namespaces/default/configmaps", "application/json",
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"with-status\"},\"data\":{\"a\":\"b\"},"
            + "\"status\":{\"phase\":\"standby\"}}");
    assertEquals(201, created.statusCode(), created.body());
    JsonNode stored = JSON.readTree(get(url, "/api/v1/namespaces/default/configmaps/with-status").body());
    assertFalse(stored.has("status"), stored.toString());
    assertEquals("b", stored.path("data").path("a").asText(), stored.toString());
    HttpResponse<String> patched = send("PATCH", "/api/v1/namespaces/default/configmaps/with-status",
        "application/merge-patch+json", "{\"status\":{\"phase\":\"active\"}}");
    assertEquals(200, patched.statusCode(), patched.body());
    assertFalse(JSON.readTree(patched.body()).has("status"), patched.body());
  }

  private static HttpResponse<String> send(String method, String path, String contentType, String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static HttpResponse<String> post(String path, byte[] body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/vnd.kubernetes.protobuf")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }
}
