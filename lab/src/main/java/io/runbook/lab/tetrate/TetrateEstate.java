package io.runbook.lab.tetrate;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.runbook.lab.Lab;
import io.runbook.lab.LabOptions;
import io.runbook.lab.dns.LabDns;
import io.runbook.lab.dns.LabDnsOptions;
import io.runbook.lab.dns.LabDnsSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A whole rehearsal estate that lives on between runs, like a local cluster would: the lab clusters, the lab
 * DNS server and the Tetrate behaviours, with their state in one folder. {@link #open} starts the scenario
 * from its failed state when the folder holds no estate or one of another scenario, and otherwise resumes
 * from the snapshots the last {@link #close} wrote, so a second recovery run sees the recovered estate.
 *
 * <p>Files in the state folder: {@code estate.yml} (what it is), {@code clusters/NAME.yaml} (objects),
 * {@code dns.yml} (the zone), {@code backup/} (what a backup holds), {@code dns-update.key} (TSIG key clause
 * for {@code dns_record}), {@code mp-root-ca.crt} (the management plane's root CA, for {@code uri}).
 */
public final class TetrateEstate implements AutoCloseable {
    private static final String ESTATE = "estate.yml";

    /**
     * What to run: the clusters (the first named management one), the names, the scenario and where to keep it.
     * {@code dnsPort} 0 lets the lab pick the DNS port (the estate's last one when it is free).
     */
    public record Settings(List<String> clusters, String managementCluster, String mesh, String mpFqdn, String mpZone,
                           String organization, int dnsPort, Scenario scenario, Variants variants, Path stateDir,
                           Timing timing) {
        public Settings {
            clusters = List.copyOf(clusters);
        }

        Map<String, Object> identity() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("scenario", scenario.id());
            m.put("signing_key_backup", variants.signingKeyBackupPresent() ? "present" : "lost");
            m.put("root_ca", variants.sameRootCa() ? "same" : "different");
            m.put("clusters", clusters);
            m.put("management_cluster", managementCluster);
            m.put("mesh", mesh);
            m.put("mp_fqdn", mpFqdn);
            m.put("mp_zone", mpZone);
            return m;
        }
    }

    private final Settings settings;
    private final Lab lab;
    private final LabDns dns;
    private final TetrateLab tetrate;
    private final boolean resumed;

    private TetrateEstate(Settings settings, Lab lab, LabDns dns, TetrateLab tetrate, boolean resumed) {
        this.settings = settings;
        this.lab = lab;
        this.dns = dns;
        this.tetrate = tetrate;
        this.resumed = resumed;
    }

    /** Starts the estate: resumed from the state folder when it holds this very estate, else fresh. */
    public static TetrateEstate open(Settings s) throws IOException {
        Files.createDirectories(s.stateDir());
        Map<String, Object> saved = read(s.stateDir().resolve(ESTATE));
        boolean resume = saved != null && s.identity().equals(saved.get("identity"));
        if (!resume) {
            reset(s.stateDir());
        }
        Lab lab = Lab.start(LabOptions.builder().clusters(s.clusters()).podReadyDelay(Duration.ofMillis(300)).build());
        LabDns dns = null;
        try {
            String secret = resume ? String.valueOf(saved.get("dns_key_secret")) : null;
            LabDnsOptions dnsOptions = LabDnsOptions.defaults().withZone(s.mpZone());
            dnsOptions = secret == null ? dnsOptions : dnsOptions.withKey(LabDnsOptions.DEFAULT_KEY_NAME, secret);
            dns = startDns(dnsOptions, s.dnsPort(), resume && saved.get("dns_port") instanceof Number n ? n.intValue() : 0);
            if (resume) {
                for (String cluster : s.clusters()) {
                    Path snapshot = s.stateDir().resolve("clusters").resolve(cluster + ".yaml");
                    if (Files.exists(snapshot)) {
                        lab.cluster(cluster).seed(snapshot);
                    }
                }
                Map<String, Object> zone = read(s.stateDir().resolve("dns.yml"));
                if (zone != null) {
                    dns.restore(LabDnsSnapshot.fromMap(zone));
                }
            }
            TetrateLab tetrate = TetrateLab.start(lab, TetrateLabOptions.builder().mesh(s.mesh()).mpFqdn(s.mpFqdn())
                    .organization(s.organization()).managementCluster(s.managementCluster())
                    .stateDir(s.stateDir()).resolver(new LabDnsResolver(dns)).timing(s.timing()).build());
            if (resume) {
                tetrate.holdControlPlanes(true);
                tetrate.resume(s.scenario());
                settle(s, lab, tetrate);
            } else {
                tetrate.apply(s.scenario(), s.variants(), s.stateDir().resolve("backup"));
            }
            dns.writeKeyFile(s.stateDir().resolve("dns-update.key"));
            return new TetrateEstate(s, lab, dns, tetrate, resume);
        } catch (IOException | RuntimeException e) {
            if (dns != null) {
                dns.close();
            }
            lab.close();
            throw e;
        }
    }

    /**
     * The DNS pair on the port asked for (taken: an error naming it), or with none asked for on the port the
     * estate had last when that is still free, else on any free port: two labs never fight over a port.
     */
    private static LabDns startDns(LabDnsOptions options, int asked, int kept) throws IOException {
        if (asked != 0 || kept == 0) {
            return LabDns.start(options.withPort(asked));
        }
        try {
            return LabDns.start(options.withPort(kept));
        } catch (java.net.BindException taken) {
            return LabDns.start(options.withPort(0));
        }
    }

    /**
     * After a restart the restored management plane takes a moment to serve again; control planes probing it
     * meanwhile would log "no healthy upstream" or "connection refused": an artefact of the restart, not of the
     * estate. So the control planes are held until the management plane serves what the scenario says it serves
     * (the edges' xcp stream when central is meant to run, else the API), briefly, then run two ticks, so what a
     * run sees first is the estate's real state.
     */
    private static void settle(Settings s, Lab lab, TetrateLab tetrate) {
        try {
            waitForManagementPlane(s, lab, tetrate);
        } finally {
            tetrate.holdControlPlanes(false);
        }
        try {
            Thread.sleep(2 * s.timing().controlPlaneTick().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void waitForManagementPlane(Settings s, Lab lab, TetrateLab tetrate) {
        var mp = lab.cluster(s.managementCluster()).client()
                .genericKubernetesResources("install.tetrate.io/v1alpha1", "ManagementPlane").inNamespace(s.mesh())
                .withName("managementplane").get();
        boolean installed = mp != null && mp.getAdditionalProperties().get("status") instanceof Map<?, ?> st
                && "INSTALLED".equals(st.get("phase"));
        if (!installed || s.scenario() == Scenario.MANAGEMENT_PLANE_FAILED) {
            return;
        }
        boolean centralRuns = s.scenario() != Scenario.CENTRAL_CONTROL_PLANE_FAILED;
        int port = centralRuns ? ManagementPlaneEndpoint.XCP_PORT : ManagementPlaneEndpoint.API_PORT;
        String path = centralRuns ? "/lab/v1/xcp" : "/v2/organizations/" + s.organization() + "/status";
        try {
            var https = new PinnedHttpsClient(MpCertificates.trusting(Files.readString(tetrate.rootCaFile())),
                    Duration.ofSeconds(1));
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (System.nanoTime() < deadline) {
                try {
                    if (https.get(s.mpFqdn(), tetrate.envoyAddress(), port, path).status() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // still starting
                }
                Thread.sleep(100);
            }
        } catch (IOException | RuntimeException e) {
            // no settling possible: the run will see (and report) whatever the estate shows
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Forgets the estate kept in {@code stateDir}: the next {@link #open} starts from the scenario's failed state. */
    public static void reset(Path stateDir) throws IOException {
        if (!Files.isDirectory(stateDir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(stateDir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(stateDir)) {
                    Files.delete(p);
                }
            }
        }
    }

    public Lab lab() {
        return lab;
    }

    public LabDns dns() {
        return dns;
    }

    public TetrateLab tetrate() {
        return tetrate;
    }

    /** Whether this run continues the estate an earlier run left (rather than a fresh scenario). */
    public boolean resumed() {
        return resumed;
    }

    public Settings settings() {
        return settings;
    }

    /** Writes the snapshots for the next run, then stops everything. */
    @Override
    public void close() {
        try {
            Path clusters = Files.createDirectories(settings.stateDir().resolve("clusters"));
            for (String cluster : settings.clusters()) {
                Files.writeString(clusters.resolve(cluster + ".yaml"), lab.cluster(cluster).snapshotYaml());
            }
            Files.writeString(settings.stateDir().resolve("dns.yml"), Serialization.asYaml(dns.snapshot().asMap()));
            Map<String, Object> estate = new LinkedHashMap<>();
            estate.put("identity", settings.identity());
            estate.put("dns_key_secret", dns.keySecret());
            estate.put("dns_port", dns.port());
            Path file = settings.stateDir().resolve(ESTATE);
            Files.writeString(file, Serialization.asYaml(estate));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the lab's state in " + settings.stateDir() + ": " + e.getMessage(), e);
        } finally {
            tetrate.close();
            dns.close();
            lab.close();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Object parsed = Serialization.unmarshal(Files.readString(file), Map.class);
        return parsed instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }
}
