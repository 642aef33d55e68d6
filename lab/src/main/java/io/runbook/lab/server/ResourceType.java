package io.runbook.lab.server;

import java.util.List;

/**
 * One kind the lab serves: where it lives in the URL space and how discovery describes it.
 *
 * @param group API group, empty for the core group
 * @param version API version within the group
 * @param kind the object kind, e.g. {@code Deployment}
 * @param plural the URL resource name, e.g. {@code deployments}
 * @param namespaced whether objects live in a namespace
 * @param shortNames kubectl short names
 * @param subresources subresources such as {@code status}, {@code scale}, {@code log}
 * @param categories discovery categories (kubectl's {@code get all} uses {@code all})
 */
public record ResourceType(String group, String version, String kind, String plural, boolean namespaced,
    List<String> shortNames, List<String> subresources, List<String> categories) {

  public static final List<String> VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  public String singular() {
    return kind.toLowerCase(java.util.Locale.ROOT);
  }

  /** The URL of the collection, or of one object when {@code name} is not null. */
  public String path(String namespace, String name) {
    StringBuilder sb = new StringBuilder(group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version);
    if (namespaced && namespace != null) {
      sb.append("/namespaces/").append(namespace);
    }
    sb.append('/').append(plural);
    if (name != null) {
      sb.append('/').append(name);
    }
    return sb.toString();
  }
}
