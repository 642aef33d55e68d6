package io.runbook.modules.k8s;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The kubeconfig that {@code KUBECONFIG=a:b:c} stands for, merged as kubectl merges it: files that do not exist
 * are left out; the first file that sets {@code current-context} gives it; a cluster, context or user named in
 * several files is taken from the first. Relative certificate, key and token file paths are made absolute against
 * the folder of the file they come from, since the merge has no folder of its own.
 */
public final class KubeconfigMerge {
    private static final Map<String, String> SECTIONS = Map.of("clusters", "cluster", "contexts", "context", "users", "user");

    private KubeconfigMerge() {
    }

    /** The merged YAML; a {@link ClusterConnection.ConfigProblem} names the file that cannot be read. */
    public static String of(List<String> files) {
        Map<String, Object> merged = new LinkedHashMap<>();
        merged.put("apiVersion", "v1");
        merged.put("kind", "Config");
        Map<String, Map<String, Object>> named = new LinkedHashMap<>();
        SECTIONS.keySet().forEach(s -> named.put(s, new LinkedHashMap<>()));
        List<String> read = new ArrayList<>();
        for (String file : files) {
            Path path = Path.of(file);
            if (!Files.isRegularFile(path)) {
                continue;
            }
            read.add(file);
            Map<String, Object> doc = load(path);
            if (!merged.containsKey("current-context") && doc.get("current-context") instanceof String c && !c.isBlank()) {
                merged.put("current-context", c);
            }
            for (String section : SECTIONS.keySet()) {
                if (doc.get(section) instanceof List<?> entries) {
                    addEntries(named.get(section), entries, section, path.toAbsolutePath().getParent());
                }
            }
        }
        if (read.isEmpty()) {
            throw new ClusterConnection.ConfigProblem("none of the KUBECONFIG files exists: " + String.join(", ", files));
        }
        named.forEach((section, entries) -> merged.put(section, new ArrayList<>(entries.values())));
        return new Dump(DumpSettings.builder().build()).dumpToString(merged);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load(Path path) {
        Object doc;
        try {
            doc = new Load(LoadSettings.builder().build()).loadFromString(ClientConfig.read(path));
        } catch (IOException | RuntimeException e) {
            throw new ClusterConnection.ConfigProblem("cannot read kubeconfig " + path + " (from KUBECONFIG): "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(e.getClass().getSimpleName()));
        }
        if (doc == null) {
            return Map.of();
        }
        if (!(doc instanceof Map<?, ?>)) {
            throw new ClusterConnection.ConfigProblem("kubeconfig " + path + " (from KUBECONFIG) is not a kubeconfig mapping");
        }
        return (Map<String, Object>) doc;
    }

    @SuppressWarnings("unchecked")
    private static void addEntries(Map<String, Object> into, List<?> entries, String section, Path folder) {
        for (Object entry : entries) {
            if (entry instanceof Map<?, ?> e && e.get("name") instanceof String name && !into.containsKey(name)) {
                Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) e);
                if (copy.get(SECTIONS.get(section)) instanceof Map<?, ?> body) {
                    Map<String, Object> values = new LinkedHashMap<>((Map<String, Object>) body);
                    absolutize(values, folder);
                    copy.put(SECTIONS.get(section), values);
                }
                into.put(name, copy);
            }
        }
    }

    private static final Set<String> FILE_KEYS = new LinkedHashSet<>(List.of("certificate-authority", "client-certificate",
            "client-key", "tokenFile"));

    private static void absolutize(Map<String, Object> values, Path folder) {
        for (String key : FILE_KEYS) {
            if (values.get(key) instanceof String p && !p.isBlank() && !Path.of(p).isAbsolute()) {
                values.put(key, folder.resolve(p).normalize().toString());
            }
        }
    }
}
