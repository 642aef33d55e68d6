package io.runbook.lab.server;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A request the lab answers with a Kubernetes {@code Status} failure, as the real API server would
 * (clients such as kubectl branch on {@code reason}, e.g. {@code NotFound} before creating).
 */
public final class ApiError extends RuntimeException {
  private final int code;
  private final String reason;
  private final String kind;
  private final String name;

  public ApiError(int code, String reason, String message) {
    this(code, reason, message, null, null);
  }

  public ApiError(int code, String reason, String message, String kind, String name) {
    super(message);
    this.code = code;
    this.reason = reason;
    this.kind = kind;
    this.name = name;
  }

  public static ApiError notFound(String plural, String name) {
    return new ApiError(404, "NotFound", plural + " \"" + name + "\" not found", plural, name);
  }

  public static ApiError alreadyExists(String plural, String name) {
    return new ApiError(409, "AlreadyExists", plural + " \"" + name + "\" already exists", plural, name);
  }

  public static ApiError conflict(String plural, String name) {
    return new ApiError(409, "Conflict", "Operation cannot be fulfilled on " + plural + " \"" + name
        + "\": the object has been modified; please apply your changes to the latest version and try again",
        plural, name);
  }

  public int code() {
    return code;
  }

  public String reason() {
    return reason;
  }

  public ObjectNode toStatus() {
    ObjectNode status = Json.object();
    status.put("kind", "Status");
    status.put("apiVersion", "v1");
    status.putObject("metadata");
    status.put("status", "Failure");
    status.put("message", getMessage());
    status.put("reason", reason);
    if (name != null || kind != null) {
      ObjectNode details = status.putObject("details");
      if (name != null) {
        details.put("name", name);
      }
      if (kind != null) {
        details.put("kind", kind);
      }
    }
    status.put("code", code);
    return status;
  }
}
