package io.runbook.cli;

import io.runbook.engine.exec.ExitCode;
import io.runbook.lab.LabUp;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lab up}: simulated clusters that kubectl, Helm and the engine accept, until Ctrl-C. */
@Command(name = "lab", mixinStandardHelpOptions = true, description = "The embedded lab of simulated clusters.",
        subcommands = {LabCommand.Up.class})
final class LabCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "up", mixinStandardHelpOptions = true,
            description = "Start lab clusters, write a kubeconfig with a context per cluster, and run until interrupted.")
    static final class Up implements Callable<Integer> {
        @Option(names = "--clusters", split = ",", paramLabel = "NAMES", description = "cluster names (default mgmt,cp-1,cp-2,cp-3)")
        List<String> clusters = List.of("mgmt", "cp-1", "cp-2", "cp-3");

        @Option(names = "--kubeconfig", paramLabel = "FILE", required = true, description = "where to write the kubeconfig")
        Path kubeconfig;

        @Option(names = "--tls", description = "serve HTTPS; the lab's CA goes into the kubeconfig")
        boolean tls;

        @Override
        public Integer call() {
            int rc = LabUp.run(clusters, tls, kubeconfig, new PrintStream(System.out, true));
            return rc == 0 ? ExitCode.OK : ExitCode.USAGE;
        }
    }
}
