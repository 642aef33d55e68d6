package io.runbook.modules.library;

import io.runbook.engine.module.LibraryModuleType;
import io.runbook.engine.module.Module;
import java.nio.file.Path;

/** The files of {@code library/} folders as modules run on the host as Ansible runs them ({@link LibraryModule}). */
public final class LibraryModules implements LibraryModuleType {
    @Override
    public Module module(String name, Path file) {
        return new LibraryModule(name, file);
    }
}
