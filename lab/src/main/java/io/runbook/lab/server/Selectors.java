package io.runbook.lab.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Label selectors (equality and set-based) and field selectors (any dotted field, = == !=) over JSON objects. */
public final class Selectors {
  private Selectors() {
  }

  public static Predicate<JsonNode> labels(String selector) {
    if (selector == null || selector.isBlank()) {
      return o -> true;
    }
    List<Predicate<Map<String, String>>> terms = new ArrayList<>();
    for (String term : splitTerms(selector)) {
      terms.add(labelTerm(term.trim()));
    }
    return o -> {
      Map<String, String> labels = labelsOf(o);
      return terms.stream().allMatch(t -> t.test(labels));
    };
  }

  public static Predicate<JsonNode> fields(String selector) {
    if (selector == null || selector.isBlank()) {
      return o -> true;
    }
    List<Predicate<JsonNode>> terms = new ArrayList<>();
    for (String term : selector.split(",")) {
      boolean negate = term.contains("!=");
      String[] parts = term.split(negate ? "!=" : "==?", 2);
      String[] path = parts[0].trim().split("\\.");
      String wanted = parts.length > 1 ? parts[1].trim() : "";
      terms.add(o -> {
        String actual = Json.text(o, path);
        boolean equal = wanted.equals(actual == null ? "" : actual);
        return negate != equal;
      });
    }
    return o -> terms.stream().allMatch(t -> t.test(o));
  }

  public static Map<String, String> labelsOf(JsonNode object) {
    Map<String, String> labels = new HashMap<>();
    object.path("metadata").path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
    return labels;
  }

  /** Whether {@code labels} satisfies a LabelSelector object ({@code matchLabels} and {@code matchExpressions}). */
  public static boolean matches(JsonNode labelSelector, Map<String, String> labels) {
    if (labelSelector == null || labelSelector.isMissingNode() || labelSelector.isNull()) {
      return false;
    }
    var entries = labelSelector.path("matchLabels").properties().iterator();
    while (entries.hasNext()) {
      var e = entries.next();
      if (!e.getValue().asText().equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    for (JsonNode expression : labelSelector.path("matchExpressions")) {
      String key = expression.path("key").asText();
      Set<String> values = new java.util.HashSet<>();
      expression.path("values").forEach(v -> values.add(v.asText()));
      boolean ok = switch (expression.path("operator").asText()) {
        case "In" -> values.contains(labels.get(key));
        case "NotIn" -> !values.contains(labels.get(key));
        case "Exists" -> labels.containsKey(key);
        case "DoesNotExist" -> !labels.containsKey(key);
        default -> false;
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static Predicate<Map<String, String>> labelTerm(String term) {
    String lower = term.replaceAll("\\s+", " ");
    if (lower.contains(" notin ") || lower.contains(" in ")) {
      boolean notIn = lower.contains(" notin ");
      String key = lower.substring(0, lower.indexOf(' ')).trim();
      String list = lower.substring(lower.indexOf('(') + 1, lower.lastIndexOf(')'));
      Set<String> values = Arrays.stream(list.split(",")).map(String::trim).collect(Collectors.toSet());
      return l -> notIn != values.contains(l.get(key));
    }
    if (term.contains("!=")) {
      String[] kv = term.split("!=", 2);
      return l -> !kv[1].trim().equals(l.get(kv[0].trim()));
    }
    if (term.contains("=")) {
      String[] kv = term.split("==?", 2);
      return l -> kv[1].trim().equals(l.get(kv[0].trim()));
    }
    if (term.startsWith("!")) {
      String key = term.substring(1).trim();
      return l -> !l.containsKey(key);
    }
    return l -> l.containsKey(term);
  }

  private static List<String> splitTerms(String selector) {
    List<String> terms = new ArrayList<>();
    int depth = 0;
    StringBuilder current = new StringBuilder();
    for (char c : selector.toCharArray()) {
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      }
      if (c == ',' && depth == 0) {
        terms.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    if (!current.isEmpty()) {
      terms.add(current.toString());
    }
    return terms;
  }
}
