package io.runbook.modules.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A path into a Kubernetes object as a tree of maps and lists, such as
 * {@code status.loadBalancer.ingress[0].ip} or {@code metadata.labels['app.kubernetes.io/name']}.
 * A leading {@code .} or {@code $.} (JSONPath style) is accepted.
 */
public final class FieldPath {
    private static final Pattern SEGMENT = Pattern.compile("\\.?([^.\\[\\]]+)|\\[(\\d+)]|\\['([^']*)']|\\[\"([^\"]*)\"]");
    private final String text;
    private final List<Object> steps;

    private FieldPath(String text, List<Object> steps) {
        this.text = text;
        this.steps = steps;
    }

    /** Parses a path; throws {@link IllegalArgumentException} naming the offending place. */
    public static FieldPath parse(String text) {
        String t = text.trim();
        if (t.startsWith("$")) {
            t = t.substring(1);
        }
        if (t.startsWith("{") && t.endsWith("}")) {
            t = t.substring(1, t.length() - 1);
        }
        List<Object> steps = new ArrayList<>();
        Matcher m = SEGMENT.matcher(t);
        int end = 0;
        while (end < t.length()) {
            if (!m.find(end) || m.start() != end) {
                throw new IllegalArgumentException("cannot read path '" + text + "' at '" + t.substring(end) + "'");
            }
            if (m.group(1) != null) {
                steps.add(m.group(1));
            } else if (m.group(2) != null) {
                steps.add(Integer.parseInt(m.group(2)));
            } else {
                steps.add(m.group(3) != null ? m.group(3) : m.group(4));
            }
            end = m.end();
        }
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("empty path '" + text + "'");
        }
        return new FieldPath(text, List.copyOf(steps));
    }

    /** The value at this path, or empty when any step is missing. */
    public Optional<Object> get(Object root) {
        Object current = root;
        for (Object step : steps) {
            if (step instanceof Integer i && current instanceof List<?> list) {
                current = i < list.size() ? list.get(i) : null;
            } else if (step instanceof String key && current instanceof Map<?, ?> map) {
                current = map.get(key);
            } else {
                current = null;
            }
            if (current == null) {
                return Optional.empty();
            }
        }
        return Optional.of(current);
    }

    /** Shorthand for reading one value of an object. */
    public static Optional<Object> read(Object root, String path) {
        return parse(path).get(root);
    }

    @Override
    public String toString() {
        return text;
    }
}
