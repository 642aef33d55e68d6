package io.runbook.engine.pyplugin;

import com.fasterxml.jackson.databind.JsonNode;
import io.runbook.engine.vars.TemplatePlugins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The Python filter, test and lookup plugins of one run, found where Ansible's plugin loader finds them: the
 * {@code filter_plugins/}, {@code test_plugins/} and {@code lookup_plugins/} folders beside each playbook and in each
 * role read (in the order they were read), then the configured folders ({@code ANSIBLE_FILTER_PLUGINS},
 * {@code filter_plugins =} of ansible.cfg; likewise for tests and lookups); {@code ns.coll.name} in the collection's
 * {@code plugins/filter/} (plugins/test/, plugins/lookup/). A lookup runs in the controller's ansible-core, as
 * Ansible's Templar runs it. A name found
 * first is kept. They run in the run's {@link PluginHost}, asked only when a template uses a name that one of those
 * folders may hold, so a run without plugin files never starts it. Thread-safe.
 */
public final class PythonPlugins implements TemplatePlugins {
    private final Map<Kind, List<Path>> folders = new EnumMap<>(Kind.class);
    private final Map<Kind, List<Path>> configured = new EnumMap<>(Kind.class);
    private final Map<Kind, Set<Path>> loaded = new EnumMap<>(Kind.class);
    private final Map<Kind, Set<String>> names = new EnumMap<>(Kind.class);
    private final Map<Kind, StringBuilder> unreadable = new EnumMap<>(Kind.class);
    private final List<Path> collectionRoots = new ArrayList<>();
    /** The collections asked for, per kind ({@code ns.coll}): each is loaded once. */
    private final Set<String> collections = ConcurrentHashMap.newKeySet();
    /** The warnings of a collection's files that failed to load, per kind and collection ({@code FILTER:ns.coll}). */
    private final Map<String, List<String>> collectionWarnings = new ConcurrentHashMap<>();
    private volatile boolean pending;
    private final PluginHost host;
    private final ReadTimePlugins readTime;

    /** The plugins of a run whose plugin host is {@code host}. */
    public PythonPlugins(PluginHost host) {
        this.host = host;
        this.readTime = new ReadTimePlugins(this, host);
        for (Kind kind : Kind.values()) {
            folders.put(kind, new ArrayList<>());
            configured.put(kind, new ArrayList<>());
            loaded.put(kind, ConcurrentHashMap.newKeySet());
            names.put(kind, ConcurrentHashMap.newKeySet());
            unreadable.put(kind, new StringBuilder());
        }
    }

    /** What a playbook may use as it is read: these, and those of the roles it includes at run time. */
    public ReadTimePlugins readTime() {
        return readTime;
    }

    /**
     * A playbook's or a role's folder: its {@code filter_plugins/}, {@code test_plugins/} and {@code lookup_plugins/},
     * when they hold a .py file.
     */
    public synchronized void addFolder(Path folder) {
        add(folders.get(Kind.FILTER), folder.resolve("filter_plugins"));
        add(folders.get(Kind.TEST), folder.resolve("test_plugins"));
        add(folders.get(Kind.LOOKUP), folder.resolve("lookup_plugins"));
    }

    /**
     * The configured folders of plugins of {@code kind}, searched after every playbook's and role's: as Ansible's
     * plugin loader, each folder's subfolders one and two levels down first (in name order), then the folder itself.
     */
    public synchronized void addConfigured(Kind kind, List<Path> paths) {
        for (Path path : paths) {
            subfolders(path, 1).forEach(p -> add(configured.get(kind), p));
            subfolders(path, 2).forEach(p -> add(configured.get(kind), p));
            add(configured.get(kind), path);
        }
    }

