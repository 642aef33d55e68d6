package io.runbook.cli.compat;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The Ansible compatibility suite: integration targets of ansible-core (copied unmodified under
 * {@code test/resources/ansible-compat/targets}, see SOURCE.md there) run with the engine; each run must end with
 * the same PLAY RECAP and exit code as Debian's ansible-playbook (a run of the ad-hoc {@code ansible} or of
 * {@code ansible-inventory}, with the engine's {@code adhoc} or {@code inventory}: the same exit code and per-host
 * outcome lines or listing, see {@link Recap}). ansible-playbook's results are recorded in
 * ansible-results.yml ({@link AnsibleResults}; a run of ansible-playbook costs three times the engine's), so a test
 * run only runs the engine: {@code -Dcompat.live=true} runs ansible-playbook too and compares with that instead,
 * {@code -Dcompat.record=true} runs only ansible-playbook and rewrites the recording. Runs listed in
 * known-differences.yml must still differ (a run that starts to match must leave the list, so it only shrinks).
 * Writes a report with the numbers to {@code target/ansible-compat-report.txt}, and each run's seconds (slowest first:
 * waiting for {@link OutsideFiles}' locks, copying the target, the process) to {@code target/ansible-compat-times.txt}. Runs go on in parallel
 * ({@code -Dcompat.threads}, default 3); {@code -Dcompat.only=target,...} runs some targets only.
 */
class AnsibleCompatTest {
    private static final Path SUITE = Path.of("test/resources/ansible-compat").toAbsolutePath();
    private static final Map<String, Outcome> OUTCOMES = new TreeMap<>();
    private static ExecutorService pool;
    /** Targets whose run is mostly waiting, not work: started first (see the scheduling below). */
    private static final java.util.Set<String> WAITING = java.util.Set.of("wait_for");
    private static AnsibleResults recorded;
    private static CompatRunner runner;
    /** The suite's temporary folder (each run's own is removed once it ended: CompatRunner), removed at the end. */
    private static Path workDir;

    record Outcome(CompatCase c, Recap ansible, Recap engine) {
        boolean same() {
            return ansible.sameAs(engine);
        }
    }

    @TestFactory
    Stream<DynamicTest> engineEndsLikeAnsiblePlaybook() throws IOException {
        boolean record = Boolean.getBoolean("compat.record");
        boolean live = record || Boolean.getBoolean("compat.live");
        assumeTrue(!live || java.util.Arrays.stream(CompatCase.Tool.values()).filter(CompatCase.Tool::isAnsible)
                        .allMatch(t -> Files.isExecutable(CompatRunner.ansible(t))),
                "ansible-playbook, ansible or ansible-inventory is not installed: run bin/test to install ansible-core");
        CompatSuite suite = new CompatSuite(SUITE);
        recorded = AnsibleResults.load(SUITE);
        runner = new CompatRunner(SUITE);
        Path work = Files.createTempDirectory("ansible-compat");
        workDir = work;
        String only = System.getProperty("compat.only", "");
        pool = Executors.newFixedThreadPool(Integer.getInteger("compat.threads", 3));
        List<DynamicTest> tests = new ArrayList<>();
        int n = 0;
        Map<String, List<Runnable>> runsOfTarget = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, CompatCase> e : suite.cases.entrySet()) {
            if (!only.isEmpty() && !List.of(only.split(",")).contains(e.getValue().target())) {
                continue;
            }
            String name = e.getKey();
            CompatCase c = e.getValue();
            if (c.needsSsh() && !io.runbook.cli.SshTestServers.running()) {
                // skipped, saying how to start the servers (failed when SSH_IT_REQUIRED=1, as in CI)
                tests.add(DynamicTest.dynamicTest(name, io.runbook.cli.SshTestServers::require));
                continue;
            }
            if (Privileged.needed(SUITE, c.target()) && !Privileged.available()) {
                // ansible-test runs a needs/privileged target only in a privileged container: skipped elsewhere
                tests.add(DynamicTest.dynamicTest(name, () -> assumeTrue(false, c.target()
                        + " needs/privileged: this process may not administer the network (no CAP_NET_ADMIN, CAP_SYS_ADMIN)")));
                continue;
            }
            Path dir = work.resolve(String.valueOf(n++));
            CompletableFuture<Recap> ansible = live ? CompletableFuture.supplyAsync(() -> runner.runAnsible(c, dir.resolve("ansible")), pool)
                    : CompletableFuture.completedFuture(recorded.get(name, c));
            if (record) {
                tests.add(DynamicTest.dynamicTest(name, () -> {
                    Recap theirs = ansible.join();
                    assertTrue(theirs.exitCode() >= 0, name + ": " + c.tool().command + " " + theirs.output().lines().findFirst().orElse("")
                            + ": not recorded");
                    recorded.put(name, c, theirs);
                }));
                continue;
            }
            // the runs of one target one after another, as runme.sh runs them (see OutsideFiles too)
            CompletableFuture<Recap> engine = new CompletableFuture<>();
            runsOfTarget.computeIfAbsent(c.target(), t -> new ArrayList<>()).add(() -> {
                try {
                    engine.complete(runner.runEngine(c, dir.resolve("engine")));
                } catch (Throwable failure) {
                    engine.completeExceptionally(failure);
                }
            });
            String known = suite.knownDifferences.get(name);
            tests.add(DynamicTest.dynamicTest(name, () -> {
                Recap theirs = ansible.join();
                assertTrue(theirs != null, name + ": no result of ansible-playbook recorded for this run, or its run or"
                        + " target files changed since: record them again with tools/compat/record-results.sh");
                check(name, new Outcome(c, theirs, engine.join()), known);
            }));
        }
        // each target's runs are one task, the targets with the most runs first: a run never waits behind the whole
        // queue for the run before it, and the threads end together instead of one running a long target's last runs alone.
        // Before them the targets whose run mostly waits (wait_for's ends by waiting up to two minutes for the async jobs
        // it left running): started last, such a run would be the suite's tail on its own
        runsOfTarget.entrySet().stream().sorted(java.util.Comparator.comparingInt(
                        (Map.Entry<String, List<Runnable>> t) -> WAITING.contains(t.getKey()) ? Integer.MIN_VALUE : -t.getValue().size()))
                .forEach(t -> pool.execute(() -> t.getValue().forEach(Runnable::run)));
        for (String listed : suite.knownDifferences.keySet()) {
            tests.add(DynamicTest.dynamicTest("known difference " + listed + " names a run",
                    () -> assertTrue(suite.cases.containsKey(listed), listed + " is in known-differences.yml but not in cases.yml")));
        }
        return tests.stream();
    }

    /** A known difference whose reason starts so may match on one machine and not on another (see its reason). */
    static final String DEPENDS_ON_THE_MACHINE = "depends on the machine: ";

    private static void check(String name, Outcome o, String knownReason) {
        synchronized (OUTCOMES) {
            OUTCOMES.put(name, o);
        }
        String tool = o.c().tool().command;
        String detail = o.c().id() + "\n--- " + tool + ": " + o.ansible().summary() + "\n--- engine: "
                + o.engine().summary() + "\n--- engine output:\n" + tail(o.engine().output()) + "\n--- ansible output:\n"
                + tail(o.ansible().output());
        if (knownReason == null) {
            assertTrue(o.same(), "the engine ends differently from " + tool + ":\n" + detail);
        } else if (knownReason.startsWith(DEPENDS_ON_THE_MACHINE)) {
            // how such a run ends depends on the machine (its network), not on the engine: either end is accepted
        } else {
            assertFalse(o.same(), name + " now matches " + tool + ": remove it from known-differences.yml ("
                    + knownReason + ")\n" + detail);
        }
    }

    private static String tail(String out) {
        String[] lines = out.split("\\R");
        return String.join("\n", java.util.Arrays.asList(lines).subList(Math.max(0, lines.length - 60), lines.length));
    }

    @AfterAll
    static void report() throws IOException {
        if (pool != null) {
            pool.shutdownNow();
        }
        if (workDir != null) {
            CompatRunner.deleteTree(workDir);
        }
        if (Boolean.getBoolean("compat.record") && recorded != null) {
            recorded.write(CompatRunner.ansibleVersion());
        }
        if (OUTCOMES.isEmpty()) {
            return;
        }
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/ansible-compat-times.txt"), runner.times());
        Map<String, boolean[]> targets = new TreeMap<>();
        StringBuilder lines = new StringBuilder();
        int same = 0;
        for (Map.Entry<String, Outcome> e : OUTCOMES.entrySet()) {
            Outcome o = e.getValue();
            same += o.same() ? 1 : 0;
            boolean[] t = targets.computeIfAbsent(o.c().target(), k -> new boolean[] {true});
            t[0] &= o.same();
            lines.append(o.same() ? "SAME  " : "DIFF  ").append(e.getKey()).append("  ansible ")
                    .append(o.ansible().summary()).append(" | engine ").append(o.engine().summary()).append('\n');
        }
        long targetsSame = targets.values().stream().filter(t -> t[0]).count();
        String summary = "Ansible compatibility: " + same + " of " + OUTCOMES.size() + " runs end like Ansible's; "
                + targetsSame + " of " + targets.size() + " targets match in every run\n";
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/ansible-compat-report.txt"), summary + lines);
        System.out.println(summary);
    }
}
