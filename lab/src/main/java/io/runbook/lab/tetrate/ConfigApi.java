package io.runbook.lab.tetrate;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The read side of the TSB API (v2) over the configuration in Postgres: organizations, tenants, workspaces and
 * clusters, shaped as the real API lists them ({@code {"tenants": [{"name", "fqn", "displayName"}]}}).
 */
final class ConfigApi {
  private static final Pattern ORGS = Pattern.compile("/v2/organizations/?");
  private static final Pattern ORG = Pattern.compile("/v2/organizations/([^/]+)");
  private static final Pattern TENANTS = Pattern.compile("/v2/organizations/([^/]+)/tenants");
  private static final Pattern WORKSPACES = Pattern.compile("/v2/organizations/([^/]+)/tenants/([^/]+)/workspaces");
  private static final Pattern CLUSTERS = Pattern.compile("/v2/organizations/([^/]+)/clusters");
  private static final String NOT_FOUND = "{\"code\":5,\"message\":\"Not Found\"}";

  record Answer(int status, String body) {}

  private ConfigApi() {}

  static boolean handles(String path) {
    return path.startsWith("/v2/organizations");
  }

  static Answer answer(ConfigDatabase db, String path) {
    String orgFqn = "organizations/" + db.organization();
    if (ORGS.matcher(path).matches()) {
      return new Answer(200, list("organizations", List.of(db.organization()), "organizations"));
    }
    Matcher m = ORG.matcher(path);
    if (m.matches()) {
      return m.group(1).equals(db.organization()) ? new Answer(200, item(db.organization(), orgFqn))
          : new Answer(404, NOT_FOUND);
    }
    for (Pattern p : List.of(TENANTS, WORKSPACES, CLUSTERS)) {
      m = p.matcher(path);
      if (m.matches() && !m.group(1).equals(db.organization())) {
        return new Answer(404, NOT_FOUND);
      }
    }
    if (TENANTS.matcher(path).matches()) {
      return new Answer(200, list("tenants", db.tenants(), orgFqn + "/tenants"));
    }
    m = WORKSPACES.matcher(path);
    if (m.matches()) {
      List<String> workspaces = db.workspaces().get(m.group(2));
      return workspaces == null ? new Answer(404, NOT_FOUND)
          : new Answer(200, list("workspaces", workspaces, orgFqn + "/tenants/" + m.group(2) + "/workspaces"));
    }
    if (CLUSTERS.matcher(path).matches()) {
      return new Answer(200, list("clusters", db.clusters(), orgFqn + "/clusters"));
    }
    return new Answer(404, NOT_FOUND);
  }

  private static String list(String key, List<String> names, String parentFqn) {
    return "{\"" + key + "\":[" + names.stream().map(n -> item(n, parentFqn + "/" + n))
        .collect(Collectors.joining(",")) + "]}";
  }

  private static String item(String name, String fqn) {
    return "{\"name\":\"" + name + "\",\"fqn\":\"" + fqn + "\",\"displayName\":\"" + name + "\",\"etag\":\"\\\""
        + Integer.toHexString(fqn.hashCode()) + "\\\"\"}";
  }
}
