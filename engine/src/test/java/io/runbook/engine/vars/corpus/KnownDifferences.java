package io.runbook.engine.vars.corpus;

import io.runbook.engine.yaml.YMap;
import io.runbook.engine.yaml.YNode;
import io.runbook.engine.yaml.YamlLoader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** known-differences.yml: the corpus cases where the engine still differs from Ansible, each with its reason. */
final class KnownDifferences {
    private final Map<String, String> reasons = new LinkedHashMap<>();

    KnownDifferences(Path file) {
        YamlLoader.load(file).ifPresent(doc -> {
            for (YMap.Entry entry : ((YMap) doc).entries()) {
                YNode reason = entry.value();
                reasons.put(entry.key(), reason.toPlain() == null ? "" : reason.toPlain().toString());
            }
        });
    }

    boolean has(String id) {
        return reasons.containsKey(id);
    }

    String reason(String id) {
        return reasons.get(id);
    }

    Map<String, String> reasons() {
        return reasons;
    }
}
