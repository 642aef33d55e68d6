package io.runbook.engine.pyplugin;

import com.fasterxml.jackson.databind.JsonNode;
import io.runbook.engine.vars.TemplatePlugins;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The filters, tests and lookups a playbook may use, as its plays are read: the run's ({@link PythonPlugins}), and
 * those the roles an {@code include_role} loads at run time may add. Ansible adds a role's plugin folders when it loads
 * the role, so a task after a run-time include_role may use them; such a role's names are known here (listed, not
 * loaded: they are the run's only once the role is loaded). When a role included at run time is not known when the
 * playbook is read (its name is templated) any plain name may be one of its, and none is refused. Thread-safe.
 */
public final class ReadTimePlugins implements TemplatePlugins {
    private static final Map<Kind, String> FOLDERS = Map.of(Kind.FILTER, "filter_plugins", Kind.TEST, "test_plugins",
            Kind.LOOKUP, "lookup_plugins");
    private final PythonPlugins run;
    private final PluginHost host;
    /** The roles' plugin folders not listed yet, and the names listed. */
    private final Map<Kind, Set<Path>> waiting = new LinkedHashMap<>();
    private final Map<Kind, Set<Path>> listed = new LinkedHashMap<>();
    private final Map<Kind, Set<String>> names = new LinkedHashMap<>();
    private volatile boolean openEnded;

    ReadTimePlugins(PythonPlugins run, PluginHost host) {
        this.run = run;
        this.host = host;
        for (Kind kind : Kind.values()) {
            waiting.put(kind, new LinkedHashSet<>());
            listed.put(kind, new LinkedHashSet<>());
            names.put(kind, new LinkedHashSet<>());
        }
    }

    /** A role an include_role loads at run time: the names of its plugin folders may be used after it. */
    public synchronized void addRole(Path role) {
        for (Kind kind : Kind.values()) {
            Path folder = role.resolve(FOLDERS.get(kind)).toAbsolutePath().normalize();
            if (!listed.get(kind).contains(folder) && PythonPlugins.hasPythonFiles(folder)) {
                waiting.get(kind).add(folder);
            }
        }
    }

    /** An include_role whose role is not known before it runs: any plain name may be one of its plugins. */
    public void openEnded() {
        openEnded = true;
    }

    @Override
    public boolean has(Kind kind, String name) {
        return run.has(kind, name) || openEnded && name.indexOf('.') < 0 || listedNames(kind).contains(name);
    }

    /** The names of the roles' folders of {@code kind}, those not listed yet listed first (by the plugin host). */
    private synchronized Set<String> listedNames(Kind kind) {
        for (Path folder : List.copyOf(waiting.get(kind))) {
            waiting.get(kind).remove(folder);
            listed.get(kind).add(folder);
            if (kind == Kind.LOOKUP) {
                lookups(folder, names.get(kind));  // a lookup is named by its file
                continue;
            }
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("op", "list");
            request.put("kind", kind.name().toLowerCase(java.util.Locale.ROOT));
            request.put("dir", folder.toString());
            JsonNode answer = host.ask(request);
            answer.path("names").forEach(n -> names.get(kind).add(n.asText()));
            if (!answer.path("problems").isEmpty()) {
                openEnded = true;  // a file that does not load now may when the role is loaded: its names are unknown
            }
        }
        return names.get(kind);
    }

    private static void lookups(Path folder, Set<String> to) {
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(folder)) {
            files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".py") && !f.startsWith("_"))
                    .forEach(f -> to.add(f.substring(0, f.length() - 3)));
        } catch (java.io.IOException e) {
            // gone since: the role's include finds out when it runs
        }
    }

    @Override
    public Collection<String> names(Kind kind) {
        Set<String> all = new TreeSet<>(run.names(kind));
        all.addAll(listedNames(kind));
        return new ArrayList<>(all);
    }

    @Override
    public String unreadable(Kind kind) {
        return run.unreadable(kind);
    }

    @Override
    public List<String> warnings(Kind kind, String name) {
        return run.warnings(kind, name);
    }

    @Override
    public String call(Kind kind, String name, String arguments) {
        return run.call(kind, name, arguments);
    }

    @Override
    public String lookup(String name, String call) {
        return run.lookup(name, call);
    }
}
