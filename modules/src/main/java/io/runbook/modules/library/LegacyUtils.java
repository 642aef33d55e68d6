package io.runbook.modules.library;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The {@code ansible.module_utils} a module sees, found as Ansible's module_utils loader finds them: along the folders
 * given (a playbook's and the roles' {@code module_utils/}, the configured ones), then ansible-core's own, the first
 * folder that has a name ({@code a/b/c.py} or the package {@code a/b/c/__init__.py}, the package first within one
 * folder) giving it. So a file of the same name as Ansible's shadows it, as a package shadows a module and a module a
 * package. Each name is one {@link Found}.
 */
final class LegacyUtils {
    /** A name's file and whether it is a package's {@code __init__.py}; {@code own}: from ansible-core's folder. */
    record Found(Path file, boolean isPackage, boolean own) {
    }

    private final Map<String, Found> names = new LinkedHashMap<>();
    private final java.util.function.Supplier<Map<?, ?>> routes;

    /**
     * The names of {@code folders}, then of {@code ansible}'s {@code module_utils}; {@code routes}: the
     * {@code plugin_routing.module_utils} of ansible-core's runtime file ({@link #routes}), asked for a name none has.
     */
    LegacyUtils(List<Path> folders, Path ansible, java.util.function.Supplier<Map<?, ?>> routes) throws IOException {
        List<Path> all = new ArrayList<>(folders);
        all.add(ansible.resolve("module_utils"));
        for (int i = 0; i < all.size(); i++) {
            if (Files.isDirectory(all.get(i))) {
                add(all.get(i), i == all.size() - 1);
            }
        }
        this.routes = routes;
    }

    /** The {@code plugin_routing.module_utils} of {@code ansible}'s runtime file. */
    static Map<?, ?> routes(Path ansible) {
        return ControllerModules.readRoutes(ansible.resolve("config/ansible_builtin_runtime.yml"), "module_utils");
    }

    private void add(Path folder, boolean own) throws IOException {
        Map<String, Found> here = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".py")).sorted().toList()) {
                String rel = folder.relativize(f).toString().replace('\\', '/');
                boolean pkg = rel.endsWith("/__init__.py") || rel.equals("__init__.py");
                String name = (pkg ? rel.substring(0, rel.length() - "__init__.py".length()) : rel.substring(0, rel.length() - 3))
                        .replaceAll("/$", "").replace('/', '.');
                if ((own || !name.isEmpty()) && (pkg || !here.containsKey(name))) {
                    here.put(name, new Found(f, pkg, own));
                }
            }
        }
        here.forEach(names::putIfAbsent);
    }

    /** Each name's entry in the zip ({@code ansible/module_utils/a/b.py}) and its contents, as {@code entries}. */
    void addTo(Map<String, byte[]> entries) throws IOException {
        for (Map.Entry<String, Found> e : names.entrySet()) {
            String path = ("ansible/module_utils/" + e.getKey().replace('.', '/')).replaceAll("/$", "");
            entries.put(e.getValue().isPackage() ? path + "/__init__.py" : path + ".py", Files.readAllBytes(e.getValue().file()));
        }
    }

    /** The texts of the files from the folders given (not ansible-core's own). */
    List<byte[]> ownersTexts() throws IOException {
        List<byte[]> texts = new ArrayList<>();
        for (Found f : names.values()) {
            if (!f.own()) {
                texts.add(Files.readAllBytes(f.file()));
            }
        }
        return texts;
    }

    /**
     * Ansible's error for a required import of {@code module} (source {@code text}, run as {@code fqn}), or of a
     * module_utils file of the given folders it imports, that no folder has (nor ansible-core's runtime file
     * redirects): "Could not find imported module support code for ...", as AnsiballZ's recursive finder; null when
     * every one is found. Ansible-core's own files are not looked into.
     */
    String missing(String text, String fqn) throws IOException {
        Deque<PythonImports.Import> wanted = new ArrayDeque<>(PythonImports.of(text, fqn, false));
        Set<String> seen = new HashSet<>();
        while (!wanted.isEmpty()) {
            PythonImports.Import i = wanted.poll();
            List<String> parts = i.parts().size() > 2 && i.parts().get(2).equals("six") ? i.parts().subList(0, 3) : i.parts();
            if (!seen.add(String.join(".", parts))) {
                continue;
            }
            List<List<String>> candidates = parts.size() > 3 ? List.of(parts, parts.subList(0, parts.size() - 1)) : List.of(parts);
            String found = null;
            for (List<String> c : candidates) {
                String rel = String.join(".", c.subList(2, c.size()));
                if (names.containsKey(rel) || routes.get().containsKey(rel)) {
                    found = rel;
                    break;
                }
            }
            if (found == null) {
                if (i.optional()) {
                    continue;
                }
                return "Could not find imported module support code for " + fqn + ".  Looked for (["
                        + String.join(", ", candidates.stream().map(c -> "'" + String.join(".", c) + "'").toList()) + "])";
            }
            Found f = names.get(found);
            if (f != null && !f.own()) {
                String source = new String(Files.readAllBytes(f.file()), StandardCharsets.ISO_8859_1);
                wanted.addAll(PythonImports.of(source, "ansible.module_utils." + found, f.isPackage()));
            }
        }
        return null;
    }
}
