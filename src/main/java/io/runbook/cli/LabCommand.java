package io.runbook.cli;

import io.runbook.engine.exec.ExitCode;
import io.runbook.lab.LabUp;
import io.runbook.lab.tetrate.TetrateEstate;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lab up} and {@code lab reset}: the embedded lab of simulated clusters. */
@Command(name = "lab", mixinStandardHelpOptions = true, description = "The embedded lab of simulated clusters.",
        subcommands = {LabCommand.Up.class, LabCommand.Reset.class})
final class LabCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** {@code lab} without a subcommand: bad usage, its usage and the mistake on stderr (as ansible-vault without one). */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        spec.commandLine().getErr().println("ERROR: a lab subcommand is required (up or reset)");
        return ExitCode.USAGE;
    }

    /** The lab's state folder: the option, else runbook.yml's lab_state_dir, else .lab-state here. */
    static Path stateDir(Path option, ProjectConfig config) {
        if (option != null) {
            return option.toAbsolutePath();
        }
        return config.labStateDir() != null ? config.labStateDir() : Path.of(".lab-state").toAbsolutePath();
    }

    @Command(name = "up", mixinStandardHelpOptions = true,
            description = "Start lab clusters, write a kubeconfig with a context per cluster, and run until interrupted.")
    static final class Up implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--clusters", split = ",", paramLabel = "NAMES", description = "cluster names (default mgmt,cp-1,cp-2,cp-3)")
        List<String> clusters = List.of("mgmt", "cp-1", "cp-2", "cp-3");

        @Option(names = "--kubeconfig", paramLabel = "FILE", required = true, description = "where to write the kubeconfig")
        Path kubeconfig;

        @Option(names = "--tls", description = "serve HTTPS; the lab's CA goes into the kubeconfig")
        boolean tls;

        @Option(names = "--reissue-secrets", split = ",", paramLabel = "NAMESPACE/NAME",
                description = "on every cluster, create these Secrets again after they are deleted (new uid and value), "
                        + "as a control plane's operator re-issues its tokens (without --scenario)")
        List<String> reissueSecrets = List.of();

        @Option(names = "--reissue-delay", paramLabel = "MILLIS", defaultValue = "1000",
                description = "how long after a delete --reissue-secrets creates the Secret again (default: ${DEFAULT-VALUE})")
        long reissueDelay;

        @Option(names = "--scenario", paramLabel = "NAME", description = "also run the Tetrate estate in this scenario "
                + "(management-cluster-lost, management-plane-failed, central-control-plane-failed, connectivity-lost, "
                + "edge-control-plane-failed, workload-cluster-lost); the first cluster is the management cluster")
        String scenario;

        @Option(names = "--signing-key-backup", paramLabel = "present|lost", defaultValue = "present")
        String signingKeyBackup;

        @Option(names = "--root-ca", paramLabel = "same|different", defaultValue = "same")
        String rootCa;

        @Option(names = "--postgres", paramLabel = "ok|unreachable|bad-credentials", defaultValue = "ok",
                description = "the external Postgres: reachable, firewalled, or its password changed since the backup")
        String postgres;

        @Option(names = "--elastic", paramLabel = "ok|unreachable|empty", defaultValue = "ok",
                description = "the external Elasticsearch: reachable, firewalled, or a new, empty one")
        String elastic;

        @Option(names = "--dns-port", defaultValue = "0", description = "the lab DNS servers' port (127.0.0.1 and 127.0.0.2); "
                + "default: a free one (the estate's last one when free)")
        int dnsPort;

        @Option(names = "--lab-state-dir", paramLabel = "DIR", description = "the estate's state folder (default from runbook.yml)")
        Path dir;

        @Override
        public Integer call() throws Exception {
            if (scenario == null) {
                // Ctrl-C or SIGTERM ends it as it ends the estate below: cleanly, exit 0
                Thread serving = Thread.currentThread();
                Interrupts.onCtrlC(serving::interrupt);
                // the process's streams: the clusters' lines on stdout, a mistake on stderr
                int rc = LabUp.run(clusters, tls, kubeconfig, reissueSecrets, java.time.Duration.ofMillis(reissueDelay),
                        new PrintStream(System.out, true), new PrintStream(System.err, true));
                return rc == 0 ? ExitCode.OK : ExitCode.USAGE;
            }
            java.io.PrintWriter out = spec.commandLine().getOut();
            java.io.PrintWriter err = spec.commandLine().getErr();
            TetrateEstate.Settings settings;
            try {
                settings = new TetrateEstate.Settings(clusters, clusters.get(0), "tsb", "tsb.dr.example.test",
                        "dr.example.test", "tetrate", dnsPort, io.runbook.lab.tetrate.Scenario.fromId(scenario),
                        io.runbook.lab.tetrate.Variants.of(signingKeyBackup, rootCa, postgres, elastic),
                        stateDir(dir, ProjectConfig.find(Path.of(""))), io.runbook.lab.tetrate.Timing.standard(), tls);
            } catch (IllegalArgumentException e) {
                err.println("ERROR: " + e.getMessage());
                return ExitCode.USAGE;
            }
            java.util.concurrent.CountDownLatch stop = new java.util.concurrent.CountDownLatch(1);
            TetrateEstate opened;
            try {
                java.util.Set<String> given = new java.util.HashSet<>();
                spec.commandLine().getParseResult().matchedOptions().forEach(o -> given.add(o.longestName()));
                opened = TetrateEstate.open(settings, io.runbook.lab.tetrate.EstateChoices.ofOptions(given));
            } catch (IOException | IllegalStateException | java.io.UncheckedIOException e) {
                err.println("ERROR: the lab could not start: " + e.getMessage());
                return ExitCode.INPUT_ERROR;
            }
            try (TetrateEstate estate = opened) {
                estate.lab().writeKubeconfig(kubeconfig);
                for (var c : estate.lab().clusters()) {
                    out.printf("%-8s %s  context %s%n", c.name(), c.apiUrl(), c.name());
                }
                int port = estate.dns().port();
                out.println("dns      127.0.0.1:" + port + " (primary), 127.0.0.2:" + port + " (secondary), key "
                        + settings.stateDir().resolve("dns-update.key") + " (pass -e dns_port=" + port + " to playbooks)");
                out.println("scenario " + estate.settings().scenario().id() + (estate.resumed() ? " (resumed)" : " (fresh)")
                        + ", state in " + settings.stateDir());
                out.flush();
                estate.notices().forEach(n -> err.println(io.runbook.engine.report.WarningDisplay.format("lab: " + n)));
                err.flush();
                out.println("lab ready");
                out.flush();
                Interrupts.onCtrlC(stop::countDown);
                stop.await();
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "reset", mixinStandardHelpOptions = true,
            description = "Forget the rehearsal estate: the next run starts from its scenario's failed state.")
    static final class Reset implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--lab-state-dir", paramLabel = "DIR", description = "the lab's state folder (default from runbook.yml)")
        Path dir;

        @Override
        public Integer call() {
            Path state = stateDir(dir, ProjectConfig.find(Path.of("")));
            java.io.PrintWriter out = spec.commandLine().getOut();
            List<String> deleted;
            try {
                deleted = TetrateEstate.reset(state);
            } catch (IOException e) {
                spec.commandLine().getErr().println("ERROR: " + e.getMessage());
                return ExitCode.INPUT_ERROR;
            }
            if (deleted.isEmpty()) {
                out.println("nothing to clear: " + state + (java.nio.file.Files.isDirectory(state) ? " holds no lab estate"
                        : " does not exist") + " (the next run starts its scenario from the failed state)");
            } else {
                out.println("lab state in " + state + " cleared (" + String.join(", ", deleted)
                        + "): the next run starts the scenario from its failed state");
            }
            return ExitCode.OK;
        }
    }
}
