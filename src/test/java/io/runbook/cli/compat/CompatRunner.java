package io.runbook.cli.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs one {@link CompatCase} with one tool (ansible-playbook, ansible or ansible-inventory as the case says, or the
 * engine's command that stands for it, in a JVM of its own; a script of runme.sh with the one or the other first on
 * PATH) the way ansible-test
 * runs integration targets: in a fresh copy of the target (and the targets it needs) below an integration folder
 * holding ansible-test's inventory, from the target's folder, with {@code OUTPUT_DIR}, {@code INVENTORY_PATH} and a
 * home of its own.
 */
final class CompatRunner {
    static final Path ANSIBLE = Path.of("/usr/bin/ansible-playbook");
    /** Where Debian's ansible-core puts its commands. */
    private static final Path BIN = ANSIBLE.getParent();
    private static final long TIMEOUT_SECONDS = 600;
    private final Path suite;
    /** Each run's seconds: waiting for OutsideFiles' locks, copying the target, the process (see {@link #times()}). */
    private final Map<String, double[]> times = new java.util.concurrent.ConcurrentHashMap<>();

    /** {@code suite}: the folder holding {@code targets/} and {@code inventory}. */
    CompatRunner(Path suite) {
        this.suite = suite;
    }

    /** The first line of {@code ansible-playbook --version}, such as {@code ansible-playbook [core 2.14.18]}. */
    static String ansibleVersion() throws IOException {
        Process p = new ProcessBuilder(ANSIBLE.toString(), "--version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return out.lines().findFirst().orElse("ansible-playbook").strip();
    }

    /** The Ansible command a case calls. */
    static Path ansible(CompatCase.Tool tool) {
        return BIN.resolve(tool.command);
    }

    /** Ansible's run; a script's with Debian's ansible-core first on PATH. */
    Recap runAnsible(CompatCase c, Path work) {
        if (!c.tool().isAnsible()) {
            return run(c, work, new ArrayList<>(), BIN);
        }
        List<String> command = new ArrayList<>(List.of(ansible(c.tool()).toString()));
        return run(c, work, command, null);
    }

    /**
     * The engine's run. The {@code ansible-playbook}, {@code ansible} and {@code ansible-inventory} commands its tasks run (jinja_plugins',
     * yaml_parsing's, missing_required_lib's, ...) are the engine too, as ansible-test puts the Ansible under test
     * first on PATH: else they would test the machine's Ansible.
     */
    Recap runEngine(CompatCase c, Path work) {
        List<String> command = io.runbook.cli.EngineJvm.command();
        try {
            Path bin = Files.createDirectories(work.resolve("bin"));
            launcher(bin.resolve("ansible-playbook"), command, List.of());
            launcher(bin.resolve("ansible"), command, List.of("adhoc"));
            launcher(bin.resolve("ansible-inventory"), command, List.of("inventory"));
            if (!c.tool().isAnsible()) {
                command = new ArrayList<>();
            } else if (c.tool().engineCommand != null) {
                command.add(c.tool().engineCommand);
            }
            return run(c, work, command, bin);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A shell script that runs {@code command}, then {@code first}, then its own arguments. */
    private static void launcher(Path script, List<String> command, List<String> first) throws IOException {
        StringBuilder line = new StringBuilder("#!/bin/sh\nexec");
        Stream.concat(command.stream(), first.stream()).forEach(w -> line.append(" '").append(w.replace("'", "'\\''")).append('\''));
        Files.writeString(script, line.append(" \"$@\"\n").toString());
        script.toFile().setExecutable(true);
    }

    /**
     * The run's outcome, its folder (a copy of the target and what the run wrote, about 150 KB to a few MB) removed once
     * its output is read: the suite's 500-odd runs would otherwise leave hundreds of megabytes in the temporary folder,
     * which ansible-vault's test_dangling_temp.yml then reads through whole (its find of /tmp and /var/tmp).
     */
    private Recap run(CompatCase c, Path work, List<String> command, Path bin) {
        long asked = System.nanoTime();
        double[] time = new double[3];
        times.put((bin == null || bin.equals(BIN) ? "ansible " : "engine ") + c.id(), time);
        try {
            return OutsideFiles.whileHeld(c.target(), () -> {
                time[0] = seconds(asked);
                return runAlone(c, work, command, bin, time);
            });
        } finally {
            deleteTree(work);
        }
    }

    /** Removes {@code dir} and what it holds, as far as it can (a file a run's background job still writes may stay). */
    static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a folder removed meanwhile or not readable: what is left stays in the temporary folder
        }
    }

    private Recap runAlone(CompatCase c, Path work, List<String> command, Path bin, double[] time) {
        try {
            long started = System.nanoTime();
            Path integration = prepare(c, work);
            time[1] = seconds(started);
            Path cwd = c.role() ? integration : integration.resolve("targets").resolve(c.target()).resolve(c.cwd()).normalize();
            if (c.role()) {
                command.addAll(List.of(rolePlaybook(c, integration).getFileName().toString(), "-i", "inventory"));
            } else if (!c.tool().isAnsible()) {
                // a script: its line, run by bash as runme.sh runs it (${OUTPUT_DIR} from the environment)
                command.addAll(List.of("/bin/bash", "-c", c.args().get(0)));
            } else {
                // ${OUTPUT_DIR} as runme.sh's shell expands it
                String output = work.resolve("output").toString();
                c.args().forEach(a -> command.add(a.replace("${OUTPUT_DIR}", output)));
            }
            // ansible-inventory's standard output is what is compared: its warnings go to a file of their own
            boolean apart = c.tool() == CompatCase.Tool.INVENTORY;
            ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(!apart);
            environment(pb.environment(), c, integration, work, cwd);
            if (bin != null) {
                pb.environment().merge("PATH", bin.toString(), (path, b) -> b + java.io.File.pathSeparator + path);
            }
            Path log = work.resolve("output.log");
            Path errors = work.resolve("errors.log");
            pb.redirectOutput(log.toFile());
            if (apart) {
                pb.redirectError(errors.toFile());
            }
            long start = System.nanoTime();
            Process p = pb.start();
            boolean ended = p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            time[2] = seconds(start);
            if (!ended) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                return Recap.of(-1, "timed out after " + TIMEOUT_SECONDS + " s\n" + Files.readString(log));
            }
            String stdout = Files.readString(log, StandardCharsets.UTF_8);
            String output = apart ? stdout + Files.readString(errors, StandardCharsets.UTF_8) : stdout;
            return Recap.of(c.tool(), p.exitValue(), stdout, output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void environment(Map<String, String> env, CompatCase c, Path integration, Path work, Path cwd) throws IOException {
        env.keySet().removeIf(k -> k.startsWith("ANSIBLE_") || k.equals("KUBECONFIG"));
        Path home = Files.createDirectories(work.resolve("home"));
        Path output = Files.createDirectories(work.resolve("output"));
        env.put("HOME", home.toString());
        // where async jobs are written and looked for: ansible-core's async_wrapper expands ~ with HOME but its
        // async_status action with the login user's home (~root), which is not this HOME; an absolute folder is the
        // same for both, as the user's home is when ansible-test runs a target
        env.put("ANSIBLE_ASYNC_DIR", home.resolve(".ansible_async").toString());
        env.put("ANSIBLE_NOCOLOR", "1");
        env.put("ANSIBLE_FORCE_COLOR", "0");
        env.put("ANSIBLE_RETRY_FILES_ENABLED", "0");
        env.put("ANSIBLE_DEPRECATION_WARNINGS", "0");
        env.put("ANSIBLE_LOCALHOST_WARNING", "0");
        env.put("ANSIBLE_PLAYBOOK_DIR", integration.resolve("targets").resolve(c.target()).toString());
        env.put("OUTPUT_DIR", output.toString());
        env.put("INVENTORY_PATH", integration.resolve("inventory").toString());
        if (c.role()) {
            env.put("ANSIBLE_ROLES_PATH", integration.resolve("targets").toString());
        }
        // ${PWD} and ${OUTPUT_DIR} in a setting as runme.sh's shell expands them (the folder the run starts in, the output
        // folder); ${SSH_CONFIG} and ${SSH_IT_*}: the test sshd's login to localhost (see CompatCase#needsSsh)
        Map<String, String> ssh = new java.util.HashMap<>();
        if (c.needsSsh()) {
            Map<String, String> servers = io.runbook.cli.SshTestServers.require();
            servers.forEach((k, v) -> ssh.put("${" + k + "}", v));
            ssh.put(CompatCase.SSH_CONFIG, io.runbook.cli.SshTestServers.localhostConfig(work.resolve("ssh_config"), servers).toString());
        }
        c.env().forEach((k, v) -> {
            String value = v.replace("${PWD}", cwd.toString()).replace("${OUTPUT_DIR}", output.toString());
            for (Map.Entry<String, String> e : ssh.entrySet()) {
                value = value.replace(e.getKey(), e.getValue());
            }
            env.put(k, value);
        });
    }

    /** The playbook ansible-test writes for a target without runme.sh. */
    private static Path rolePlaybook(CompatCase c, Path integration) throws IOException {
        Path play = integration.resolve(c.target() + "-compat.yml");
        Files.writeString(play, "- hosts: testhost\n  gather_facts: true\n  vars:\n    output_dir: "
                + integration.getParent().resolve("output") + "\n  roles:\n    - " + c.target() + "\n");
        return play;
    }

    /** A fresh copy of the target and the targets it needs, with the inventory, under {@code work/integration}. */
    private Path prepare(CompatCase c, Path work) throws IOException {
        Path integration = Files.createDirectories(work.resolve("integration"));
        Files.copy(suite.resolve("inventory"), integration.resolve("inventory"));
        Path targets = Files.createDirectories(integration.resolve("targets"));
        for (String t : TargetDependencies.of(suite.resolve("targets"), c.target())) {
            copyTree(suite.resolve("targets").resolve(t), targets.resolve(t));
        }
        return integration;
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /**
     * The runs' times, slowest first, a line each: the run's whole seconds, then waiting for OutsideFiles' locks, copying
     * the target and the process's own; with the sums of each column.
     */
    String times() {
        double[] sum = new double[3];
        StringBuilder lines = new StringBuilder();
        times.entrySet().stream().sorted(java.util.Comparator.comparingDouble(e -> -(e.getValue()[0] + e.getValue()[1] + e.getValue()[2])))
                .forEach(e -> {
                    double[] t = e.getValue();
                    lines.append(String.format(java.util.Locale.ROOT, "%7.2f  locks %6.2f  copy %5.2f  process %7.2f  %s%n",
                            t[0] + t[1] + t[2], t[0], t[1], t[2], e.getKey()));
                    java.util.Arrays.setAll(sum, i -> sum[i] + t[i]);
                });
        return String.format(java.util.Locale.ROOT, "%d runs: %.1f s, of which waiting for locks %.1f s, copying %.1f s, processes %.1f s%n",
                times.size(), sum[0] + sum[1] + sum[2], sum[0], sum[1], sum[2]) + lines;
    }

    static Map<String, String> env(Map<String, ?> written) {
        Map<String, String> out = new LinkedHashMap<>();
        written.forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }
}
