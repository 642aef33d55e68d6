package io.runbook.engine.module;

import java.util.List;
import java.util.Optional;

/**
 * A task's action looked up under the {@code collections:} keyword ({@link ModuleRegistry#inCollections}): the listed
 * collections searched before the engine's own modules, as Ansible searches them before {@code ansible.legacy}.
 */
final class CollectionsLookup {
    private final ModuleRegistry registry;

    CollectionsLookup(ModuleRegistry registry) {
        this.registry = registry;
    }

    /** See {@link ModuleRegistry#inCollections}. */
    String inCollections(String written, List<String> collections, java.util.Set<String> engineActions) {
        if (collections.isEmpty() || written.contains(".") || engineActions.contains(written)
                || ModuleRegistry.ACTION_ONLY.contains(written) || registry.library().type() == null) {
            return written;
        }
        if (!registry.isKnown(written)) {
            return listedModule(written, collections).orElse(written);
        }
        // a name of the engine's own: the listed collections it emulates keep it (written as theirs, as kubernetes.core's
        // k8s_info reads a group-less api_version); only another listed collection's module of that name is looked up
        for (String listed : collections) {
            java.util.Set<String> emulated = EmulatedCollections.EMULATED.get(listed);
            if (emulated != null && emulated.contains(written)) {
                return listed + "." + written;
            }
            if (listed.equals("ansible.builtin") || listed.equals("ansible.legacy")) {
                return written;
            }
            if (emulated == null) {
                Optional<String> full = listedModule(written, List.of(listed));
                if (full.isPresent()) {
                    return full.get();
                }
            }
        }
        return written;
    }

    /** The first of {@code collections} that has a module (or action plugin) {@code name}, as the controller's Ansible finds it. */
    private Optional<String> listedModule(String name, List<String> collections) {
        Optional<String> full = registry.library().type().inCollections(name, collections, registry.collectionRoots());
        // (a collection's Python action plugin without a module of its name: the one find gives for its full name)
        full.ifPresent(f -> registry.library().type().controllerModule(f, registry.collectionRoots()).or(() -> registry.actionPlugins().find(f))
                .ifPresent(m -> registry.foundInCollection(f, m)));
        return full;
    }
}
