package io.runbook.engine.module;

import java.nio.file.Path;

/**
 * How a file of a {@code library/} folder runs as a module, as Ansible runs the modules beside a playbook, in a role's
 * {@code library/} and on {@code ANSIBLE_LIBRARY}: the engine finds the files ({@link ModuleLibrary}), this makes each
 * a {@link Module}. Found with {@link java.util.ServiceLoader} (list the class in
 * {@code META-INF/services/io.runbook.engine.module.LibraryModuleType}); without one, such files stay unknown modules.
 */
public interface LibraryModuleType {
    /** The module {@code file} stands for, called {@code name} (its file name without the extension). Never null. */
    Module module(String name, Path file);
}
