package io.runbook.modules.library;

import io.runbook.engine.module.LibraryModuleType;
import io.runbook.engine.module.Module;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Ansible's Python modules run on the host as Ansible runs them ({@link LibraryModule}): the files of {@code library/}
 * folders and the modules of the controller's Ansible ({@link ControllerModules}). One instance serves one run: the
 * controller's Ansible is probed once, when a module first needs it.
 */
public final class LibraryModules implements LibraryModuleType {
    private final ModuleUtils utils = new ModuleUtils(ControllerAnsible::probe);
    private final ControllerModules controller = new ControllerModules(utils);

    @Override
    public Module module(String name, Path file) {
        return new LibraryModule(name, file, utils, null);
    }

    @Override
    public void packWith(java.util.function.Supplier<java.util.List<Path>> moduleUtils,
                         java.util.function.Supplier<java.util.List<Path>> collectionRoots) {
        utils.packWith(moduleUtils, collectionRoots);
    }

    @Override
    public Optional<Module> controllerModule(String name, java.util.List<Path> roots) {
        return controller.find(name, roots);
    }

    @Override
    public Optional<String> inCollections(String name, java.util.List<String> collections, java.util.List<Path> roots) {
        return controller.inCollections(name, collections, roots);
    }

    @Override
    public Optional<String> routedName(String name, java.util.List<Path> roots) {
        return controller.routedName(name, roots);
    }

    @Override
    public Optional<Path> collection(String namespace, String name, java.util.List<Path> roots) {
        return utils.controller().ansible() == null ? Optional.empty() : utils.controller().collection(namespace, name, roots);
    }

    @Override
    public Optional<String> refusal(String name, java.util.List<Path> roots) {
        return controller.refusal(name, roots);
    }

    @Override
    public java.util.Collection<String> controllerBuiltinNames() {
        return utils.controller().builtinNames();
    }

    @Override
    public String controllerProblem() {
        ControllerAnsible probed = utils.probedOrNull();
        return probed == null ? null : probed.problem();
    }
}
