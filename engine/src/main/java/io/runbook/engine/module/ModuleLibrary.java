package io.runbook.engine.module;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * The {@code library/} folders of one run and the modules in them, searched as Ansible's module loader searches: the
 * folders of the playbooks and roles read, in the order they were read, then the configured ones
 * ({@code ANSIBLE_LIBRARY}, {@code library =} of ansible.cfg). A module's name is its file name without the extension
 * ({@code bad_json}, {@code helloworld.py}); byte code, PowerShell, docs and hidden files are not modules. A folder
 * read later adds modules but shadows none found already. Thread-safe: playbooks may be read in parallel.
 */
public final class ModuleLibrary {
    private static final Set<String> NOT_MODULES = Set.of("pyc", "pyo", "ps1", "psm1", "cs", "md", "txt", "rst", "yml",
            "yaml", "json", "ini", "cfg");
    private final List<Path> folders = new CopyOnWriteArrayList<>();
    private final List<Path> configured = new CopyOnWriteArrayList<>();
    private final List<Path> utilsFolders = new CopyOnWriteArrayList<>();
    private final List<Path> configuredUtils = new CopyOnWriteArrayList<>();
    private final Map<Path, Module> created = new ConcurrentHashMap<>();
    /** Each folder's module files by name, listed once (a task asks for its module on every host). */
    private final Map<Path, Map<String, Path>> listed = new ConcurrentHashMap<>();
    private final LibraryModuleType type;

    private ModuleLibrary(LibraryModuleType type) {
        this.type = type;
    }

    /** An empty library whose files run through the {@link LibraryModuleType} {@code loader} lists (none: no module). */
    static ModuleLibrary load(ClassLoader loader) {
        return new ModuleLibrary(ServiceLoader.load(LibraryModuleType.class, loader).findFirst().orElse(null));
    }

    /** What makes the Python modules of this run, or null when nothing on the class path does. */
    LibraryModuleType type() {
        return type;
    }

    /**
     * A playbook's or a role's {@code library/} folder (nothing when it does not exist); the {@code module_utils/}
     * beside it is added to {@link #moduleUtilsPath} when it exists, as Ansible adds a playbook's and a role's plugin
     * folders.
     */
    public void addFolder(Path folder) {
        Path f = folder.toAbsolutePath().normalize();
        Path utils = f.resolveSibling("module_utils");
        if (type != null && Files.isDirectory(utils) && !utilsFolders.contains(utils)) {
            utilsFolders.add(utils);
        }
        if (type != null && Files.isDirectory(f) && !folders.contains(f)) {
            folders.add(f);
        }
    }

    /** The configured folders, searched after every playbook's and role's. */
    public void addConfigured(List<Path> paths) {
        paths.stream().map(p -> p.toAbsolutePath().normalize()).filter(Files::isDirectory)
                .filter(p -> type != null && !configured.contains(p)).forEach(configured::add);
    }

    /** The configured module_utils folders ({@code ANSIBLE_MODULE_UTILS}, {@code module_utils =}), after the others. */
    public void addConfiguredModuleUtils(List<Path> paths) {
        paths.stream().map(p -> p.toAbsolutePath().normalize()).filter(Files::isDirectory)
                .filter(p -> type != null && !configuredUtils.contains(p)).forEach(configuredUtils::add);
    }

    /**
     * The folders a Python module's {@code ansible.module_utils} imports are looked for in before ansible-core's own,
     * in Ansible's order: the {@code module_utils/} of the playbooks and roles read, in the order they were read,
     * then the configured ones.
     */
    public List<Path> moduleUtilsPath() {
        List<Path> all = new ArrayList<>(utilsFolders);
        configuredUtils.stream().filter(p -> !all.contains(p)).forEach(all::add);
        return all;
    }

    /** The module of the first file called {@code name} along the folders. */
    public Optional<Module> find(String name) {
        for (Path folder : searched()) {
            Path file = modules(folder).get(name);
            if (file != null) {
                return Optional.of(created.computeIfAbsent(file, f -> type.module(name, f)));
            }
        }
        return Optional.empty();
    }

    /** Every module name the folders hold. */
    public Collection<String> names() {
        TreeSet<String> names = new TreeSet<>();
        searched().forEach(folder -> names.addAll(modules(folder).keySet()));
        return names;
    }

    private Map<String, Path> modules(Path folder) {
        return listed.computeIfAbsent(folder, f -> {
            Map<String, Path> byName = new java.util.LinkedHashMap<>();
            files(f).forEach(file -> byName.putIfAbsent(moduleName(file), file));
            return byName;
        });
    }

    private List<Path> searched() {
        List<Path> all = new ArrayList<>(folders);
        all.addAll(configured);
        return all;
    }

    private static Stream<Path> files(Path folder) {
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(Files::isRegularFile).filter(ModuleLibrary::isModule).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the module folder " + folder, e);
        }
    }

    private static boolean isModule(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return !name.startsWith(".") && !name.startsWith("__init__")
                && (dot < 0 || !NOT_MODULES.contains(name.substring(dot + 1)));
    }

    private static String moduleName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? name : name.substring(0, dot);
    }
}
