package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.exec.ExitCode;
import io.runbook.engine.exec.PlaybookRunner;
import io.runbook.engine.exec.RunOptions;
import io.runbook.engine.inventory.Inventory;
import io.runbook.engine.module.ModuleRegistry;
import io.runbook.engine.playbook.PlaybookParser;
import io.runbook.engine.report.ConsoleReporter;
import io.runbook.engine.report.Redactor;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Ctrl-C, as the CLI's signal handler delivers it ({@link PlaybookRunner#interrupt()}): the running task
 * stops, nothing else starts, the recap is printed and the exit code is the interrupted one.
 */
class InterruptTest {
    @Test
    void interruptStopsTheRunningTaskPrintsTheRecapAndExits99() throws Exception {
        ModuleRegistry modules = ModuleRegistry.load();
        Path playbook = Path.of(EngineRun.fixture("cli/long_pause.yml"));
        Inventory inventory = Inventory.load(List.of(EngineRun.fixture("inventory/hosts.yml")), playbook.toAbsolutePath().getParent());
        StringWriter out = new StringWriter();
        Redactor redactor = new Redactor();
        RunOptions options = RunOptions.builder().environment(io.runbook.engine.env.RunEnvironment.of(System.getenv())).listener(new ConsoleReporter(new PrintWriter(out, true), redactor, 0, false)).build();
        PlaybookRunner runner = new PlaybookRunner(modules);
        CompletableFuture<Integer> code = CompletableFuture.supplyAsync(
                () -> runner.run(new PlaybookParser(modules).parse(playbook), inventory, options, redactor));
        Await.until(java.time.Duration.ofMinutes(5), "the pause to start", () -> out.toString().contains("TASK [wait]"));
        runner.interrupt();
        // the pause is 600 s: ending within the bound means the interrupt stopped it
        int exit = code.get(5, TimeUnit.MINUTES);
        assertEquals(ExitCode.INTERRUPTED, exit, out.toString());
        String recap = out.toString().substring(out.toString().indexOf("PLAY RECAP"));
        assertTrue(recap.lines().anyMatch(l -> l.startsWith("web1 ")) && recap.lines().anyMatch(l -> l.startsWith("web2 ")),
                "the interrupted hosts are in the recap: " + out);
        assertFalse(recap.contains("fatal:"), "every result is printed before the recap: " + out);
        assertTrue(out.toString().contains("[ERROR]: interrupted"), out.toString());
        assertFalse(out.toString().contains("TASK [never reached]"), out.toString());
    }
}
