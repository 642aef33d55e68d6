package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.lab.Lab;
import io.runbook.lab.LabOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * k8s_exec's failures as a runbook sees them, each naming its cause where kubernetes.core relays its client's
 * {@code Handshake status 404 Not Found} or a traceback (the successful runs are compared with ansible-playbook's in
 * {@link K8sCompatParityTest}): a pod that is not there, a container the pod does not have, a container that never
 * started, a program the container does not have, a command line with a quote left open (not shown: it may hold a
 * secret). The run goes on past each ({@code ignore_errors}).
 */
class K8sExecTest {
    private static final Path DIR = Path.of("test/resources/k8sexec").toAbsolutePath();
    private static final String HOST = "localhost";

    @Test
    void execsThatCannotRunFailWithTheirCause(@TempDir Path tmp) throws Exception {
        try (Lab lab = Lab.start(LabOptions.builder().clusters(List.of("engine")).build())) {
            lab.cluster("engine").failPods("dr-exec", Map.of("app", "restore"), "ImagePullBackOff",
                    "Back-off pulling image \"registry.example.com/restore:missing\"");
            Path kubeconfig = tmp.resolve("lab.kubeconfig");
            lab.writeKubeconfig(kubeconfig);
            String[] cluster = {"-i", DIR.resolve("inventory.yml").toString(), "-e", "kubeconfig_path=" + kubeconfig, "-e", "cluster=engine"};
            RunResult setup = EngineRun.cli(concat(DIR.resolve("setup.yml").toString(), cluster));
            assertEquals(0, setup.exitCode(), setup.toString());

            RunResult run = EngineRun.cli(concat(DIR.resolve("errors.yml").toString(), cluster));
            assertEquals(0, run.exitCode(), "every failure is ignored\n" + run);
            run.assertRecap(HOST, 7, 1, 0, 0, 0, 0, 5);
            assertEquals("Failed to execute on pod db-1 due to : pods \"db-1\" not found in namespace dr-exec",
                    run.registered("a pod that is not there", HOST).get("msg"), run.toString());
            assertEquals("Failed to execute on pod db-0 due to : container pgbouncer is not valid for pod db-0 (its containers:"
                    + " postgres, exporter)", run.registered("a container the pod does not have", HOST).get("msg"), run.toString());
            assertEquals("Failed to execute on pod restore-job due to : the API server refused the exec (HTTP 404): container restore"
                    + " is not running (waiting: ImagePullBackOff)", run.registered("a container that never started", HOST).get("msg"), run.toString());
            Map<String, Object> missing = run.registered("a program the container does not have", HOST);
            assertEquals("Failed to execute on pod db-0 due to : Internal error occurred: error executing command in container: failed to"
                    + " exec in container: OCI runtime exec failed: exec failed: unable to start container process: exec: \"pg_isready\":"
                    + " executable file not found in $PATH: unknown", missing.get("msg"), run.toString());
            assertFalse(missing.containsKey("rc"), "a program that never started has no exit code\n" + run);
            assertEquals("command: unclosed double quote at character 9 (shlex.split: No closing quotation)",
                    run.registered("a command line with a quote left open", HOST).get("msg"), run.toString());
            assertFalse(run.toString().contains("s3cr3t-value"), "the command line's secret was printed:\n" + run);
        }
    }

    /** kubernetes.core 2.4.0's deprecation of return_code, as ansible-playbook 2.14 prints it (spaces at line ends its own). */
    private static final String RETURN_CODE = String.join("\n",
            "[DEPRECATION WARNING]: The 'return_code' return key is being renamed to 'rc'. ",
            "Both keys are being returned for now to allow users to migrate their ",
            "automation. This feature will be removed from kubernetes.core in version 4.0.0.",
            " Deprecation warnings can be disabled by setting deprecation_warnings=False in ",
            "ansible.cfg.");

    @Test
    void returnCodeIsDeprecatedOncePerRunAndKeptInEachResult(@TempDir Path tmp) throws Exception {
        try (Lab lab = Lab.start(LabOptions.builder().clusters(List.of("engine")).build())) {
            Path kubeconfig = tmp.resolve("lab.kubeconfig");
            lab.writeKubeconfig(kubeconfig);
            String[] cluster = {"-i", DIR.resolve("inventory.yml").toString(), "-e", "kubeconfig_path=" + kubeconfig, "-e", "cluster=engine"};
            assertEquals(0, EngineRun.cli(concat(DIR.resolve("setup.yml").toString(), cluster)).exitCode());

            try (EngineProcess engine = EngineProcess.start(tmp, DeprecationWarningsTest.shown(Map.of()),
                    concat(DIR.resolve("deprecation.yml").toString(), cluster))) {
                assertEquals(0, engine.exitCode(java.time.Duration.ofMinutes(5)), engine.output());
                String out = engine.output();
                assertEquals(1, DeprecationWarningsTest.count(out, "[DEPRECATION WARNING]"), out);
                assertTrue(out.contains("TASK [which replica this is] ***************************************************\n"
                        + RETURN_CODE + "\nchanged: [localhost]\n"), "before the first exec's result\n" + out);
                assertTrue(out.contains(String.join("\n", "    \"msg\": {", "        \"loop\": \"2 0\",", "        \"one\": [",
                        "            {", "                \"collection_name\": \"kubernetes.core\",",
                        "                \"msg\": \"The 'return_code' return key is being renamed to 'rc'. Both keys are being"
                                + " returned for now to allow users to migrate their automation.\",",
                        "                \"version\": \"4.0.0\"", "            }", "        ]", "    }")),
                        "each result keeps it, a loop's at its level\n" + out);
            }
        }
    }

    private static String[] concat(String first, String... rest) {
        String[] out = new String[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }
}
