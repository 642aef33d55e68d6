package io.runbook.engine.exec;

import io.runbook.engine.error.UserError;
import io.runbook.engine.playbook.Play;
import io.runbook.engine.playbook.VarsFile;
import io.runbook.engine.vars.VarScope;
import io.runbook.engine.yaml.YList;
import io.runbook.engine.yaml.YMap;
import io.runbook.engine.yaml.YNode;
import io.runbook.engine.yaml.YScalar;
import io.runbook.engine.yaml.YamlLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A play's {@code vars_files}: which files, chosen once per host (their names may use the host's variables), each file
 * read once for the play however many hosts use it.
 */
final class VarsFilesLayer {
    private final RunState run;
    private final Play play;
    private final Map<String, Map<String, Object>> byHost = new ConcurrentHashMap<>();
    private final Map<Path, Map<String, Object>> byFile = new ConcurrentHashMap<>();

    VarsFilesLayer(RunState run, Play play) {
        this.run = run;
        this.play = play;
    }

    /** The host's variables from the play's vars_files; {@code base} (what their names may use) is made only if needed. */
    Map<String, Object> of(HostState host, java.util.function.Supplier<VarScope> base) {
        if (play.varsFiles().isEmpty()) {
            return Map.of();
        }
        return byHost.computeIfAbsent(host.name, h -> {
            VarScope vars = base.get();
            Map<String, Object> out = new LinkedHashMap<>();
            for (VarsFile vf : play.varsFiles()) {
                // as Ansible: each file combined by the run's hash_behaviour
                load(vf, vars).forEach((k, v) -> out.put(k, run.options.hashBehaviour().combine(out.get(k), v)));
            }
            return out;
        });
    }

    private Map<String, Object> load(VarsFile vf, VarScope vars) {
        List<Path> tried = new ArrayList<>();
        for (String candidate : vf.candidates()) {
            Path p = play.baseDir().resolve(run.templar.renderString(candidate, vars, vf.position())).normalize();
            tried.add(p);
            if (Files.isRegularFile(p)) {
                return byFile.computeIfAbsent(p, VarsFilesLayer::readVarsFile);
            }
        }
        throw new UserError(vf.position(), "vars file not found: " + tried);
    }

    /**
     * The variable names of the files the play names literally (the first of a list that exists), as Ansible's
     * play-level variables have them: a name that needs a host's variables is left out. A file that cannot be read
     * counts for nothing here; it fails the play where its hosts read it, with its place.
     */
    java.util.Set<String> literalNames() {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (VarsFile vf : play.varsFiles()) {
            for (String candidate : vf.candidates()) {
                if (io.runbook.engine.vars.Templar.isTemplate(candidate)) {
                    break;
                }
                Path p = play.baseDir().resolve(candidate).normalize();
                if (Files.isRegularFile(p)) {
                    try {
                        names.addAll(byFile.computeIfAbsent(p, VarsFilesLayer::readVarsFile).keySet());
                    } catch (RuntimeException e) {
                        // reported when a host reads it
                    }
                    break;
                }
            }
        }
        return names;
    }

    /**
     * A file of {@code vars_files}: a mapping, nothing, or (as Ansible's preprocess_vars takes it) a list of mappings,
     * merged in order.
     */
    static Map<String, Object> readVarsFile(Path p) {
        Optional<YNode> doc = YamlLoader.load(p);
        if (doc.isPresent() && doc.get() instanceof YList list) {
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            for (YNode item : list.items()) {
                if (!(item instanceof YMap)) {
                    throw new UserError(item.position(), "a vars file must be a mapping of variables or a list of them, got a list"
                            + " holding " + item.describe(), "write one 'name: value' per line");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) item.toPlain();
                out.putAll(m);
            }
            return out;
        }
        return read(p);
    }

    /** A YAML file of variables (include_vars): a mapping, or nothing. */
    static Map<String, Object> read(Path p) {
        Optional<YNode> doc = YamlLoader.load(p);
        if (doc.isEmpty() || doc.get() instanceof YScalar s && s.isNull()) {
            return Map.of();
        }
        if (!(doc.get() instanceof YMap)) {
            throw new UserError(doc.get().position(), "a vars file must be a mapping of variables, got " + doc.get().describe(),
                    "write one 'name: value' per line");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) doc.get().toPlain();
        return m;
    }
}