    /** The folders {@code depth} levels below {@code folder}, sorted. */
    private static List<Path> subfolders(Path folder, int depth) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> found = Files.find(folder, depth, (p, a) -> a.isDirectory())) {
            return found.filter(p -> p.getNameCount() - folder.getNameCount() == depth).sorted().toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of();
        }
    }

    /** Folders whose {@code ansible_collections/} a collection's plugins are looked for in (before Python's path). */
    public synchronized void addCollectionRoots(List<Path> roots) {
        roots.stream().map(p -> p.toAbsolutePath().normalize()).filter(p -> !collectionRoots.contains(p))
                .forEach(collectionRoots::add);
    }

    private void add(List<Path> to, Path folder) {
        Path f = folder.toAbsolutePath().normalize();
        if (!to.contains(f) && hasPythonFiles(f)) {
            to.add(f);
            pending = true;
        }
    }

    static boolean hasPythonFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".py"));
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public boolean has(Kind kind, String name) {
        if (names.get(kind).contains(name)) {
            return true;
        }
        String collection = collection(name);
        if (!pending && (collection == null || collections.contains(kind + ":" + collection))) {
            return false;  // every folder loaded, and the collection asked already: the answer is known
        }
        return load(kind, name, collection);
    }

    /** {@code ns.coll} of a name {@code ns.coll.name}, or null. */
    private static String collection(String name) {
        int last = name.lastIndexOf('.');
        int first = name.indexOf('.');
        return first > 0 && last > first && name.indexOf('.', first + 1) == last ? name.substring(0, last) : null;
    }

    /** Loads what may define {@code name}; one thread at a time, so none answers while another is still loading. */
    private synchronized boolean load(Kind kind, String name, String collection) {
        if (pending) {
            loadFolders();
        }
        if (collection != null && collections.add(kind + ":" + collection)) {
            loadCollection(kind, collection);
        }
        return names.get(kind).contains(name);
    }

    @Override
    public List<String> warnings(Kind kind, String name) {
        String collection = collection(name);
        return collection == null ? List.of() : collectionWarnings.getOrDefault(kind + ":" + collection, List.of());
    }

    @Override
    public Collection<String> names(Kind kind) {
        return List.copyOf(names.get(kind));
    }

    @Override
    public synchronized String unreadable(Kind kind) {
        return unreadable.get(kind).toString();
    }

    @Override
    public String call(Kind kind, String name, String arguments) {
        JsonNode call = json(name, arguments);
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("op", "call");
        request.put("kind", word(kind));
        request.put("name", name);
        request.put("value", call.get(0));
        request.put("args", call.get(1));
        request.put("kwargs", call.get(2));
        return host.ask(request).get("result").toString();
    }

    @Override
    public String lookup(String name, String call) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("op", "lookup");
        request.put("name", name);
        request.put("call", json(name, call));
        request.put("roots", collectionRoots());
        return host.ask(request).toString();
    }

    /** The arguments of a call of the plugin {@code name}, read. */
    private static JsonNode json(String name, String arguments) {
        try {
            return PluginProcess.JSON.readTree(arguments);
        } catch (IOException e) {
            throw new Failure("the arguments of " + name + " are no JSON: " + e.getMessage());
        }
    }

    private synchronized List<String> collectionRoots() {
        return collectionRoots.stream().map(Path::toString).toList();
    }

    /** Every folder not loaded yet: those beside playbooks and in roles first, then the configured ones. */
    private void loadFolders() {
        for (Kind kind : Kind.values()) {
            List<Path> all = new ArrayList<>(folders.get(kind));
            all.addAll(configured.get(kind));
            for (Path folder : all) {
                if (loaded.get(kind).add(folder)) {
                    Map<String, Object> request = new LinkedHashMap<>();
                    request.put("op", "load");
                    request.put("kind", word(kind));
                    request.put("dir", folder.toString());
                    found(kind, host.ask(request));
                }
            }
        }
        pending = false;
    }

    private void loadCollection(Kind kind, String collection) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("op", "collection");
        request.put("kind", word(kind));
        request.put("name", collection);
        request.put("roots", collectionRoots());
        JsonNode answer = host.ask(request);
        found(kind, answer);
        List<String> warnings = new ArrayList<>();
        answer.path("warnings").forEach(w -> warnings.add(w.asText()));
        collectionWarnings.put(kind + ":" + collection, List.copyOf(warnings));
    }

    private void found(Kind kind, JsonNode answer) {
        answer.path("names").forEach(n -> names.get(kind).add(n.asText()));
        answer.path("problems").forEach(p -> unreadable.get(kind).append(unreadable.get(kind).isEmpty() ? "" : "; ")
                .append(p.asText()).append(p.asText().contains("No module named 'ansible") ? " (the controller's "
                        + PluginProcess.controllerPython() + " has no ansible-core, whose modules the plugin imports)" : ""));
    }

    private static String word(Kind kind) {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
