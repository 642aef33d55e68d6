package io.runbook.lab.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.mockwebserver.http.MockResponse;
import java.nio.charset.StandardCharsets;

/** Responses with the Content-Type Go clients need to decide how to decode the body. */
final class Replies {
  static final String OPENAPI_V2_PROTOBUF = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

  private Replies() {
  }

  static MockResponse json(int code, JsonNode body) {
    return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
        .setBody(Json.write(body));
  }

  /** A JSON answer already written out (a stored object's JSON as the store holds it). */
  static MockResponse json(int code, String body) {
    return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(body);
  }

  static MockResponse text(int code, String body) {
    return new MockResponse().setResponseCode(code).setHeader("Content-Type", "text/plain; charset=utf-8")
        .setBody(body.getBytes(StandardCharsets.UTF_8));
  }

  static MockResponse error(ApiError error) {
    return json(error.code(), error.toStatus());
  }

  /** An empty (zero-length, hence valid) OpenAPI v2 protobuf document: kubectl and Helm then skip validation. */
  static MockResponse emptyOpenApiV2() {
    return new MockResponse().setResponseCode(200).setHeader("Content-Type", OPENAPI_V2_PROTOBUF);
  }
}
