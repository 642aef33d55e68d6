package io.runbook.modules.helm;

import io.runbook.engine.module.ModuleContext;
import io.runbook.modules.k8s.SecretMask;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * A rendered release manifest (the multi-document YAML Helm applies) as this module shows it: every Secret's
 * {@code data}/{@code stringData} masked with {@link SecretMask}, its values registered with the run's
 * redactor, documents in a stable order for diffs.
 */
final class ReleaseManifest {
    private static final DumpSettings DUMP = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK)
            .setIndent(2).setIndicatorIndent(0).setWidth(200).build();

    private ReleaseManifest() {
    }

    /** The objects of a manifest; documents that are not mappings (empty, comments only) are left out. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> objects(String manifest) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (manifest == null || manifest.isBlank()) {
            return out;
        }
        for (Object doc : new Load(LoadSettings.builder().build()).loadAllFromString(manifest)) {
            if (doc instanceof Map<?, ?> m) {
                out.add(ReleaseValues.stringKeys(m));
            }
        }
        return out;
    }

    /** Registers the values of every Secret in the manifest with the redactor. */
    static void registerSecrets(ModuleContext ctx, String manifest) {
        objects(manifest).forEach(o -> SecretMask.register(ctx, o));
    }

    /**
     * The manifest with Secret values masked, one document per object, sorted by kind, namespace and name.
     * Hooks are left out: Helm keeps them apart from the release manifest, so a rendered chart and a stored
     * release compare like for like.
     */
    static String masked(String manifest) {
        List<Map<String, Object>> objects = new ArrayList<>();
        objects(manifest).stream().filter(o -> !isHook(o)).forEach(o -> objects.add(SecretMask.mask(o)));
        objects.sort(java.util.Comparator.comparing(ReleaseManifest::sortKey));
        StringBuilder out = new StringBuilder();
        for (Map<String, Object> o : objects) {
            out.append("---\n").append(new Dump(DUMP).dumpToString(o));
        }
        return out.toString();
    }

    /** The workloads of a manifest whose readiness is worth showing while Helm waits: kind and name. */
    static List<String[]> workloads(String manifest) {
        List<String[]> out = new ArrayList<>();
        for (Map<String, Object> o : objects(manifest)) {
            String kind = String.valueOf(o.get("kind"));
            if (List.of("Deployment", "StatefulSet", "DaemonSet", "Job").contains(kind) && o.get("metadata") instanceof Map<?, ?> meta) {
                out.add(new String[] {kind, String.valueOf(meta.get("name"))});
            }
        }
        return out;
    }

    private static boolean isHook(Map<String, Object> object) {
        return object.get("metadata") instanceof Map<?, ?> meta && meta.get("annotations") instanceof Map<?, ?> annotations
                && annotations.containsKey("helm.sh/hook");
    }

    @SuppressWarnings("unchecked")
    private static String sortKey(Map<String, Object> o) {
        Map<String, Object> meta = o.get("metadata") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        return o.get("kind") + "/" + meta.getOrDefault("namespace", "") + "/" + meta.get("name");
    }
}
