package io.runbook.modules.helm;

import io.runbook.engine.module.ModuleContext;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * kubernetes.core.helm_info's {@code status}: the release's entry as {@code helm list --STATE... --filter NAME} shows
 * it ({@link CoreHelmStatus#entry}), with what {@code helm get values [-a]}, {@code helm get manifest},
 * {@code helm get notes} and {@code helm get hooks} print for it, parsed as kubernetes.core parses them. Read from the
 * release records ({@link ReleaseStorage}): no Helm is loaded.
 */
final class CoreHelmInfo {
    /** The states kubernetes.core passes on to helm list as flags; other words are dropped, as it drops them. */
    static final List<String> STATES = List.of("all", "deployed", "failed", "pending", "superseded", "uninstalled", "uninstalling");

    private CoreHelmInfo() {
    }

    /**
     * The revision helm list shows for the release (newest first), or null: by default only a deployed or failed
     * newest revision; {@code all} any newest revision; {@code superseded} alone any superseded revision.
     */
    static StoredRelease listed(List<StoredRelease> history, List<String> states) {
        if (history.isEmpty()) {
            return null;
        }
        Set<String> asked = new HashSet<>(states);
        asked.retainAll(STATES);
        boolean all = asked.contains("all");
        if (asked.isEmpty()) {
            asked = Set.of("deployed", "failed");
        }
        List<StoredRelease> candidates = asked.equals(Set.of("superseded")) ? history : List.of(history.get(history.size() - 1));
        for (int i = candidates.size() - 1; i >= 0; i--) {
            String status = candidates.get(i).status();
            if (all || asked.contains(status.startsWith("pending-") ? "pending" : status)) {
                return candidates.get(i);
            }
        }
        return null;
    }

    /** kubernetes.core.helm_info's {@code status}, or null when helm list does not show the release. */
    static Map<String, Object> status(ModuleContext ctx, ReleaseStorage storage, List<StoredRelease> history, List<String> states,
                                      boolean allValues) {
        StoredRelease shown = listed(history, states);
        if (shown == null) {
            return null;
        }
        StoredRelease latest = history.get(history.size() - 1);  // helm get reads the newest revision
        Map<String, Object> record = storage.record(latest);
        Map<String, Object> values = new LinkedHashMap<>();
        if (allValues && record.get("chart") instanceof Map<?, ?> chart && chart.get("values") instanceof Map<?, ?> defaults) {
            ReleaseValues.deepMerge(values, ReleaseValues.stringKeys(defaults));
        }
        ReleaseValues.deepMerge(values, latest.config() == null ? Map.of() : latest.config());
        ValuesMask.register(ctx, values);
        ReleaseManifest.registerSecrets(ctx, latest.manifest());
        String hooks = hooks(record);
        ReleaseManifest.registerSecrets(ctx, hooks);
        Map<String, Object> status = CoreHelmStatus.entry(shown);
        status.put("values", values);
        status.put("manifest", ReleaseManifest.objects(latest.manifest()));
        Object notes = record.get("info") instanceof Map<?, ?> info ? info.get("notes") : null;
        status.put("notes", notes == null || String.valueOf(notes).isEmpty() ? "" : "NOTES:\n" + notes + "\n");
        status.put("hooks", ReleaseManifest.objects(hooks));
        return status;
    }

    /** The release's hooks as {@code helm get hooks} prints them: each hook's manifest after its source. */
    private static String hooks(Map<String, Object> record) {
        StringBuilder out = new StringBuilder();
        if (record.get("hooks") instanceof List<?> hooks) {
            for (Object h : hooks) {
                if (h instanceof Map<?, ?> hook) {
                    out.append("---\n# Source: ").append(hook.get("path")).append('\n').append(hook.get("manifest")).append('\n');
                }
            }
        }
        return out.toString();
    }
}
