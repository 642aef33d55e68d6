package io.runbook.modules.k8s;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Label and field selectors evaluated on objects held as maps, with the API server's grammar
 * ({@code app=web}, {@code tier!=db}, {@code env in (a,b)}, {@code env notin (c)}, {@code legacy},
 * {@code !legacy}; fields {@code path=value}, {@code path!=value}): for objects the server does not hold,
 * such as the ones check mode predicted.
 */
final class Selectors {
    private static final Pattern SET = Pattern.compile("^\\s*([^\\s!=]+)\\s+(in|notin)\\s*\\(([^)]*)\\)\\s*$");

    private Selectors() {
    }

    /** Whether the object's labels satisfy every requirement of the (comma-joined) label selectors. */
    static Predicate<Map<String, Object>> labels(List<String> selectors) {
        List<Predicate<Map<?, ?>>> requirements = new ArrayList<>();
        for (String selector : selectors) {
            for (String requirement : splitTopLevel(selector)) {
                if (!requirement.isBlank()) {
                    requirements.add(label(requirement.trim()));
                }
            }
        }
        return object -> {
            Map<?, ?> labels = FieldPath.read(object, "metadata.labels").orElse(Map.of()) instanceof Map<?, ?> m ? m : Map.of();
            return requirements.stream().allMatch(r -> r.test(labels));
        };
    }

    /** Whether the object satisfies every field selector ({@code path=value}, {@code path==value}, {@code path!=value}). */
    static Predicate<Map<String, Object>> fields(List<String> selectors) {
        Predicate<Map<String, Object>> all = o -> true;
        for (String selector : selectors) {
            int neq = selector.indexOf("!=");
            int eq = selector.indexOf('=');
            if (neq > 0) {
                String path = selector.substring(0, neq).trim();
                String value = selector.substring(neq + 2).trim();
                all = all.and(o -> !value.equals(text(o, path)));
            } else if (eq > 0) {
                String path = selector.substring(0, eq).trim();
                String value = selector.substring(selector.startsWith("==", eq) ? eq + 2 : eq + 1).trim();
                all = all.and(o -> value.equals(text(o, path)));
            }
        }
        return all;
    }

    private static Predicate<Map<?, ?>> label(String requirement) {
        Matcher set = SET.matcher(requirement);
        if (set.matches()) {
            String key = set.group(1);
            Set<String> values = Set.copyOf(Arrays.stream(set.group(3).split(",")).map(String::trim).toList());
            boolean in = set.group(2).equals("in");
            return labels -> in ? labels.containsKey(key) && values.contains(String.valueOf(labels.get(key)))
                    : !labels.containsKey(key) || !values.contains(String.valueOf(labels.get(key)));
        }
        int neq = requirement.indexOf("!=");
        if (neq > 0) {
            String key = requirement.substring(0, neq).trim();
            String value = requirement.substring(neq + 2).trim();
            return labels -> !labels.containsKey(key) || !value.equals(String.valueOf(labels.get(key)));
        }
        int eq = requirement.indexOf('=');
        if (eq > 0) {
            String key = requirement.substring(0, eq).trim();
            String value = requirement.substring(requirement.startsWith("==", eq) ? eq + 2 : eq + 1).trim();
            return labels -> labels.containsKey(key) && value.equals(String.valueOf(labels.get(key)));
        }
        if (requirement.startsWith("!")) {
            String key = requirement.substring(1).trim();
            return labels -> !labels.containsKey(key);
        }
        return labels -> labels.containsKey(requirement);
    }

    /** Splits on commas outside parentheses ({@code env in (a,b),tier=web} is two requirements). */
    private static List<String> splitTopLevel(String selector) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < selector.length(); i++) {
            char c = selector.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(selector.substring(start, i));
                start = i + 1;
            }
        }
        out.add(selector.substring(start));
        return out;
    }

    private static String text(Map<String, Object> object, String path) {
        try {
            return FieldPath.read(object, path).map(String::valueOf).orElse(null);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
