package io.runbook.modules.library;

import io.runbook.engine.module.Module;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The modules of the controller's Ansible, by the name a task gives them, found as Ansible's module loader finds them:
 * {@code NAME}, {@code ansible.builtin.NAME} and {@code ansible.legacy.NAME} are ansible-core's
 * {@code ansible/modules/NAME.py}; {@code ns.coll.NAME} the {@code plugins/modules/NAME.py} of the first collection
 * folder that has {@code ns.coll} ({@link ControllerAnsible#collection}: the run's collection folders, a playbook's
 * {@code collections/} first, then the Python's path); a name either has not is followed where the
 * {@code plugin_routing} of its runtime file ({@code ansible_builtin_runtime.yml}, a collection's
 * {@code meta/runtime.yml}) redirects it ({@code sysctl} → {@code ansible.posix.sysctl}). A name Ansible runs through
 * an action plugin is refused ({@link #refusal}), save {@code service}, whose plugin the engine does as Ansible does
 * ({@link ServiceAction}); so is a PowerShell module (a {@code .ps1} beside its documentation's {@code .py}). Each name is looked up once per run. Thread-safe.
 */
final class ControllerModules {
    private static final int MAX_REDIRECTS = 5;
    /** A part of a module's name, as Ansible's collection loader takes it (no path of a file elsewhere). */
    private static final java.util.regex.Pattern PART = java.util.regex.Pattern.compile("[A-Za-z0-9_]+");
    private final ModuleUtils utils;
    private final Map<Key, Lookup> looked = new ConcurrentHashMap<>();
    private final Map<Path, LibraryModule> modules = new ConcurrentHashMap<>();
    private final Map<Path, Map<?, ?>> routing = new ConcurrentHashMap<>();

    /** A name's module, or why the engine does not run what Ansible has of that name; both null: not found. */
    private record Lookup(Module module, String refusal) {
        static final Lookup NONE = new Lookup(null, null);

        /** Ansible runs the action plugin {@code fqcn} for {@code name}. */
        static Lookup actionPlugin(String name, String fqcn) {
            return new Lookup(null, "'" + name + "' is run by Ansible's action plugin " + fqcn + " (on the controller, "
                    + "around its module), which the engine does not have: use a module the engine has (engine.jar modules "
                    + "lists them), or ansible-playbook for this task");
        }

        /** {@code fqcn} is a PowerShell module (its .py is documentation only). */
        static Lookup powerShell(String name, String fqcn) {
            return new Lookup(null, "'" + name + "' is " + fqcn + ", a PowerShell module for Windows hosts, which the "
                    + "engine does not run (it runs Ansible's Python modules)");
        }
    }

    ControllerModules(ModuleUtils utils) {
        this.utils = utils;
    }

    /** The module {@code name} stands for, its collections looked for in {@code roots} (see {@link ControllerAnsible#collection}). */
    Optional<Module> find(String name, List<Path> roots) {
        return Optional.ofNullable(lookup(name, roots).module());
    }

    /**
     * The full name a task's short {@code name} has under the {@code collections:} keyword's {@code collections}, as
     * Ansible's loaders search them: the first listed collection that has a module or an action plugin of that name
     * ({@code ns.coll.NAME}), unless ansible-core has an action plugin of that name (which its action loader finds in
     * {@code ansible.legacy} before it looks for the module: {@code debug}, {@code copy}, {@code template}...); empty
     * when none has it (or the list reaches {@code ansible.builtin} or {@code ansible.legacy}): the name is then
     * looked up as without the keyword.
     */
    Optional<String> inCollections(String name, List<String> collections, List<Path> roots) {
        ControllerAnsible c = utils.controller();
        if (c.ansible() == null || !PART.matcher(name).matches() || c.builtinAction(name).isPresent()) {
            return Optional.empty();
        }
        for (String listed : collections) {
            String[] parts = listed.split("\\.");
            if (parts.length != 2 || listed.equals("ansible.builtin") || listed.equals("ansible.legacy")) {
                return Optional.empty();
            }
            Optional<Path> dir = c.collection(parts[0], parts[1], roots);
            if (dir.isPresent() && (Files.isRegularFile(dir.get().resolve("plugins/modules").resolve(name + ".py"))
                    || Files.isRegularFile(dir.get().resolve("plugins/action").resolve(name + ".py"))
                    || moduleRoutes(dir.get().resolve("meta/runtime.yml")).containsKey(name))) {
                return Optional.of(listed + "." + name);
            }
        }
        return Optional.empty();
    }

    /**
     * What a name Ansible has but the engine does not run is refused with: an action plugin of Ansible's (with no module
     * the engine runs for it), a PowerShell module.
     */
    Optional<String> refusal(String name, List<Path> roots) {
        return Optional.ofNullable(lookup(name, roots).refusal());
    }

    private Lookup lookup(String name, List<Path> roots) {
        return looked.computeIfAbsent(new Key(name, List.copyOf(roots)), k -> resolve(name, name, 0, k.roots()));
    }

    /** A name looked up in some collection folders. */
    private record Key(String name, List<Path> roots) {
    }

    /** {@code name} as Ansible's module loader finds it; {@code written} is what the task calls it. */
    private Lookup resolve(String written, String name, int redirects, List<Path> roots) {
        String[] parts = name.split("\\.");
        boolean builtin = parts.length == 1 || parts.length == 3 && parts[0].equals("ansible")
                && (parts[1].equals("builtin") || parts[1].equals("legacy"));
        boolean plain = java.util.Arrays.stream(parts).allMatch(p -> PART.matcher(p).matches());
        if (redirects > MAX_REDIRECTS || !plain || !builtin && parts.length != 3) {
            return Lookup.NONE;
        }
        ControllerAnsible c = utils.controller();
        if (c.ansible() == null) {
            return Lookup.NONE;
        }
        String shortName = parts[parts.length - 1];
        if (builtin) {
            if (shortName.equals("service")) {
                return new Lookup(new ServiceAction(this), null);
            }
            if (c.builtinAction(shortName).isPresent()) {
                return Lookup.actionPlugin(written, "ansible.builtin." + shortName);
            }
            Optional<Path> file = c.builtinModule(shortName);
            if (file.isPresent()) {
                return new Lookup(module(shortName, file.get(), CollectionModule.builtin(shortName)), null);
            }
            return redirect(route("ansible.builtin." + shortName, roots), written, redirects, roots);
        }
        Optional<Path> dir = c.collection(parts[0], parts[1], roots);
        if (dir.isEmpty()) {
            return Lookup.NONE;
        }
        if (Files.isRegularFile(dir.get().resolve("plugins/action").resolve(shortName + ".py"))) {
            return Lookup.actionPlugin(written, name);
        }
        Path file = dir.get().resolve("plugins/modules").resolve(shortName + ".py");
        if (Files.isRegularFile(file.resolveSibling(shortName + ".ps1"))) {
            return Lookup.powerShell(written, name);
        }
        if (Files.isRegularFile(file)) {
            return new Lookup(module(shortName, file, new CollectionModule(parts[0], parts[1], shortName,
                    List.copyOf(roots))), null);
        }
        return redirect(route(name, roots), written, redirects, roots);
    }

    /**
     * The full name Ansible's {@code plugin_routing} sends {@code name} ({@code ns.coll.NAME},
     * {@code ansible.builtin.NAME}) to, redirect after redirect, when it has no module, action plugin or PowerShell
     * module of its own where it is written ({@code community.kubernetes.k8s} → {@code kubernetes.core.k8s} where a
     * collection of that name redirects it); empty when it is not redirected. The last name need not be installed.
     */
    Optional<String> routedName(String name, List<Path> roots) {
        String at = name;
        for (int i = 0; i <= MAX_REDIRECTS; i++) {
            Optional<String> next = route(at, roots);
            if (next.isEmpty()) {
                return at.equals(name) ? Optional.empty() : Optional.of(at);
            }
            at = next.get();
        }
        return Optional.empty();
    }

    /** Where the runtime file of {@code name}'s collection redirects it, when nothing of that name is there itself. */
    private Optional<String> route(String name, List<Path> roots) {
        String[] parts = name.split("\\.");
        ControllerAnsible c = utils.controller();
        if (parts.length != 3 || !java.util.Arrays.stream(parts).allMatch(p -> PART.matcher(p).matches()) || c.ansible() == null) {
            return Optional.empty();
        }
        String shortName = parts[2];
        Path runtimeFile;
        if (parts[0].equals("ansible") && (parts[1].equals("builtin") || parts[1].equals("legacy"))) {
            if (shortName.equals("service") || c.builtinAction(shortName).isPresent() || c.builtinModule(shortName).isPresent()) {
                return Optional.empty();
            }
            runtimeFile = c.ansible().resolve("config/ansible_builtin_runtime.yml");
        } else {
            Optional<Path> dir = c.collection(parts[0], parts[1], roots);
            if (dir.isEmpty() || Files.isRegularFile(dir.get().resolve("plugins/action").resolve(shortName + ".py"))
                    || Files.isRegularFile(dir.get().resolve("plugins/modules").resolve(shortName + ".py"))) {
                return Optional.empty();
            }
            runtimeFile = dir.get().resolve("meta/runtime.yml");
        }
        return moduleRoutes(runtimeFile).get(shortName) instanceof Map<?, ?> route && route.get("redirect") instanceof String target
                ? Optional.of(target) : Optional.empty();
    }

    /** ansible-core's module {@code name} (service, systemd...) for the service action, if the controller has it. */
    Optional<LibraryModule> builtin(String name) {
        return utils.controller().builtinModule(name).map(file -> module(name, file, CollectionModule.builtin(name)));
    }

    private LibraryModule module(String name, Path file, CollectionModule collection) {
        return modules.computeIfAbsent(file, f -> new LibraryModule(name, f, utils, collection));
    }

    private Lookup redirect(Optional<String> target, String written, int redirects, List<Path> roots) {
        return target.map(t -> resolve(written, t, redirects + 1, roots)).orElse(Lookup.NONE);
    }

    /** {@code plugin_routing.modules} of a runtime file (read once); empty when it has none. */
    private Map<?, ?> moduleRoutes(Path file) {
        return routing.computeIfAbsent(file, f -> readRoutes(f, "modules"));
    }

    /** {@code plugin_routing.KIND} of a runtime file ({@code modules}, {@code module_utils}); empty when it has none. */
    static Map<?, ?> readRoutes(Path file, String kind) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        try (InputStream in = Files.newInputStream(file)) {
            Object doc = new Load(LoadSettings.builder().build()).loadFromInputStream(in);
            if (doc instanceof Map<?, ?> top && top.get("plugin_routing") instanceof Map<?, ?> routing
                    && routing.get(kind) instanceof Map<?, ?> modules) {
                return modules;
            }
            return Map.of();
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
    }
}
