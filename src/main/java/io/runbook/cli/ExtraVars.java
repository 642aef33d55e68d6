package io.runbook.cli;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import io.runbook.engine.playbook.FreeFormArgs;
import io.runbook.engine.yaml.YMap;
import io.runbook.engine.yaml.YNode;
import io.runbook.engine.yaml.YamlLoader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code -e}: {@code key=value} pairs (strings), a JSON/YAML mapping, or {@code @file}; later ones win. */
final class ExtraVars {
    private ExtraVars() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(List<String> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String v : values) {
            String t = v.trim();
            if (t.startsWith("@")) {
                Path file = Path.of(t.substring(1));
                Optional<YNode> doc = YamlLoader.load(file);
                if (doc.isPresent() && !(doc.get() instanceof YMap)) {
                    throw new UserError(doc.get().position(), "an extra-vars file must hold a mapping of variables");
                }
                doc.ifPresent(d -> out.putAll((Map<String, Object>) d.toPlain()));
            } else if (t.startsWith("{") || t.startsWith("[")) {
                List<YNode> docs = YamlLoader.loadAll(t, Path.of("-e"));
                if (docs.size() != 1 || !(docs.get(0) instanceof YMap)) {
                    throw new UsageError("-e", "-e with JSON or YAML must be one mapping, like '{\"key\": \"value\"}'");
                }
                out.putAll((Map<String, Object>) docs.get(0).toPlain());
            } else if ((t.startsWith("/") || t.startsWith(".")) && !t.contains("=")) {
                throw new UsageError("-e", "'" + t + "' looks like a file: write -e @" + t + " to load variables from it");
            } else if (!t.isEmpty()) {
                Map<String, Object> kv = FreeFormArgs.keyValues(t, SourcePosition.of("-e"));
                out.putAll(kv);
            }
        }
        return out;
    }
}
