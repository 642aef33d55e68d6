package io.runbook.engine.module;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How Ansible's Python modules run as modules: the files of {@code library/} folders, as Ansible runs the modules beside
 * a playbook, in a role's {@code library/} and on {@code ANSIBLE_LIBRARY} (the engine finds the files,
 * {@link ModuleLibrary}, this makes each a {@link Module}), and the modules of the controller's Ansible (ansible-core's
 * own and its collections'), for names the engine has no module of. Found with {@link java.util.ServiceLoader} (list
 * the class in {@code META-INF/services/io.runbook.engine.module.LibraryModuleType}); without one, such names stay
 * unknown modules. One instance serves one run (one {@link ModuleRegistry}).
 */
public interface LibraryModuleType {
    /** The module {@code file} stands for, called {@code name} (its file name without the extension). Never null. */
    Module module(String name, Path file);

    /**
     * Where the modules of this run find what they import, asked for when a module is packed: the
     * {@code ansible.module_utils} folders that come before ansible-core's ({@link ModuleLibrary#moduleUtilsPath}) and
     * the run's collection folders ({@link ModuleRegistry#collectionRoots}). Called once, when the run's registry is
     * made.
     */
    default void packWith(java.util.function.Supplier<java.util.List<Path>> moduleUtils,
                          java.util.function.Supplier<java.util.List<Path>> collectionRoots) {
    }

    /**
     * The module of the controller's Ansible that a task names {@code name} ({@code NAME}, {@code ansible.builtin.NAME},
     * {@code ansible.legacy.NAME}, {@code ns.coll.NAME}); empty when it has none. Asked only for names no native or
     * library/ module answers to, so a run that names none such never looks at the controller's Ansible. A collection
     * is looked for in {@code roots} (the run's collection folders, {@link ModuleRegistry#collectionRoots}), then in
     * the controller's Python path.
     */
    default Optional<Module> controllerModule(String name, java.util.List<Path> roots) {
        return Optional.empty();
    }

    /**
     * The full name ({@code ns.coll.NAME}) a task's short {@code name} stands for under the {@code collections:}
     * keyword's list, as Ansible searches it: empty when the name is looked up as without the keyword.
     */
    default Optional<String> inCollections(String name, java.util.List<String> collections, java.util.List<Path> roots) {
        return Optional.empty();
    }

    /**
     * The full name the controller's Ansible redirects {@code name} ({@code ns.coll.NAME}) to, redirect after redirect,
     * when that collection (or ansible-core, for {@code ansible.builtin.NAME}) has no module of that name itself; empty
     * when it is not redirected.
     */
    default Optional<String> routedName(String name, java.util.List<Path> roots) {
        return Optional.empty();
    }

    /**
     * The folder of collection {@code namespace.name} where the controller's Ansible finds it: in {@code roots}, then
     * its Python's path; empty when it has none.
     */
    default Optional<Path> collection(String namespace, String name, java.util.List<Path> roots) {
        return Optional.empty();
    }

    /**
     * Why {@code name}, which no module answers to, is refused in other words than an unknown module's (an action plugin
     * of Ansible's the engine does not run); empty for a plain unknown module.
     */
    default Optional<String> refusal(String name, java.util.List<Path> roots) {
        return Optional.empty();
    }

    /** The names of the controller's ansible-core modules and action plugins (for a did-you-mean). */
    default java.util.Collection<String> controllerBuiltinNames() {
        return java.util.List.of();
    }

    /** Why the controller has no Ansible to look modules up in, once it was looked at; null when it has one. */
    default String controllerProblem() {
        return null;
    }
}
