package io.runbook.engine.vars;

import io.runbook.engine.error.SourcePosition;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Variables shaped like a recovery playbook's: inventory values, a registered result, a list of clusters. */
final class Fixtures {
    static final SourcePosition WHERE = new SourcePosition(Path.of("playbooks/recover.yml"), 12, 15);

    private Fixtures() {
    }

    static Map<String, Object> vars() {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("count", 3);
        vars.put("ratio", 2.0);
        vars.put("half", 0.5);
        vars.put("name", "Prod-East");
        vars.put("padded", "  spaced  ");
        vars.put("enabled", true);
        vars.put("nothing", null);
        vars.put("empty_list", List.of());
        vars.put("empty_map", Map.of());
        vars.put("empty_text", "");
        vars.put("zero", 0);
        vars.put("ports", List.of(80, 443));
        vars.put("cluster", ordered("name", "prod", "nodes", List.of(ordered("ip", "10.0.0.1"), ordered("ip", "10.0.0.2"))));
        vars.put("clusters", List.of(ordered("name", "prod", "primary", true), ordered("name", "dr", "primary", false)));
        vars.put("result", ordered("changed", true, "failed", false, "rc", 0, "stdout", "deployment \"api\" created",
                "resources", List.of(ordered("status", ordered("phase", "Running")))));
        vars.put("failed_result", ordered("changed", false, "failed", true, "rc", 2, "stderr", "already exists"));
        vars.put("skipped_result", ordered("changed", false, "skipped", true));
        return vars;
    }

    static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
