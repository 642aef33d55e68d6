package io.runbook.lab.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;

/**
 * The creates and updates of one {@link ObjectStore} that go through the CRUD store's own handlers (objects that
 * {@link DirectWrites} does not take: custom resources, objects with finalizers, …), their answers read back as trees
 * and their refusals as {@link ApiError}s.
 */
final class HandlerWrites {
  private final ObjectStore store;

  HandlerWrites(ObjectStore store) {
    this.store = store;
  }

  ObjectNode create(ResourceType type, String namespace, ObjectNode object) {
    MockResponse response = store.handleCreate(request(HttpMethod.POST, type.path(namespace, null), object));
    if (response.code() == 409) {
      throw ApiError.alreadyExists(type.plural(), Json.name(object));
    }
    return expectObject(response, type, Json.name(object));
  }

  ObjectNode update(ResourceType type, String namespace, String name, ObjectNode object) {
    String path = type.path(namespace, name);
    MockResponse response = store.handleUpdate(request(HttpMethod.PUT, path, object));
    if (response.code() == 409) {
      throw ApiError.conflict(type.plural(), name);
    }
    if (response.code() == 200 && (response.getBody() == null || response.getBody().size() == 0)) {
      // the update removed the last finalizer of an object being deleted, so the store deleted it: as the API server
      // does, answer with the object's final state
      return object;
    }
    ObjectNode stored = expectObject(response, type, name);
    JsonNode status = object.get("status");
    if (status != null && !status.equals(stored.get("status")) && store.isStatusSubresourceEnabledForResource(path)) {
      // the CRUD store keeps the old status of custom resources on a main-resource PUT: write it separately
      ObjectNode statusOnly = stored.deepCopy();
      statusOnly.set("status", status);
      Json.meta(statusOnly).remove("resourceVersion");
      stored = expectObject(store.handleUpdate(request(HttpMethod.PUT, path + "/status", statusOnly)), type, name);
    }
    return stored;
  }

  private static ObjectNode expectObject(MockResponse response, ResourceType type, String name) {
    if (response.code() == 404) {
      throw ApiError.notFound(type.plural(), name);
    }
    if (response.code() >= 300) {
      String message = response.getBody() == null ? "" : body(response);
      throw new ApiError(response.code(), response.code() == 422 ? "Invalid" : "BadRequest",
          message.isBlank() ? "request rejected by the store" : Json.text(Json.parseAny(message), "message"));
    }
    return Json.parse(body(response));
  }

  private static String body(MockResponse response) {
    return new String(response.getBody().getBytes(), StandardCharsets.UTF_8);
  }

  private static RecordedRequest request(HttpMethod method, String path, ObjectNode body) {
    Headers headers = Headers.builder().add("Content-Type", "application/json").build();
    return new RecordedRequest("HTTP/1.1", method, path, headers,
        new Buffer(Json.write(body).getBytes(StandardCharsets.UTF_8)));
  }
}
