package io.runbook.modules.library;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The controller's Ansible as its {@code python3} has it (the one probe of a run, made when a Python module first needs
 * it): the ansible (or ansible-core) package, whose {@code module_utils/} the modules import and whose {@code modules/}
 * and {@code plugins/action/} hold its own modules and action plugins, and the entries of the Python's {@code sys.path}
 * that hold an {@code ansible_collections} package (Debian's ansible has its collections there), searched for a
 * collection after the run's collection folders ({@link #collection}).
 *
 * @param ansible     the {@code ansible} package's folder; null when {@code problem} says why there is none
 * @param version     the package's version, given to modules as {@code _ansible_version}
 * @param pythonRoots the folders of the Python's path holding {@code ansible_collections/}, in order
 */
record ControllerAnsible(Path ansible, String version, List<Path> pythonRoots, String problem) {
    private static final String PROBE = "import os, sys, ansible, ansible.module_utils, ansible.release as r;"
            + "print(os.path.dirname(ansible.__file__)); print(r.__version__);"
            + "[print(p) for p in sys.path if p and os.path.isdir(os.path.join(p, 'ansible_collections'))]";

    /** The controller's Ansible, found by running its {@code python3} (/usr/bin/python3 first, as Debian's ansible). */
    static ControllerAnsible probe() {
        String python = io.runbook.engine.pyplugin.PluginProcess.controllerPython();
        List<String> lines;
        try {
            Process p = new ProcessBuilder(python, "-c", PROBE).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return missing(python + " cannot import ansible.module_utils (" + lastLine(out) + ")");
            }
            lines = out.lines().toList();
        } catch (IOException e) {
            return missing(python + " cannot be run (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return missing("the search for the controller's ansible package was interrupted");
        }
        if (lines.size() < 2 || !Files.isDirectory(Path.of(lines.get(0), "module_utils"))) {
            return missing(python + " names no readable ansible package (" + lastLine(String.join("\n", lines)) + ")");
        }
        List<Path> roots = new ArrayList<>();
        lines.subList(2, lines.size()).stream().map(Path::of).filter(p -> !roots.contains(p)).forEach(roots::add);
        return new ControllerAnsible(Path.of(lines.get(0)), lines.get(1), List.copyOf(roots), null);
    }

    /** ansible-core's own module {@code name} ({@code ansible/modules/NAME.py}), when it has that file. */
    Optional<Path> builtinModule(String name) {
        return existing(ansible == null ? null : ansible.resolve("modules").resolve(name + ".py"));
    }

    /** The names of ansible-core's own modules and action plugins (none without ansible-core). */
    java.util.Set<String> builtinNames() {
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (String folder : List.of("modules", "plugins/action")) {
            if (ansible == null || !java.nio.file.Files.isDirectory(ansible.resolve(folder))) {
                continue;
            }
            try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(ansible.resolve(folder))) {
                files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".py") && !f.startsWith("_"))
                        .forEach(f -> names.add(f.substring(0, f.length() - 3)));
            } catch (java.io.IOException e) {
                // a folder that cannot be listed suggests nothing
            }
        }
        return names;
    }

    /** ansible-core's action plugin {@code name}, when it has one. */
    Optional<Path> builtinAction(String name) {
        return existing(ansible == null ? null : ansible.resolve("plugins/action").resolve(name + ".py"));
    }

    /**
     * The folder of collection {@code ns.coll}: in the first folder that has it, as Ansible's collection finder searches
     * them: the run's {@code roots} (the playbooks' {@code collections/}, then COLLECTIONS_PATHS: see the engine's
     * ModuleRegistry.collectionRoots), then the Python's path.
     */
    Optional<Path> collection(String namespace, String name, List<Path> roots) {
        List<Path> all = new ArrayList<>(roots);
        all.addAll(pythonRoots);
        for (Path root : all) {
            Path dir = root.resolve("ansible_collections").resolve(namespace).resolve(name);
            if (Files.isDirectory(dir)) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> existing(Path file) {
        return file != null && Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    private static ControllerAnsible missing(String problem) {
        return new ControllerAnsible(null, null, List.of(), problem);
    }

    private static String lastLine(String out) {
        List<String> lines = out.strip().lines().toList();
        return lines.isEmpty() ? "no output" : lines.get(lines.size() - 1);
    }
}
