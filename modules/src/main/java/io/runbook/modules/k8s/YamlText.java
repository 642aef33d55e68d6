package io.runbook.modules.k8s;

import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/** Objects as block YAML, for diffs. */
final class YamlText {
    private static final DumpSettings SETTINGS = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK)
            .setIndent(2).setIndicatorIndent(0).setWidth(200).build();

    private YamlText() {
    }

    static String of(Map<String, Object> object) {
        return object == null ? "" : new Dump(SETTINGS).dumpToString(object);
    }
}
