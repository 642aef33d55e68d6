package io.runbook.engine.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.runbook.engine.inventory.Inventory;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleRegistry;
import io.runbook.engine.module.Result;
import io.runbook.engine.playbook.PlaybookParser;
import io.runbook.engine.report.HostStats;
import io.runbook.engine.report.Redactor;
import io.runbook.engine.report.RunListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * throttle as Ansible's strategies apply it (the compat target throttle): at most N hosts run a task at once, the
 * N of the task, else of its block. No clocks: each run of the {@code hold} module waits until every host is
 * accounted for — running it, done with it, or held back by the throttle — so that without a throttle every host
 * is inside at once, and with one exactly N are.
 */
class ThrottleTest {
    private static final int HOSTS = 5;

    @TempDir
    Path dir;

    /** Counts the runs of the task inside the module at once, and the most so far. */
    static final class Hold implements Module {
        private int inside;
        private int done;
        private int most;

        @Override
        public String name() {
            return "hold";
        }

        @Override
        public ArgSpec spec() {
            return ArgSpec.builder().build();
        }

        @Override
        public Result run(ModuleContext ctx) throws InterruptedException {
            synchronized (this) {
                inside++;
                most = Math.max(most, inside);
                notifyAll();
            }
            long guard = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);  // a hang guard, not the expected time
            synchronized (this) {
                while (inside + done + heldBack() < HOSTS && System.nanoTime() < guard) {
                    wait(10);  // the held-back count is read from the threads, which notify no one
                }
                inside--;
                done++;
                notifyAll();
            }
            return Result.ok();
        }

        synchronized int most() {
            return most;
        }
    }

    /**
     * The threads the throttle holds back: waiting (not merely passing) in its gate. Read while the module's lock is
     * held, so no thread moves from the gate into the module meanwhile.
     */
    private static int heldBack() {
        return (int) Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getState() == Thread.State.WAITING)
                .filter(e -> Arrays.stream(e.getValue()).anyMatch(f -> f.getClassName().endsWith(".ThrottleGate")
                        && f.getMethodName().equals("enter")))
                .count();
    }

    @ParameterizedTest
    @ValueSource(strings = {"linear", "free"})
    void aBlocksThrottleHoldsItsTasks(String strategy) throws IOException {
        Hold hold = run(strategy, """
                    - block:
                        - name: a task without a throttle of its own
                          hold:
                      throttle: 2
                """);
        assertEquals(2, hold.most(), "hosts inside the block's task at once");
    }

    @ParameterizedTest
    @ValueSource(strings = {"linear", "free"})
    void aTasksOwnThrottleWinsOverItsBlocks(String strategy) throws IOException {
        Hold hold = run(strategy, """
                    - block:
                        - hold:
                          throttle: "{{ 1 + 2 }}"
                      throttle: 1
                """);
        assertEquals(3, hold.most(), "hosts inside the task at once");
    }

    @ParameterizedTest
    @ValueSource(strings = {"linear", "free"})
    void withoutAThrottleEveryHostRunsAtOnce(String strategy) throws IOException {
        Hold hold = run(strategy, """
                    - hold:
                """);
        assertEquals(HOSTS, hold.most(), "hosts inside the task at once");
    }

    private Hold run(String strategy, String tasks) throws IOException {
        StringBuilder inventory = new StringBuilder("all:\n  hosts:\n");
        for (int i = 1; i <= HOSTS; i++) {
            inventory.append("    h").append(i).append(": {ansible_connection: local}\n");
        }
        Files.writeString(dir.resolve("hosts.yml"), inventory);
        Path playbook = dir.resolve("play.yml");
        Files.writeString(playbook, "- hosts: all\n  gather_facts: false\n  strategy: " + strategy + "\n  tasks:\n" + tasks);
        Hold hold = new Hold();
        ModuleRegistry modules = new ModuleRegistry(List.of(hold));
        Map<String, HostStats>[] recap = new Map[1];
        RunOptions options = RunOptions.builder().environment(io.runbook.engine.env.RunEnvironment.of(System.getenv())).forks(HOSTS).listener(new RunListener() {
            @Override
            public void recap(Map<String, HostStats> stats) {
                recap[0] = Map.copyOf(stats);
            }
        }).build();
        int code = new PlaybookRunner(modules).run(new PlaybookParser(modules).parse(playbook),
                Inventory.load(List.of(dir.resolve("hosts.yml").toString()), dir), options, new Redactor());
        assertEquals(0, code, "exit code");
        assertEquals(HOSTS, recap[0].size(), "hosts in the recap");
        recap[0].forEach((host, stats) -> assertEquals(1, stats.ok(), host + " ok"));
        return hold;
    }
}
