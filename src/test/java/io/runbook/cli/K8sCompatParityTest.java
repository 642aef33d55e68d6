package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.runbook.lab.Lab;
import io.runbook.lab.LabOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Playbooks written for kubernetes.core ({@code kubernetes.core.k8s}, {@code k8s_info}, {@code k8s_log},
 * {@code k8s_scale}, {@code k8s_exec}, {@code k8s_rollback} and {@code k8s_cluster_info} with {@code kubeconfig} and
 * {@code context} arguments (a kubeconfig named relative to the playbook too),
 * {@code hosts: localhost}) run unchanged by ansible-playbook (Debian's ansible: kubernetes.core 2.4.0 and
 * python3-kubernetes) and by the engine, each against its own cluster of one lab, and give the same recap, the same
 * status of each task and the same registered values that matter (method, the object's name, how many results or
 * resources, api_found, the replicas k8s_scale set, k8s_log's lines, k8s_exec's output lines and rc, k8s_cluster_info's kinds, a failure's message).
 * The runs: setup, setup again (nothing changes), a check-mode run with --diff (nothing is stored), teardown; for the
 * node playbooks ({@code k8s_json_patch}, {@code k8s_taint}, {@code k8s_drain}: the lab's node taken out of service and
 * brought back) prepare first and check without --diff; the workload playbooks ({@code k8s_service}, a Deployment waited
 * for, scaled and logged with kubernetes.core's default api_version) run every step with --diff. ansible-playbook's
 * results are recorded ({@link K8sAnsibleResults}): a test run runs only the engine (and needs no ansible),
 * {@code -Dk8scompat.live=true} runs ansible-playbook too (skipped where it or kubernetes.core is not installed) and
 * {@code -Dk8scompat.record=true} writes the recording anew.
 */
class K8sCompatParityTest {
    private static final Path DIR = Path.of("test/resources/k8scompat").toAbsolutePath();
    private static final Path NODES = Path.of("test/resources/k8snodes").toAbsolutePath();
    private static final Path WORKLOADS = Path.of("test/resources/k8sworkloads").toAbsolutePath();
    private static final Path WAITS = Path.of("test/resources/k8swaits").toAbsolutePath();
    private static final Path EXEC = Path.of("test/resources/k8sexec").toAbsolutePath();
    private static final Path ROLLBACKS = Path.of("test/resources/k8srollback").toAbsolutePath();
    private static final Path KUBECONFIGS = Path.of("test/resources/k8skubeconfig").toAbsolutePath();
    private static final Path ANSIBLE = Path.of("/usr/bin/ansible-playbook");
    private static final Path COLLECTION = Path.of("/usr/lib/python3/dist-packages/ansible_collections/kubernetes/core");
    private static final String HOST = "localhost";
    private static final String SECRET_VALUE = "s3cr3t-value";

    /** One tool's run: the recap counters, and per task (in order) its name and the values compared. */
    private record Run(Map<String, Integer> recap, List<Map<String, Object>> tasks, String output) {
    }

    @Test
    void kubernetesCorePlaybooksRunAsWithAnsible(@TempDir Path tmp) throws Exception {
        List<Run> engineRuns = runBoth(DIR, tmp, List.of(new String[] {"setup.yml"}, new String[] {"setup.yml"},
                new String[] {"check.yml", "--check", "--diff"}, new String[] {"teardown.yml"}));
        // the second setup run changed nothing; the check run stored nothing (teardown still reads mode: active)
        assertEquals(0, engineRuns.get(1).recap.get("changed"), engineRuns.get(1).output);
        assertEquals(List.of("settings=active"), engineRuns.get(3).tasks.get(0).get("resources"), engineRuns.get(3).output);
    }

    @Test
    void nodePlaybooksRunAsWithAnsible(@TempDir Path tmp) throws Exception {
        List<Run> engineRuns = runBoth(NODES, tmp, List.of(new String[] {"prepare.yml"}, new String[] {"setup.yml"},
                new String[] {"setup.yml"}, new String[] {"check.yml", "--check"}, new String[] {"teardown.yml"}));
        Run setup = engineRuns.get(1);
        assertEquals("node CLUSTER-node marked unschedulable. 3 Pod(s) deleted from node.", setup.tasks.get(2).get("result"), setup.output);
        assertEquals(List.of("dr.example.com/restoring=true:NoSchedule"), setup.tasks.get(1).get("taints"), setup.output);
        assertEquals(0, engineRuns.get(2).recap.get("changed"), engineRuns.get(2).output);
        assertEquals("skipped", engineRuns.get(3).tasks.get(2).get("status"), "k8s_drain does not run in check mode");
        // teardown's test operation passed: the check run's dry run stored nothing
        assertEquals("changed", engineRuns.get(4).tasks.get(0).get("status"), engineRuns.get(4).output);
        assertEquals("db-0.example.com", engineRuns.get(4).tasks.get(0).get("primary"), engineRuns.get(4).output);
        Run teardown = engineRuns.get(4);
        assertTrue(String.valueOf(teardown.tasks.get(4).get("msg")).startsWith("Pod deletion errors: cannot delete Pods with local storage:"
                + " dr-nodes/cache. cannot delete DaemonSet-managed Pods (use option ignore_daemonset set to yes): dr-nodes/agent-"), teardown.output);
        assertEquals("node CLUSTER-node already marked schedulable.", teardown.tasks.get(5).get("result"), teardown.output);
    }

    @Test
    void workloadPlaybooksRunAsWithAnsible(@TempDir Path tmp) throws Exception {
        List<Run> engineRuns = runBoth(WORKLOADS, tmp, List.of(new String[] {"setup.yml", "--diff"}, new String[] {"setup.yml", "--diff"},
                new String[] {"check.yml", "--check", "--diff"}, new String[] {"teardown.yml", "--diff"}));
        Run first = engineRuns.get(0);
        // k8s's result is the Deployment as its wait saw it last: ready
        assertEquals(List.of("diff=none", "ready=1"), first.tasks.get(2).get("shown"), first.output);
        assertEquals(List.of("after.replicas=2", "before.replicas=1", "ready=2"), first.tasks.get(9).get("shown"), first.output);
        assertEquals(0, engineRuns.get(1).recap.get("changed"), engineRuns.get(1).output);
        // the check run stored nothing: no api-standby, api-nodes still there
        assertEquals(List.of("api", "api-applied", "api-nodes"), engineRuns.get(3).tasks.get(0).get("resources"), engineRuns.get(3).output);
    }

    @Test
    void waitsRunAsWithAnsible(@TempDir Path tmp) throws Exception {
        Run run = runBoth(WAITS, tmp, List.<String[]>of(new String[] {"waits.yml"})).get(0);
        // a Deployment scaled down is ready when its status counts the one replica wanted, not the three it had
        assertEquals(List.of("down=1/1", "down_wanted=1", "up=3/3"), run.tasks.get(3).get("shown"), run.output);
        assertEquals(List.of("agent=1/1", "db=2/2"), run.tasks.get(7).get("shown"), run.output);
        assertEquals("\"StatefulSet\" \"legacy-db\": Timed out waiting on resource", run.tasks.get(8).get("msg"), run.output);
        assertEquals("changed", run.tasks.get(9).get("status"), "a claim is there as soon as it exists, bound or not\n" + run.output);
        assertEquals(List.of("create settings-a waited", "create settings-b waited"), run.tasks.get(10).get("results"), run.output);
        // the first definition that times out fails the task; the one after it is never written
        assertEquals("\"ConfigMap\" \"never-ready\": Timed out waiting on resource", run.tasks.get(11).get("msg"), run.output);
        assertEquals("\"ConfigMap\" \"first-never-ready\": Timed out waiting on resource", run.tasks.get(12).get("msg"), run.output);
        assertEquals(List.of("probe-ready"), run.tasks.get(13).get("resources"), run.output);
        assertTrue(run.output.contains("ConfigMap dr-waits/first-never-ready: no condition Ready yet"), "the engine says why:\n" + run.output);
        // an update of the status alone changed the object
        assertEquals("changed", run.tasks.get(17).get("status"), run.output);
        assertEquals(List.of("phase=failed-over"), run.tasks.get(18).get("shown"), run.output);
        // k8s_scale's wait for a Deployment scaled to none ends when its status counts none
        assertEquals(List.of("replicas=0", "wanted=0"), run.tasks.get(20).get("shown"), run.output);
        // k8s_json_patch's wait for a Deployment patched to fewer replicas ends when its status counts only those
        assertEquals(List.of("down=1/1", "up=2/2"), run.tasks.get(23).get("shown"), run.output);
        // k8s_info's wait judges as kubernetes.core's waiter does, and fails with its message
        assertEquals("Failed to gather information about StatefulSet(s) even after waiting for N seconds", run.tasks.get(24).get("msg"), run.output);
        assertEquals("ok", run.tasks.get(25).get("status"), "nothing found by the timeout is no failure\n" + run.output);
        assertEquals(List.of(), run.tasks.get(25).get("resources"), run.output);
        // an apply sends the definition's status (kept where the kind has no status subresource) and records it as applied
        assertEquals(List.of("applied.phase=standby", "phase=standby"), run.tasks.get(27).get("shown"), run.output);
    }

    @Test
    void rollbacksRunAsWithAnsible(@TempDir Path tmp) throws Exception {
        Run run = runBoth(ROLLBACKS, tmp, List.<String[]>of(new String[] {"rollback.yml"})).get(0);
        // the Deployment and the DaemonSet run their first template again (the Deployment with no annotation but its
        // revision: kubernetes.core's patch replaces them); check mode showed the object as it was
        assertEquals(List.of("agent=True patch sent replace registry.example.com/agent:1.0 now registry.example.com/agent:1.0",
                "check=True 1 sent registry.example.com/web:1.0 shown registry.example.com/web:2.0",
                "web=True patch /spec/template,/metadata/annotations revision 1 now registry.example.com/web:1.0 labels app"
                        + " annotations deployment.kubernetes.io/revision"),
                run.tasks.get(8).get("shown"), run.output);
        assertEquals("Cannot perform rollback on resource of kind Service", run.tasks.get(11).get("msg"), run.output);
        assertEquals(List.of("fresh=False [{'changed': False, 'warnings': ['No rollout history found for resource DaemonSet/fresh']}]",
                "gone=False []"), run.tasks.get(13).get("shown"), run.output);
    }

    @Test
    void taskKubeconfigsAreFoundAsWithAnsible(@TempDir Path tmp) throws Exception {
        // the lab's kubeconfig named relative to the playbook's folder (the engine's working folder is another)
        String relative = KUBECONFIGS.relativize(tmp.resolve("lab.kubeconfig")).toString();
        Run run = runBoth(KUBECONFIGS, tmp, List.<String[]>of(new String[] {"kubeconfig.yml", "-e", "kubeconfig_rel=" + relative})).get(0);
        assertEquals(List.of("default"), run.tasks.get(0).get("resources"), run.output);
        assertEquals(List.of("kube-system"), run.tasks.get(1).get("resources"), run.output);
        assertTrue(String.valueOf(run.tasks.get(2).get("msg")).startsWith("Could not find or access 'not-there.kubeconfig'\nSearched in:\n\t"
                + KUBECONFIGS.resolve("files/not-there.kubeconfig")), run.output);
        assertEquals("Could not create API client: Invalid kube-config file. No configuration found.", run.tasks.get(4).get("msg"), run.output);
        assertEquals(List.of("refused=422 422 Unprocessable Entity True"), run.tasks.get(7).get("shown"), run.output);
    }

    @Test
    void execPlaybooksRunAsWithAnsible(@TempDir Path tmp) throws Exception {
        List<Run> engineRuns = runBoth(EXEC, tmp, List.of(new String[] {"setup.yml"}, new String[] {"exec.yml"},
                new String[] {"exec.yml", "--check"}));
        Run exec = engineRuns.get(1);
        assertEquals(List.of("primary", "/var/lib/postgresql/data"), exec.tasks.get(0).get("stdout_lines"), exec.output);
        assertEquals(List.of("stale metrics on db-0"), exec.tasks.get(1).get("stderr_lines"), exec.output);
        assertEquals("failed", exec.tasks.get(2).get("status"), exec.output);
        assertEquals(3, exec.tasks.get(2).get("rc"), exec.output);
        assertEquals(List.of("two  spaces and $HOME"), exec.tasks.get(3).get("stdout_lines"), "no shell reads the command line\n" + exec.output);
        // kubernetes.core's k8s_exec runs its command in check mode too, and says changed
        assertEquals("changed", engineRuns.get(2).tasks.get(0).get("status"), engineRuns.get(2).output);
        assertEquals(List.of("primary", "/var/lib/postgresql/data"), engineRuns.get(2).tasks.get(0).get("stdout_lines"), engineRuns.get(2).output);
    }

    /**
     * Runs {@code dir}'s playbooks ({@code steps}: each a playbook and its flags) with the engine, comparing each step
     * with ansible-playbook's recorded result ({@link K8sAnsibleResults}) or, live, with ansible-playbook's run; the
     * engine's runs.
     */
    private static List<Run> runBoth(Path dir, Path tmp, List<String[]> steps) throws Exception {
        boolean live = K8sAnsibleResults.live();
        assumeTrue(!live || Files.isExecutable(ANSIBLE) && Files.isDirectory(COLLECTION),
                "ansible-playbook with kubernetes.core is not installed: run the test setup (bin/test)");
        K8sAnsibleResults recorded = K8sAnsibleResults.load();
        try (Lab lab = Lab.start(LabOptions.builder().clusters(live ? List.of("ansible", "engine") : List.of("engine")).build())) {
            Path kubeconfig = tmp.resolve("lab.kubeconfig");
            lab.writeKubeconfig(kubeconfig);
            List<Run> engineRuns = new ArrayList<>();
            List<List<String>> stepsSoFar = new ArrayList<>();
            for (String[] step : steps) {
                stepsSoFar.add(K8sAnsibleResults.normalised(List.of(step), dir, tmp));
                String key = K8sAnsibleResults.key(dir, stepsSoFar.size() - 1, stepsSoFar.get(stepsSoFar.size() - 1));
                String fingerprint = K8sAnsibleResults.fingerprint(dir, stepsSoFar);
                Run theirs;
                if (live) {
                    theirs = ansible(dir, kubeconfig, tmp, step);
                    if (K8sAnsibleResults.record()) {
                        recorded.put(dir, key, new K8sAnsibleResults.Step(fingerprint, theirs.recap,
                                K8sAnsibleResults.normalised(theirs.tasks, dir, tmp)));
                    }
                } else {
                    K8sAnsibleResults.Step s = recorded.get(key, fingerprint);
                    assertNotNull(s, key + ": no result of ansible-playbook recorded in " + K8sAnsibleResults.FILE.getFileName()
                            + " for this step, or its playbooks or arguments changed since: record them again with"
                            + " tools/compat/record-k8s-results.sh (or compare live with -Dk8scompat.live=true)");
                    theirs = new Run(s.recap(), s.tasks(), "(recorded in " + K8sAnsibleResults.FILE.getFileName()
                            + "; -Dk8scompat.live=true runs ansible-playbook and shows its output)");
                }
                Run ours = engine(dir, kubeconfig, step);
                String both = "\n--- ansible:\n" + theirs.output + "\n--- engine:\n" + ours.output;
                assertEquals(K8sAnsibleResults.normalised(theirs.recap, dir, tmp), K8sAnsibleResults.normalised(ours.recap, dir, tmp),
                        key + ": recap" + both);
                assertEquals(K8sAnsibleResults.normalised(theirs.tasks, dir, tmp), K8sAnsibleResults.normalised(ours.tasks, dir, tmp),
                        key + ": tasks" + both);
                assertFalse(ours.output.contains(SECRET_VALUE), "a Secret's value was printed:\n" + ours.output);
                engineRuns.add(ours);
            }
            return engineRuns;
        }
    }

    @AfterAll
    static void writeRecording() throws IOException, InterruptedException {
        K8sAnsibleResults.load().write(ANSIBLE, COLLECTION); // when steps were recorded (-Dk8scompat.record=true)
    }

    private static Run engine(Path dir, Path kubeconfig, String... step) {
        List<String> args = new ArrayList<>(List.of(dir.resolve(step[0]).toString(), "-i", dir.resolve("inventory.yml").toString(),
                "-e", "kubeconfig_path=" + kubeconfig, "-e", "cluster=engine"));
        args.addAll(List.of(step).subList(1, step.length));
        RunResult run = EngineRun.cli(args.toArray(String[]::new));
        List<Map<String, Object>> tasks = new ArrayList<>();
        for (String task : run.tasksRunOn(HOST)) {
            tasks.add(clusterNamed(compared(task, run.status(task, HOST), run.registered(task, HOST)), "engine"));
        }
        return new Run(run.recap(HOST), tasks, run.toString());
    }

    /** ansible-playbook's run with the ansible.posix.json callback: its results and stats as JSON on stdout. */
    @SuppressWarnings("unchecked")
    private static Run ansible(Path dir, Path kubeconfig, Path tmp, String... step) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ANSIBLE.toString(), "-i", "inventory.yml", step[0],
                "-e", "kubeconfig_path=" + kubeconfig, "-e", "cluster=ansible"));
        command.addAll(List.of(step).subList(1, step.length));
        Path err = tmp.resolve("ansible.err");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectError(err.toFile());
        pb.environment().put("ANSIBLE_STDOUT_CALLBACK", "ansible.posix.json");
        pb.environment().put("ANSIBLE_NOCOLOR", "1");
        pb.environment().put("ANSIBLE_RETRY_FILES_ENABLED", "0");
        pb.environment().put("ANSIBLE_LOCALHOST_WARNING", "0");
        pb.environment().put("ANSIBLE_LOCAL_TEMP", tmp.resolve("ansible-tmp").toString());
        pb.environment().remove("K8S_AUTH_KUBECONFIG");
        pb.environment().remove("K8S_AUTH_CONTEXT");
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        String text = new String(out, StandardCharsets.UTF_8);
        Map<String, Object> json = new ObjectMapper().readValue(text.substring(text.indexOf('{')), Map.class);
        List<Map<String, Object>> tasks = new ArrayList<>();
        for (Object play : (List<Object>) json.get("plays")) {
            for (Object t : (List<Object>) ((Map<String, Object>) play).get("tasks")) {
                Map<String, Object> task = (Map<String, Object>) t;
                Map<String, Object> result = (Map<String, Object>) ((Map<String, Object>) task.get("hosts")).get(HOST);
                String status = Boolean.TRUE.equals(result.get("failed")) ? "failed" : Boolean.TRUE.equals(result.get("skipped")) ? "skipped"
                        : Boolean.TRUE.equals(result.get("changed")) ? "changed" : "ok";
                tasks.add(clusterNamed(compared((String) ((Map<String, Object>) task.get("task")).get("name"), status, result), "ansible"));
            }
        }
        Map<String, Object> stats = (Map<String, Object>) ((Map<String, Object>) json.get("stats")).get(HOST);
        Map<String, Integer> recap = new LinkedHashMap<>();
        for (String[] key : new String[][] {{"ok", "ok"}, {"changed", "changed"}, {"unreachable", "unreachable"}, {"failed", "failures"},
                {"skipped", "skipped"}, {"rescued", "rescued"}, {"ignored", "ignored"}}) {
            recap.put(key[0], ((Number) stats.get(key[1])).intValue());
        }
        return new Run(recap, tasks, text + "\n--- stderr:\n" + Files.readString(err));
    }

    /**
     * What is compared of a task's result: its status, kubernetes.core.k8s's {@code method} and the object's name (or
     * each result's, for several definitions, or how many objects a deletion by selector deleted), k8s_info's
     * {@code api_found} and its resources' names (with a ConfigMap's {@code data.mode}); the object's {@code spec.replicas}
     * (k8s_scale), k8s_log's {@code log_lines}, k8s_exec's {@code stdout_lines}, {@code stderr_lines}, {@code rc} and
     * {@code return_code}, k8s_scale's {@code warning}, whether {@code duration} is there (for
     * several definitions, in each result), k8s's registered {@code diff} ({@link #diffShape}: in each result, or as a
     * debug task shows them), and a failed task's (or an unfound API's) {@code msg}; k8s_drain's sentence, a Node's
     * taints, the endpoints ConfigMap's primary and labels; k8s_cluster_info's kinds by group version (with Pod's and
     * Deployment's entries), the
     * server's gitVersion and verify_ssl.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> compared(String task, String status, Map<String, Object> result) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("task", task);
        out.put("status", status);
        out.put("method", result.get("method"));
        Object object = result.get("result");
        if (object instanceof Map<?, ?> m && m.get("results") instanceof List<?> each) {
            out.put("results", each.stream().map(r -> entry((Map<String, Object>) r)).toList());
        } else if (object instanceof List<?> list) {
            out.put("deleted", list.size());
        } else if (object instanceof String sentence) {
            out.put("result", sentence);
        } else {
            out.put("name", name(object));
        }
        out.put("api_found", result.get("api_found"));
        if (object instanceof Map<?, ?> m && m.get("spec") instanceof Map<?, ?> spec && spec.get("replicas") != null) {
            out.put("replicas", spec.get("replicas"));
        }
        if (object instanceof Map<?, ?> m && m.get("spec") instanceof Map<?, ?> spec && spec.get("taints") instanceof List<?> taints) {
            out.put("taints", taints.stream().map(t -> (Map<String, Object>) t).map(t -> t.get("key") + "=" + t.get("value") + ":" + t.get("effect")).toList());
        }
        if (object instanceof Map<?, ?> m && m.get("data") instanceof Map<?, ?> data && data.get("primary") != null) {
            out.put("primary", data.get("primary"));
            out.put("labels", ((Map<String, Object>) m.get("metadata")).get("labels"));
        }
        for (String key : List.of("log_lines", "warning", "stdout_lines", "stderr_lines", "rc", "return_code")) {
            if (result.get(key) != null) {
                out.put(key, result.get(key));
            }
        }
        if (result.containsKey("duration") && !result.containsKey("resources")) { // the engine's k8s_info adds how long it waited
            out.put("duration", "defined");
        }
        if (result.get("apis") instanceof Map<?, ?> apis) {
            Map<String, Object> kinds = new java.util.TreeMap<>();
            apis.forEach((gv, served) -> kinds.put(String.valueOf(gv), new java.util.TreeSet<>(((Map<String, Object>) served).keySet())));
            out.put("apis", kinds);
            out.put("pod", ((Map<String, Object>) apis.get("v1")).get("Pod"));
            out.put("deployment", ((Map<String, Object>) apis.get("apps/v1")).get("Deployment"));
            Map<String, Object> version = (Map<String, Object>) result.get("version");
            out.put("server", ((Map<String, Object>) ((Map<String, Object>) version.get("server")).get("kubernetes")).get("gitVersion"));
            out.put("verify_ssl", ((Map<String, Object>) result.get("connection")).get("verify_ssl"));
        }
        if ("failed".equals(status) || Boolean.FALSE.equals(result.get("api_found"))) {
            // the seconds a timed-out wait reports are measured by each tool's own clock (kubernetes.core's k8s_info counts
            // its poll's sleeps and reads), so they depend on the machine's load: compared without them
            out.put("msg", result.get("msg") instanceof String m ? m.replaceAll("waiting for \\d+ seconds", "waiting for N seconds") : result.get("msg"));
        }
        if (result.get("msg") instanceof Map<?, ?> shown) { // a debug of registered values
            out.put("shown", diffShape(shown));
        }
        if (result.get("resources") instanceof List<?> resources) {
            out.put("resources", resources.stream().map(r -> {
                Map<String, Object> o = (Map<String, Object>) r;
                Object mode = o.get("data") instanceof Map<?, ?> data ? data.get("mode") : null;
                return name(o) + (mode == null ? "" : "=" + mode);
            }).sorted().toList());
        }
        return out;
    }

    /** One of several definitions' results: its method, the object's name, whether it waited, and its diff's shape. */
    private static String entry(Map<String, Object> r) {
        return r.get("method") + " " + name(r.get("result")) + (r.containsKey("duration") ? " waited" : "")
                + (r.containsKey("diff") ? " diff " + diffShape(r.get("diff")) : "");
    }

    /**
     * A registered diff ({before, after}), or a debug's mapping of them, as the paths of its leaves, each with its value
     * except under metadata (where resource versions differ from one cluster to the other).
     */
    private static List<String> diffShape(Object diff) {
        List<String> out = new ArrayList<>();
        if (diff instanceof Map<?, ?> sides) {
            sides.forEach((side, value) -> leaves(String.valueOf(side), value, out));
        } else {
            out.add(String.valueOf(diff));
        }
        return out.stream().sorted().toList();
    }

    private static void leaves(String path, Object value, List<String> out) {
        if (value instanceof Map<?, ?> m && !m.isEmpty()) {
            m.forEach((k, v) -> leaves(path + "." + k, v, out));
        } else {
            out.add(path.contains(".metadata.") ? path : path + "=" + value);
        }
    }

    /** The compared values with the lab node's name ({@code CLUSTER-node}: each tool has its own cluster) the same for both. */
    @SuppressWarnings("unchecked")
    private static <T> T clusterNamed(T value, String cluster) {
        if (value instanceof String text) {
            return (T) text.replace(cluster + "-node", "CLUSTER-node");
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, clusterNamed(v, cluster)));
            return (T) out;
        }
        if (value instanceof List<?> list) {
            return (T) list.stream().map(v -> clusterNamed(v, cluster)).toList();
        }
        return value;
    }

    private static Object name(Object object) {
        return object instanceof Map<?, ?> m && m.get("metadata") instanceof Map<?, ?> metadata ? metadata.get("name") : null;
    }
}
