package io.runbook.lab.tetrate;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.runbook.lab.Lab;
import io.runbook.lab.LabOptions;
import io.runbook.lab.PrivateFiles;
import io.runbook.lab.dns.LabDns;
import io.runbook.lab.dns.LabDnsOptions;
import io.runbook.lab.dns.LabDnsSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
 * for {@code dns_record}), {@code mp-root-ca.crt} (the management plane's root CA, for {@code uri}) and its key,
 * and {@code lock} (who runs the estate now, see {@link StateLock}). Every file is the owner's only.
 */
public final class TetrateEstate implements AutoCloseable {
    private static final String ESTATE = "estate.yml";

    /**
     * What to run: the clusters (the first named management one), the names, the scenario and where to keep it.
     * {@code dnsPort} 0 lets the lab pick the DNS port (the estate's last one when it is free); {@code tls}: the
     * clusters' API servers speak HTTPS (the lab's CA in the kubeconfig); {@code envoyPool}: the loopback addresses
     * the management plane's front envoy may take, in order (by default {@link TetrateLabOptions.Builder#defaultPool}).
     */
    public record Settings(List<String> clusters, String managementCluster, String mesh, String mpFqdn, String mpZone,
                           String organization, int dnsPort, Scenario scenario, Variants variants, Path stateDir,
                           Timing timing, boolean tls, List<String> envoyPool) {
        public Settings {
            clusters = List.copyOf(clusters);
            envoyPool = List.copyOf(envoyPool);
        }

        /** The default envoy addresses. */
        public Settings(List<String> clusters, String managementCluster, String mesh, String mpFqdn, String mpZone,
                        String organization, int dnsPort, Scenario scenario, Variants variants, Path stateDir,
                        Timing timing, boolean tls) {
            this(clusters, managementCluster, mesh, mpFqdn, mpZone, organization, dnsPort, scenario, variants, stateDir,
                    timing, tls, TetrateLabOptions.Builder.defaultPool());
        }

        /** Plain HTTP API servers. */
        public Settings(List<String> clusters, String managementCluster, String mesh, String mpFqdn, String mpZone,
                        String organization, int dnsPort, Scenario scenario, Variants variants, Path stateDir,
                        Timing timing) {
            this(clusters, managementCluster, mesh, mpFqdn, mpZone, organization, dnsPort, scenario, variants, stateDir,
                    timing, false);
        }

        /** These settings with the front envoy taking its address from {@code pool} (a pool no other lab uses). */
        public Settings withEnvoyPool(List<String> pool) {
            return new Settings(clusters, managementCluster, mesh, mpFqdn, mpZone, organization, dnsPort, scenario, variants,
                    stateDir, timing, tls, pool);
        }

        Map<String, Object> identity() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("scenario", scenario.id());
            m.put("signing_key_backup", variants.signingKeyBackupPresent() ? "present" : "lost");
            m.put("root_ca", variants.sameRootCa() ? "same" : "different");
            m.put("postgres", variants.stores().postgres().id());
            m.put("elastic", variants.stores().elastic().id());
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
    private final StateLock lock;
    private final List<String> notices;

    private TetrateEstate(Settings settings, Lab lab, LabDns dns, TetrateLab tetrate, boolean resumed, StateLock lock,
                          List<String> notices) {
        this.settings = settings;
        this.lab = lab;
        this.dns = dns;
        this.tetrate = tetrate;
        this.resumed = resumed;
        this.lock = lock;
        this.notices = List.copyOf(notices);
    }

    /** {@link #open(Settings, EstateChoices)} with every setting chosen: a kept estate of other settings starts over. */
    public static TetrateEstate open(Settings s) throws IOException {
        return open(s, EstateChoices.all());
    }

    /**
     * Starts the estate: resumed from the state folder when it holds this very estate, else fresh. The folder is
     * locked for this estate's lifetime: while another run holds it this fails at once ({@link StateLock.Busy},
     * naming that process) and changes nothing. A kept estate made with other settings is started over only
     * when the difference was chosen; see {@link KeptEstate}. What was decided beyond a plain resume or fresh
     * start is in {@link #notices()}.
     */
    public static TetrateEstate open(Settings asked, EstateChoices choices) throws IOException {
        PrivateFiles.createDirectories(asked.stateDir());
        StateLock lock = StateLock.acquire(asked.stateDir());
        try {
            List<String> notices = new ArrayList<>();
            lock.takenOver().ifPresent(notices::add);
            Map<String, Object> saved = read(asked.stateDir().resolve(ESTATE));
            KeptEstate.Decision decision = KeptEstate.decide(asked, saved == null ? null : identityOf(saved), choices,
                    asked.stateDir());
            if (decision.notice() != null) {
                notices.add(decision.notice());
            }
            if (!decision.resume()) {
                wipe(asked.stateDir());
            }
            return start(decision.settings(), decision.resume() ? saved : null, lock, notices);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> identityOf(Map<String, Object> saved) {
        return saved.get("identity") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static TetrateEstate start(Settings s, Map<String, Object> saved, StateLock lock, List<String> notices)
            throws IOException {
        boolean resume = saved != null;
        Lab lab = Lab.start(LabOptions.builder().clusters(s.clusters()).tls(s.tls()).podReadyDelay(Duration.ofMillis(300))
                .build());
        LabDns dns = null;
        TetrateLab tetrate = null;
        try {
            String secret = resume ? String.valueOf(saved.get("dns_key_secret")) : null;
            LabDnsOptions dnsOptions = LabDnsOptions.defaults().withZone(s.mpZone());
            dnsOptions = secret == null ? dnsOptions : dnsOptions.withKey(LabDnsOptions.DEFAULT_KEY_NAME, secret);
            dns = startDns(dnsOptions, s.dnsPort(), resume && saved.get("dns_port") instanceof Number n ? n.intValue() : 0);
            if (resume) {
                restore(s, lab, dns);
            }
            String keptEnvoy = resume && saved.get("envoy_address") instanceof String a ? a : null;
            tetrate = TetrateLab.startHeld(lab, TetrateLabOptions.builder().mesh(s.mesh()).mpFqdn(s.mpFqdn())
                    .organization(s.organization()).managementCluster(s.managementCluster())
                    .envoyAddresses(envoyAddresses(s.envoyPool(), keptEnvoy))
                    .stateDir(s.stateDir()).resolver(new LabDnsResolver(dns)).timing(s.timing()).build());
            if (keptEnvoy != null && !keptEnvoy.equals(tetrate.envoyAddress())) {
                // as an operator would after a load balancer's address changed; only when the record pointed there
                if (dns.moveAddress(s.mpFqdn(), keptEnvoy, tetrate.envoyAddress())) {
                    notices.add("the management plane's front envoy moved from " + keptEnvoy + " to " + tetrate.envoyAddress()
                            + " (" + keptEnvoy + " is taken, by another lab?); the lab DNS record " + s.mpFqdn() + " moved with it");
                }
            }
            if (resume) {
                tetrate.resume(s.scenario(), s.variants());
            } else {
                tetrate.apply(s.scenario(), s.variants(), s.stateDir().resolve("backup"));
            }
            EstateSettling.settle(s, lab, dns, tetrate, !resume);
            dns.writeKeyFile(s.stateDir().resolve("dns-update.key"));
            return new TetrateEstate(s, lab, dns, tetrate, resume, lock, notices);
        } catch (IOException | RuntimeException e) {
            if (tetrate != null) {
                tetrate.close();
            }
            if (dns != null) {
                dns.close();
            }
            lab.close();
            throw e;
        }
    }

    /** The envoy address the estate had first (a resumed estate keeps its load balancer's address when it is free). */
    private static List<String> envoyAddresses(List<String> addresses, String kept) {
        List<String> pool = new ArrayList<>(addresses);
        if (kept != null && pool.remove(kept)) {
            pool.add(0, kept);
        }
        return pool;
    }

    private static void restore(Settings s, Lab lab, LabDns dns) throws IOException {
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

    /** What the lab keeps in a state folder; nothing else there is ever deleted. */
    private static final List<String> ENTRIES = List.of(ESTATE, "clusters", "dns.yml", "backup", "dns-update.key",
            "mp-root-ca.crt", "mp-root-ca.key");

    /**
     * Forgets the estate kept in {@code stateDir}: the next {@link #open} starts from the scenario's failed state.
     * Refused ({@link StateLock.Busy}) while a run uses it. Returns what was deleted (empty: there was nothing).
     */
    public static List<String> reset(Path stateDir) throws IOException {
        if (!Files.isDirectory(stateDir)) {
            return List.of();
        }
        try (StateLock lock = StateLock.acquire(stateDir)) {
            return wipe(stateDir);
        }
    }

    private static List<String> wipe(Path stateDir) throws IOException {
        List<String> deleted = new ArrayList<>();
        for (String entry : ENTRIES) {
            Path top = stateDir.resolve(entry);
            if (!Files.exists(top, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try (Stream<Path> all = Files.walk(top)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
            deleted.add(entry);
        }
        return deleted;
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

    /** What opening decided beyond a plain resume or fresh start (a kept estate, a start over, a lock taken over). */
    public List<String> notices() {
        return notices;
    }

    /** Writes the snapshots for the next run (owner-only files: they hold Secrets), stops everything, unlocks. */
    @Override
    public void close() {
        try {
            Path clusters = PrivateFiles.createDirectories(settings.stateDir().resolve("clusters"));
            for (String cluster : settings.clusters()) {
                PrivateFiles.write(clusters.resolve(cluster + ".yaml"), lab.cluster(cluster).snapshotYaml());
            }
            PrivateFiles.write(settings.stateDir().resolve("dns.yml"), Serialization.asYaml(dns.snapshot().asMap()));
            Map<String, Object> estate = new LinkedHashMap<>();
            estate.put("identity", settings.identity());
            estate.put("dns_key_secret", dns.keySecret());
            estate.put("dns_port", dns.port());
            estate.put("envoy_address", tetrate.envoyAddress());
            PrivateFiles.write(settings.stateDir().resolve(ESTATE), Serialization.asYaml(estate));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the lab's state in " + settings.stateDir() + ": " + e.getMessage(), e);
        } finally {
            tetrate.close();
            dns.close();
            lab.close();
            try {
                lock.close();
            } catch (IOException e) {
                // the lock is the system's: it goes with the process at the latest
            }
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
