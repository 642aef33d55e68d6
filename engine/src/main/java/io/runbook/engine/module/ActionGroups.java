package io.runbook.engine.module;

import io.runbook.engine.report.PythonRepr;
import io.runbook.engine.yaml.YNode;
import io.runbook.engine.yaml.YamlLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The action groups {@code module_defaults} may name ({@code group/k8s}, {@code group/ns.coll.NAME}), as ansible-core
 * 2.14's {@code _resolve_group} resolves them: a name that is not fully qualified is ansible-core's own
 * ({@code ansible.builtin.}; the collections keyword does not count); a group is the {@code action_groups} entry of its
 * collection's {@code meta/runtime.yml} (ansible-core's and kubernetes.core's, which the engine stands for, are kept
 * here), its actions each resolved to the full name a task resolves to ({@link ResolvedNames#of}), with the
 * actions of the groups its {@code metadata: {extend_group: ...}} names (a group is kept before those are looked up,
 * so groups that extend each other end). Metadata that is not as Ansible expects is warned about in Ansible's words,
 * unless {@code validate_action_group_metadata} is off. Each group is resolved once per run. Thread-safe.
 */
public final class ActionGroups {
    private static final String BUILTIN = "ansible.builtin";
    /** ansible-core's groups (its ansible_builtin_runtime.yml), most only extending other collections' groups. */
    private static final Map<String, List<Object>> CORE = Map.ofEntries(
            Map.entry("testgroup", List.of(extend("testns.testcoll.testgroup", "testns.testcoll.anothergroup",
                    "testns.boguscoll.testgroup"), "ping", "legacy_ping", "formerly_core_ping")),
            Map.entry("testlegacy", List.of("ansible.legacy.legacy_ping")),
            Map.entry("aws", List.of(extend("amazon.aws.aws", "community.aws.aws"))),
            Map.entry("acme", List.of(extend("community.crypto.acme"))),
            Map.entry("azure", List.of(extend("azure.azcollection.azure"))),
            Map.entry("cpm", List.of(extend("wti.remote.cpm"))),
            Map.entry("docker", List.of(extend("community.general.docker", "community.docker.docker"))),
            Map.entry("gcp", List.of(extend("google.cloud.gcp"))),
            Map.entry("k8s", List.of(extend("community.kubernetes.k8s", "community.general.k8s", "community.kubevirt.k8s",
                    "community.okd.k8s", "kubernetes.core.k8s"))),
            Map.entry("os", List.of(extend("openstack.cloud.os"))),
            Map.entry("ovirt", List.of(extend("ovirt.ovirt.ovirt", "community.general.ovirt"))),
            Map.entry("vmware", List.of(extend("community.vmware.vmware"))));
    /** The groups of the collections whose modules the engine's own are (kubernetes.core's meta/runtime.yml). */
    private static final Map<String, Map<String, List<Object>>> EMULATED = Map.of(BUILTIN, CORE, "kubernetes.core", Map.of(
            "helm", List.of("helm", "helm_info", "helm_repository"),
            "k8s", List.of("k8s", "k8s_exec", "k8s_info", "k8s_log", "k8s_scale", "k8s_service", "k8s_cp", "k8s_drain")));

    private final ResolvedNames names;
    /** Each group resolved so far, by its full name: the full names of its actions (a group's own, then extended ones). */
    private final Map<String, List<String>> groups = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private boolean validateMetadata = true;

    ActionGroups(ResolvedNames names) {
        this.names = names;
    }

    private static Map<String, Object> extend(String... groups) {
        return Map.of("metadata", Map.of("extend_group", List.of(groups)));
    }

    /** Ansible's {@code validate_action_group_metadata}: whether a group's malformed metadata is warned about. */
    public synchronized void validateMetadata(boolean validate) {
        this.validateMetadata = validate;
    }

    /** The group's fully qualified name, as ansible-core's {@code _resolve_group}: {@code k8s} is {@code ansible.builtin.k8s}. */
    public static String qualified(String written) {
        return isFullName(written) ? written : BUILTIN + "." + written;
    }

    private static boolean isFullName(String name) {
        return name.matches("\\w+\\.\\w+\\.\\w[\\w.]*");
    }

    /**
     * The full names of the actions of group {@code qualified} ({@link #qualified}); empty when neither its collection
     * nor the group is found, which Ansible refuses the playbook for.
     */
    public synchronized Optional<List<String>> actions(String qualified) {
        return Optional.ofNullable(resolve(qualified));
    }

    /** Whether the action Ansible resolves to {@code resolvedAction} ({@link ResolvedNames#of}) is one of the group's. */
    public synchronized boolean contains(String qualified, String resolvedAction) {
        List<String> actions = resolve(qualified);
        return actions != null && actions.contains(resolvedAction);
    }

    /** The warnings about groups' metadata since the last call, as Ansible shows them while it reads the playbook. */
    public synchronized List<String> takeWarnings() {
        List<String> out = List.copyOf(warnings);
        warnings.clear();
        return out;
    }

    /** Why a group is not found, with the nearest of ansible-core's and kubernetes.core's groups when one is near. */
    public static String hint(String qualified) {
        List<String> all = new ArrayList<>();
        EMULATED.forEach((collection, groups) -> groups.keySet().forEach(g -> all.add(collection + "." + g)));
        String near = io.runbook.engine.error.Suggestions.didYouMean(qualified, all);
        return near != null ? near : "a group is ansible-core's (k8s, aws, docker, …) or the action_groups of its "
                + "collection's meta/runtime.yml";
    }

    private List<String> resolve(String qualified) {
        List<String> known = groups.get(qualified);
        if (known != null) {
            return known;
        }
        String[] parts = qualified.split("\\.");
        String collection = parts[0] + "." + parts[1];
        String resource = qualified.substring(collection.length() + 1);
        Map<?, ?> all = EMULATED.containsKey(collection) ? EMULATED.get(collection) : collectionGroups(parts[0], parts[1]);
        Object group = all == null ? null : all.containsKey(qualified) ? all.get(qualified) : all.get(resource);
        if (!(group instanceof List<?> members)) {
            return null;
        }
        List<String> actions = new ArrayList<>();
        List<String> extended = new ArrayList<>();
        boolean metadataSeen = false;
        for (Object member : members) {
            if (member instanceof String name) {
                actions.add(names.of(isFullName(name) ? name : collection + "." + name));
                continue;
            }
            checkMetadata(member, metadataSeen, qualified);
            if (member instanceof Map<?, ?> entry && entry.get("metadata") instanceof Map<?, ?> metadata) {
                metadataSeen = true;
                Object names = metadata.containsKey("extend_group") ? metadata.get("extend_group") : List.of();
                extended.clear();
                if (names instanceof String one) {
                    extended.add(one);
                } else if (names instanceof List<?> list) {
                    list.forEach(n -> extended.add(String.valueOf(n)));
                }
            }
        }
        groups.put(qualified, actions);
        for (String name : extended) {
            List<String> more = resolve(isFullName(name) ? name : collection + "." + name);
            if (more != null) {
                actions.addAll(List.copyOf(more));
            }
        }
        return actions;
    }

    /** The {@code action_groups} of collection {@code ns.coll}'s meta/runtime.yml: null when it is not installed. */
    private Map<?, ?> collectionGroups(String namespace, String name) {
        Optional<Path> dir = names.collectionFolder(namespace, name);
        if (dir.isEmpty()) {
            return null;
        }
        Path runtime = dir.get().resolve("meta/runtime.yml");
        if (!Files.isRegularFile(runtime)) {
            return Map.of();
        }
        Object doc = YamlLoader.load(runtime).map(YNode::toPlain).orElse(null);
        return doc instanceof Map<?, ?> top && top.get("action_groups") instanceof Map<?, ?> groups ? groups : Map.of();
    }

    /** Ansible's {@code _validate_action_group_metadata}: a group's entry that is no action's name. */
    private void checkMetadata(Object entry, boolean metadataSeen, String group) {
        if (!validateMetadata) {
            return;
        }
        List<String> found = new ArrayList<>();
        if (!(entry instanceof Map<?, ?> map) || !map.containsKey("metadata") || map.size() != 1) {
            found.add("The only expected key is metadata, but got keys: " + (entry instanceof Map<?, ?> map
                    ? String.join(", ", new TreeSet<>(map.keySet().stream().map(String::valueOf).toList())) : PythonRepr.str(entry)));
        } else {
            if (metadataSeen) {
                found.add("The group contains multiple metadata entries.");
            }
            Object metadata = map.get("metadata");
            if (!(metadata instanceof Map<?, ?> options)) {
                found.add("The metadata is not a dictionary. Got " + PythonRepr.str(metadata));
            } else {
                List<String> unexpected = options.keySet().stream().map(String::valueOf)
                        .filter(k -> !k.equals("extend_group")).toList();
                if (!unexpected.isEmpty()) {
                    found.add("The metadata contains unexpected keys: " + String.join(", ", unexpected));
                }
                Object extend = options.get("extend_group");
                if (options.containsKey("extend_group") && !(extend instanceof List<?> || extend instanceof String)) {
                    found.add("The metadata contains unexpected key types: extend_group is " + PythonRepr.str(extend)
                            + " (expected type list)");
                }
            }
        }
        if (!found.isEmpty()) {
            warnings.add("Invalid metadata was found for action_group " + group + " while loading module_defaults. "
                    + String.join(" ", found));
        }
    }
}
