package io.runbook.modules.core;

import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.Args;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.modules.connection.CommandLine;
import io.runbook.modules.connection.Execution;
import io.runbook.modules.connection.HostConnection;
import io.runbook.modules.connection.HostConnections;
import io.runbook.modules.connection.ShellQuote;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code reboot}, as ansible-core 2.14's action plugin: reads the host's boot id, runs the shutdown command (found
 * in {@code search_paths}, Linux's arguments) or {@code reboot_command}, then waits until the boot id differs and
 * {@code test_command} works, each within {@code reboot_timeout}. The wait is a {@link Result#later} result
 * ({@link RebootWait}): a host waiting for its reboot holds no fork, and no thread between its attempts.
 * Refused on a local connection; in check mode it only says it would reboot.
 */
public final class RebootModule implements Module {
    /** Ansible's failed reboot shows when it started, as Python's {@code datetime.utcnow().isoformat()}. */
    private static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");
    static final List<String> SEARCH_PATHS = List.of("/sbin", "/bin", "/usr/sbin", "/usr/bin", "/usr/local/sbin");
    private static final ArgSpec SPEC = ArgSpec.builder()
            .arg(Arg.integer("reboot_timeout").defaultValue(600).description("seconds to wait for the new boot id, then again for test_command"))
            .arg(Arg.integer("connect_timeout").description("accepted for compatibility: each attempt takes as long as the connection's own timeout (ansible_timeout)"))
            .arg(Arg.str("test_command").defaultValue("whoami").description("the command that must work on the host once it is back"))
            .arg(Arg.integer("pre_reboot_delay").defaultValue(0).description("seconds before the reboot, given to shutdown in whole minutes (below 60: now)"))
            .arg(Arg.integer("post_reboot_delay").defaultValue(0).description("seconds to wait after the reboot command before the first check"))
            .arg(Arg.str("msg").defaultValue("Reboot initiated by Ansible").description("the message shutdown shows to the host's users"))
            .arg(Arg.list("search_paths").defaultValue(SEARCH_PATHS).description("the folders the shutdown command (or reboot_command's program) is looked for in"))
            .arg(Arg.str("boot_time_command").defaultValue("cat /proc/sys/kernel/random/boot_id").description("the command whose output changes with each boot"))
            .arg(Arg.str("reboot_command").description("the command that reboots instead of shutdown -r (its program looked for in search_paths unless absolute)"))
            .build();

    @Override
    public String name() {
        return "reboot";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public String description() {
        return "Reboot the host and wait until it is back (a new boot id, then test_command works), as Ansible's reboot";
    }

    @Override
    public Result run(ModuleContext ctx) throws ModuleException, InterruptedException {
        String action = ctx.writtenAction() == null ? name() : ctx.writtenAction();
        HostConnection host = HostConnections.of(ctx);
        if (host.isLocal()) {
            return Result.failed("Running " + action + " with local connection would reboot the control node.")
                    .with("elapsed", 0).with("rebooted", false);
        }
        if (ctx.checkMode()) {
            return Result.changed().with("elapsed", 0).with("rebooted", true);
        }
        Args args = ctx.args();
        String bootTimeCommand = args.string("boot_time_command");
        Execution boot = shell(host, bootTimeCommand);
        if (boot.rc() != 0) {
            // Ansible's result says "reboot" here, not "rebooted"
            return Result.failed(bootTimeFailure(action, boot)).with("reboot", false);
        }
        String command = shutdownCommand(host, args);
        Execution reboot;
        try {
            reboot = shell(host, command);
        } catch (ModuleException e) {
            if (!e.isUnreachable()) {
                throw e;
            }
            reboot = null;
        }
        long start = System.nanoTime();
        // the connection lost under the command (the host went down at once): rebooting, as Ansible takes it
        if (reboot != null && reboot.rc() != 0 && !(reboot.rc() == -1 && reboot.signal() == null)) {
            return Result.failed("Reboot command failed. Error was: '" + reboot.stdout().strip() + ", " + reboot.stderr().strip() + "'")
                    .with("rebooted", false).with("elapsed", 0).with("start", STARTED.format(LocalDateTime.now(ZoneOffset.UTC)));
        }
        RebootWait.Checks checks = new RebootWait.Checks(
                () -> bootTimeChanged(host, action, bootTimeCommand, boot.stdout().strip()),
                () -> testCommand(host, args.string("test_command")));
        return Result.later(RebootWait.start(ctx, checks, start, Duration.ofSeconds(Math.max(0, args.integer("post_reboot_delay"))),
                Duration.ofSeconds(args.integer("reboot_timeout"))));
    }

    /** The shutdown command line: Linux's {@code shutdown -r MIN "MSG"}, or reboot_command, its program found on the host. */
    private static String shutdownCommand(HostConnection host, Args args) throws ModuleException, InterruptedException {
        String program;
        String arguments;
        if (args.has("reboot_command") && args.string("reboot_command") != null) {
            String[] parts = args.string("reboot_command").split(" ", 2);
            program = parts[0];
            arguments = parts.length > 1 ? parts[1] : "";
        } else {
            program = "shutdown";
            arguments = "-r " + Math.max(0, args.integer("pre_reboot_delay")) / 60 + " \"" + args.string("msg") + "\"";
        }
        return (program.startsWith("/") ? program : find(host, program, args.strings("search_paths"))) + " " + arguments;
    }

    /** As Ansible's {@code find} in each of {@code paths}, in order: the first one that has {@code program}. */
    private static String find(HostConnection host, String program, List<String> paths) throws ModuleException, InterruptedException {
        List<String> candidates = new ArrayList<>();
        for (String path : paths) {
            candidates.add(ShellQuote.quote(path.endsWith("/") ? path + program : path + "/" + program));
        }
        Execution found = shell(host, "for p in " + String.join(" ", candidates)
                + "; do if [ -e \"$p\" ] || [ -L \"$p\" ]; then printf '%s\\n' \"$p\"; exit 0; fi; done; exit 1");
        if (found.rc() != 0 || found.stdout().isBlank()) {
            throw new ModuleException("Unable to find command \"" + program + "\" in search paths: "
                    + paths.stream().map(p -> "'" + p + "'").collect(Collectors.joining(", ", "[", "]")));
        }
        return found.stdout().strip();
    }

    private static void bootTimeChanged(HostConnection host, String action, String command, String before)
            throws ModuleException, InterruptedException {
        Execution now = shell(host, command);
        if (now.rc() != 0) {
            throw new ModuleException(bootTimeFailure(action, now));
        }
        // an empty answer (FreeBSD's just before it goes down) is no new boot either
        String id = now.stdout().strip();
        if (id.isEmpty() || id.equals(before)) {
            throw new ModuleException("boot time has not changed");
        }
    }

    private static void testCommand(HostConnection host, String command) throws ModuleException, InterruptedException {
        Execution done = shell(host, command);
        if (done.rc() != 0) {
            throw new ModuleException("Test command failed: " + done.stderr() + " " + done.stdout());
        }
    }

    private static String bootTimeFailure(String action, Execution done) {
        return action + ": failed to get host boot time info, rc: " + done.rc() + ", stdout: " + done.stdout() + ", stderr: " + done.stderr();
    }

    /** A command line given to the host's shell, as Ansible's low-level commands are (with become when the task has it). */
    private static Execution shell(HostConnection host, String line) throws ModuleException, InterruptedException {
        return host.run(new CommandLine(List.of("/bin/sh", "-c", line), null, null, Map.of()));
    }
}
