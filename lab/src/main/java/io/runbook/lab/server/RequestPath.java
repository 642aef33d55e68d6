package io.runbook.lab.server;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request URL split the way the API server reads it. {@code plural} is null for a group-version
 * discovery request ({@code /api/v1}, {@code /apis/apps/v1}).
 */
public record RequestPath(String group, String version, String namespace, String plural, String name,
    String subresource, Map<String, String> query) {

  /** Parses {@code /api/...} and {@code /apis/...} URLs; returns null for anything else. */
  public static RequestPath parse(String uri) {
    int q = uri.indexOf('?');
    String path = q < 0 ? uri : uri.substring(0, q);
    Map<String, String> query = parseQuery(q < 0 ? "" : uri.substring(q + 1));
    List<String> segments = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
    String group;
    String version;
    int rest;
    if (segments.size() >= 2 && segments.get(0).equals("api")) {
      group = "";
      version = segments.get(1);
      rest = 2;
    } else if (segments.size() >= 3 && segments.get(0).equals("apis")) {
      group = segments.get(1);
      version = segments.get(2);
      rest = 3;
    } else {
      return null;
    }
    List<String> r = segments.subList(rest, segments.size());
    if (r.isEmpty()) {
      return new RequestPath(group, version, null, null, null, null, query);
    }
    boolean namespaceSubresource = r.size() == 3 && r.get(0).equals("namespaces")
        && (r.get(2).equals("status") || r.get(2).equals("finalize"));
    if (r.get(0).equals("namespaces") && r.size() >= 3 && !namespaceSubresource) {
      return new RequestPath(group, version, r.get(1), r.get(2), at(r, 3), at(r, 4), query);
    }
    return new RequestPath(group, version, null, r.get(0), at(r, 1), at(r, 2), query);
  }

  public String param(String key) {
    return query.get(key);
  }

  public boolean flag(String key) {
    return "true".equalsIgnoreCase(query.get(key)) || "1".equals(query.get(key));
  }

  public boolean dryRun() {
    return query.containsKey("dryRun");
  }

  private static String at(List<String> list, int index) {
    return index < list.size() ? list.get(index) : null;
  }

  private static Map<String, String> parseQuery(String query) {
    Map<String, String> result = new LinkedHashMap<>();
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      result.put(key, value);
    }
    return result;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
