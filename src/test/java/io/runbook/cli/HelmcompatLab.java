package io.runbook.cli;

import io.runbook.lab.Lab;
import io.runbook.lab.LabOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Lab clusters for the kubernetes.core helm playbooks under {@code helmcompat/}, and their runs as a user runs them
 * ({@code -i localhost, -c local}) with the lab's kubeconfig as {@code lab_kubeconfig}.
 */
final class HelmcompatLab implements AutoCloseable {
    static final String DIR = "helmcompat/";
    private final Lab lab;
    private final Path kubeconfig;

    /** Starts the clusters, their kubeconfig written in {@code tmp}. */
    HelmcompatLab(Path tmp, String... clusters) throws Exception {
        lab = Lab.start(LabOptions.builder().clusters(List.of(clusters)).build());
        kubeconfig = tmp.resolve("lab.kubeconfig");
        lab.writeKubeconfig(kubeconfig);
    }

    Lab lab() {
        return lab;
    }

    RunResult run(String playbook, String... more) {
        List<String> args = new ArrayList<>(List.of(EngineRun.fixture(DIR + playbook), "-i", "localhost,", "-c", "local",
                "-e", "lab_kubeconfig=" + kubeconfig.toAbsolutePath()));
        args.addAll(List.of(more));
        return EngineRun.cli(args.toArray(String[]::new));
    }

    @Override
    public void close() {
        lab.close();
    }
}
