package io.runbook.cli;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import io.runbook.engine.inventory.Host;
import io.runbook.engine.inventory.Inventory;
import io.runbook.engine.vars.Templar;
import io.runbook.lab.Lab;
import io.runbook.lab.LabOptions;
import io.runbook.lab.tetrate.EstateChoices;
import io.runbook.lab.tetrate.Scenario;
import io.runbook.lab.tetrate.TetrateEstate;
import io.runbook.lab.tetrate.Timing;
import io.runbook.lab.tetrate.Variants;
import io.runbook.modules.k8s.ClusterDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The embedded lab for one run. Hosts with {@code kubeconfig: lab} are lab clusters named by their
 * {@code kube_context}. When the inventory names a {@code lab_scenario}, the run gets the whole Tetrate
 * rehearsal estate (clusters, lab DNS, scenario), started before the first task and kept in the project's
 * {@code lab_state_dir} between runs; otherwise plain lab clusters start when a task first needs one.
 */
final class EmbeddedLab implements ClusterDirectory, AutoCloseable {
    static final String MARKER = "lab";
    private final List<String> clusters;
    private final TetrateEstate.Settings estateSettings;
    private final List<Path> seedDirs;
    private final java.util.Set<String> givenVars;
    private Lab lab;
    private TetrateEstate estate;

    private EmbeddedLab(List<String> clusters, TetrateEstate.Settings estateSettings, List<Path> seedDirs,
                        java.util.Set<String> givenVars) {
        this.clusters = List.copyOf(clusters);
        this.estateSettings = estateSettings;
        this.seedDirs = List.copyOf(seedDirs);
        this.givenVars = java.util.Set.copyOf(givenVars);
    }

    /** The lab the inventory's hosts ask for, or empty when no host uses it. */
    static Optional<EmbeddedLab> forInventory(Inventory inventory, List<String> sources, Map<String, Object> extraVars,
                                              Path stateDir) {
        List<String> names = new ArrayList<>();
        String management = null;
        Map<String, Object> labVars = null;
        for (Host h : inventory.hosts()) {
            Map<String, Object> vars = new HashMap<>(inventory.hostVars(h.name()));
            vars.putAll(extraVars);
            vars.put("inventory_hostname", h.name());
            if (!MARKER.equals(vars.get("kubeconfig"))) {
                continue;
            }
            String name = text(vars, "kube_context", h.name());
            if (!names.contains(name)) {
                names.add(name);
            }
            if (management == null && inventory.hostsOf("management").contains(h.name())) {
                management = name;
            }
            labVars = labVars == null ? vars : labVars;
        }
        if (names.isEmpty()) {
            return Optional.empty();
        }
        TetrateEstate.Settings settings = labVars.containsKey("lab_scenario")
                ? settings(names, management == null ? names.get(0) : management, labVars, stateDir) : null;
        List<Path> seeds = sources.stream().map(Path::of).filter(java.nio.file.Files::isDirectory)
                .map(d -> d.resolve("lab-seed")).filter(java.nio.file.Files::isDirectory).toList();
        return Optional.of(new EmbeddedLab(names, settings, seeds, extraVars.keySet()));
    }

    private static TetrateEstate.Settings settings(List<String> clusters, String management, Map<String, Object> vars,
                                                   Path stateDir) {
        try {
            return new TetrateEstate.Settings(clusters, management, text(vars, "mesh", "tsb"),
                    text(vars, "mp_fqdn", "tsb.dr.example.test"), text(vars, "mp_zone", "dr.example.test"),
                    text(vars, "organization", "tetrate"), Integer.parseInt(text(vars, "dns_port", "0")),
                    Scenario.fromId(text(vars, "lab_scenario", "management-cluster-lost")),
                    Variants.of(text(vars, "lab_signing_key_backup", "present"), text(vars, "lab_root_ca", "same"),
                            text(vars, "lab_postgres", "ok"), text(vars, "lab_elastic", "ok")),
                    stateDir, "fast".equals(text(vars, "lab_speed", "standard")) ? Timing.fast() : Timing.standard());
        } catch (IllegalArgumentException e) {
            throw new UserError(SourcePosition.of("inventory"), "lab settings: " + e.getMessage());
        }
    }

