package io.runbook.modules.library;

import io.runbook.engine.module.ModuleException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The Python a new-style module imports, as Ansible's AnsiballZ zips it, put on the module's {@code PYTHONPATH} on the
 * host: the controller's {@code ansible.module_utils} ({@link ControllerAnsible}, probed when first needed, once per
 * run), and the {@code plugins/module_utils} of each collection the module (or what it imports of those) imports
 * {@code ansible_collections.NS.COLL.plugins.module_utils} from, with the {@code __init__.py} files AnsiballZ adds; the
 * module goes in too, as the package module AnsiballZ runs ({@link #fqn}) so that its relative imports work. The
 * {@code ansible.module_utils} folders of the run (the playbooks' and roles' {@code module_utils/}, the configured ones)
 * come before the controller's, name by name ({@link LegacyUtils}), and a required import none has fails the task as
 * AnsiballZ fails it. Zips are made once per run, module and search path. Thread-safe.
 */
final class ModuleUtils {
    private static final Pattern COLLECTION_UTILS = Pattern.compile(
            "ansible_collections\\.([a-z0-9_]+)\\.([a-z0-9_]+)\\.plugins\\.module_utils");
    private final java.util.function.Supplier<ControllerAnsible> controller;
    private final Map<String, Packed> zips = new ConcurrentHashMap<>();
    private volatile ControllerAnsible probed;
    private Map<?, ?> routes;
    private volatile java.util.function.Supplier<List<Path>> moduleUtilsPath = List::of;
    private volatile java.util.function.Supplier<List<Path>> collectionRoots = List::of;

    ModuleUtils(java.util.function.Supplier<ControllerAnsible> controller) {
        this.controller = controller;
    }

    /** ansible-core's redirects of module_utils ({@link LegacyUtils#routes}), read once. */
    private synchronized Map<?, ?> routes() {
        if (routes == null) {
            routes = LegacyUtils.routes(controller().ansible());
        }
        return routes;
    }

    /** The controller's Ansible, probed on the first call. */
    ControllerAnsible controller() {
        ControllerAnsible c = probed;
        if (c == null) {
            synchronized (this) {
                if (probed == null) {
                    probed = controller.get();
                }
                c = probed;
            }
        }
        return c;
    }

    /** The controller's Ansible if it was probed already (no probe), else null. */
    ControllerAnsible probedOrNull() {
        return probed;
    }

    String version() {
        return controller().version();
    }

    /**
     * The full name AnsiballZ runs a module by: a collection's {@link CollectionModule#packageName}, any other's
     * {@code ansible.modules.NAME} (ansible-core's own and, as Ansible names them, a library/ folder's).
     */
    static String fqn(String module, CollectionModule collectionModule) {
        return collectionModule == null || collectionModule.isBuiltin() ? "ansible.modules." + module
                : collectionModule.packageName();
    }

    /** Where modules find module_utils before ansible-core's, and the run's collection folders ({@link LibraryModules#packWith}). */
    void packWith(java.util.function.Supplier<List<Path>> moduleUtils, java.util.function.Supplier<List<Path>> collectionRoots) {
        this.moduleUtilsPath = moduleUtils;
        this.collectionRoots = collectionRoots;
    }

    /**
     * The zip for {@code source}, run as {@code module} ({@link #fqn}); {@code collectionModule} is the controller's module
     * it is, null for a library/ one. Fails the task naming what the controller lacks, or with Ansible's message for a
     * required import of {@code ansible.module_utils} that is nowhere.
     */
    byte[] zipOrFail(String module, ModuleSource source, CollectionModule collectionModule) throws ModuleException {
        ControllerAnsible c = controller();
        if (c.ansible() == null) {
            throw new ModuleException("the module '" + module + "' is a Python module of Ansible's (it imports "
                    + "ansible.module_utils), which it runs with on the host: the controller has no ansible package to "
                    + "take ansible.module_utils from: " + c.problem() + "; install ansible-core on the controller "
                    + "(apt install ansible-core, or pip install ansible-core)");
        }
        CollectionModule inZip = collectionModule == null || collectionModule.isBuiltin() ? null : collectionModule;
        List<Path> utilsPath = moduleUtilsPath.get();
        List<Path> roots = inZip != null ? inZip.roots() : collectionRoots.get();
        String key = (inZip != null ? inZip.packageName() + inZip.roots() : source.file().toAbsolutePath().toString())
                + utilsPath + roots;
        Packed packed;
        try {
            packed = zips.computeIfAbsent(key, k -> zip(c, source, inZip, fqn(module, collectionModule), utilsPath, roots,
                    this::routes));
        } catch (UncheckedIOException e) {
            throw new ModuleException("cannot zip the module_utils of '" + module + "': " + e.getCause().getMessage(), e);
        }
        if (packed.missing() != null) {
            throw new ModuleException(packed.missing());
        }
        return packed.zip();
    }

    /** A module's zip, or Ansible's message for what it imports and is nowhere. */
    private record Packed(byte[] zip, String missing) {
    }

    private static Packed zip(ControllerAnsible c, ModuleSource source, CollectionModule collectionModule, String fqn,
                              List<Path> utilsPath, List<Path> roots, java.util.function.Supplier<Map<?, ?>> routes) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try {
            LegacyUtils legacy = new LegacyUtils(utilsPath, c.ansible(), routes);
            String text = new String(source.data(), StandardCharsets.ISO_8859_1);
            String missing = legacy.missing(text, fqn);
            if (missing != null) {
                return new Packed(null, missing);
            }
            entries.put("ansible/__init__.py", new byte[0]);
            legacy.addTo(entries);
            Deque<String> wanted = new ArrayDeque<>(imported(text));
            for (byte[] t : legacy.ownersTexts()) {
                wanted.addAll(imported(new String(t, StandardCharsets.ISO_8859_1)));
            }
            if (collectionModule != null) {
                wanted.addFirst(collectionModule.namespace() + "." + collectionModule.collection());
            }
            String modules = fqn.substring(0, fqn.lastIndexOf('.') + 1).replace('.', '/');
            entries.put(modules + "__init__.py", new byte[0]);
            entries.put(fqn.replace('.', '/') + ".py", source.data());
            Set<String> done = new LinkedHashSet<>();
            while (!wanted.isEmpty()) {
                String fqcn = wanted.poll();
                if (done.add(fqcn)) {
                    String[] parts = fqcn.split("\\.");
                    Path dir = c.collection(parts[0], parts[1], roots).orElse(null);
                    if (dir != null) {
                        wanted.addAll(collectionUtils(dir, parts[0], parts[1], entries));
                    }
                }
            }
            return new Packed(write(entries), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A collection's package shims and its {@code plugins/module_utils}; the collections its files import. */
    private static Set<String> collectionUtils(Path dir, String namespace, String name, Map<String, byte[]> entries)
            throws IOException {
        String pkg = "ansible_collections/" + namespace + "/" + name;
        for (String shim : new String[] {"ansible_collections/", "ansible_collections/" + namespace + "/", pkg + "/",
                pkg + "/plugins/", pkg + "/plugins/module_utils/"}) {
            entries.putIfAbsent(shim + "__init__.py", new byte[0]);
        }
        Path utils = dir.resolve("plugins/module_utils");
        Set<String> imported = new LinkedHashSet<>();
        if (Files.isDirectory(utils)) {
            for (byte[] text : tree(utils, pkg + "/plugins/module_utils/", entries)) {
                imported.addAll(imported(new String(text, StandardCharsets.ISO_8859_1)));
            }
        }
        return imported;
    }

    /** The {@code .py} files under {@code dir}, added as {@code prefix}/their path; their contents. */
    private static List<byte[]> tree(Path dir, String prefix, Map<String, byte[]> entries) throws IOException {
        java.util.List<byte[]> texts = new java.util.ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".py")).sorted().toList()) {
                byte[] data = Files.readAllBytes(f);
                entries.put(prefix + dir.relativize(f).toString().replace('\\', '/'), data);
                texts.add(data);
            }
        }
        return texts;
    }

    /** The collections ({@code ns.coll}) whose module_utils {@code text} imports, in order. */
    private static Set<String> imported(String text) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = COLLECTION_UTILS.matcher(text);
        while (m.find()) {
            out.add(m.group(1) + "." + m.group(2));
        }
        return out;
    }

    private static byte[] write(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