    private static String text(Map<String, Object> vars, String key, String fallback) {
        Object v = vars.get(key);
        if (v == null) {
            return fallback;
        }
        return String.valueOf(new Templar().render(v, vars, SourcePosition.of("variable '" + key + "'")));
    }

    /** Whether this run rehearses a Tetrate scenario (then {@link #start} must run before the first task). */
    boolean isEstate() {
        return estateSettings != null;
    }

    /** Starts the Tetrate estate now (fresh or resumed); a plain lab waits for its first use. */
    synchronized void start() throws IOException {
        if (estateSettings != null && estate == null) {
            // a setting given with -e is chosen: only a chosen difference starts a kept estate over
            estate = TetrateEstate.open(estateSettings, EstateChoices.ofVariables(givenVars));
            seed(estate.lab());
        }
    }

    boolean resumed() {
        return estate != null && estate.resumed();
    }

    /** What starting the estate decided beyond a plain resume or fresh start (kept estate, start over, stale lock). */
    List<String> notices() {
        return estate == null ? List.of() : estate.notices();
    }

    /** The port the started estate's DNS pair listens on (127.0.0.1 and 127.0.0.2). */
    int dnsPort() {
        return estate.dns().port();
    }

    @Override
    public synchronized Optional<String> kubeconfigYaml(String marker) {
        if (!MARKER.equals(marker)) {
            return Optional.empty();
        }
        if (estate != null) {
            return Optional.of(estate.lab().kubeconfigYaml());
        }
        if (lab == null) {
            lab = Lab.start(LabOptions.builder().clusters(clusters).podReadyDelay(Duration.ofMillis(300)).build());
            seed(lab);
        }
        return Optional.of(lab.kubeconfigYaml());
    }

    /**
     * Applies the manifests in {@code lab-seed/CLUSTER.yaml} or {@code lab-seed/CLUSTER/*.yaml} next to the
     * inventory (server-side apply, so every start may apply them again).
     */
    private void seed(Lab started) {
        for (Path dir : seedDirs) {
            for (String cluster : clusters) {
                List<Path> files = new ArrayList<>();
                Path single = dir.resolve(cluster + ".yaml");
                if (java.nio.file.Files.isRegularFile(single)) {
                    files.add(single);
                }
                Path folder = dir.resolve(cluster);
                if (java.nio.file.Files.isDirectory(folder)) {
                    try (var listing = java.nio.file.Files.list(folder)) {
                        listing.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().forEach(files::add);
                    } catch (IOException e) {
                        throw new UserError(null, "cannot read the lab seed folder " + folder + ": " + e.getMessage());
                    }
                }
                for (Path f : files) {
                    try {
                        started.cluster(cluster).seed(f);
                    } catch (IOException | IllegalArgumentException e) {
                        throw new UserError(SourcePosition.of(f.toString()), "cannot seed lab cluster " + cluster + ": " + e.getMessage());
                    }
                }
            }
        }
    }

    /**
     * Starts the lab estate before the first task and gives the playbooks its DNS port (as {@code dns_port}, unless
     * set); false when it cannot start, said on {@code err}. {@code warn} hears the lab's notices.
     */
    boolean startEstate(io.runbook.engine.exec.RunOptions.Builder options, java.io.PrintWriter out, java.io.PrintWriter err,
                        java.util.function.Consumer<String> warn) {
        try {
            start();
        } catch (IOException | IllegalStateException | java.io.UncheckedIOException e) {
            err.println("ERROR: the embedded lab could not start: " + e.getMessage());
            return false;
        }
        Map<String, Object> extra = new java.util.LinkedHashMap<>(options.build().extraVars());
        // the playbooks reach the lab DNS through dns_port: the port the lab picked unless one was set
        extra.putIfAbsent("dns_port", dnsPort());
        options.extraVars(extra);
        out.println("lab: " + (resumed() ? "resuming the estate kept in " : "fresh scenario, state in ")
                + extra.get("lab_state_dir") + " (DNS on port " + dnsPort() + ")");
        notices().forEach(n -> warn.accept("lab: " + n));
        return true;
    }

    @Override
    public synchronized void close() {
        if (estate != null) {
            estate.close();
            estate = null;
        }
        if (lab != null) {
            lab.close();
            lab = null;
        }
    }
}
