package io.runbook.cli;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The command line that starts the engine ({@link Main}) in a JVM of its own on the test class path, for the tests
 * that run it as a process (the Ansible compatibility suite's few hundred runs, {@link EngineProcess}, ...). Each such
 * start would read and verify some 3 000 classes from the class path again: the first call makes a class-data
 * sharing archive of them, once per test JVM, as {@code mvn package} makes target/engine.jsa for the jar (a
 * training run of cds/training.yml on the embedded lab lists the classes, {@code -Xshare:dump} stores them), and every
 * start maps it. The test JVMs that run side by side share it: it is made under target/engine-jvm, in a folder named
 * by the class path and what its folders hold (a rebuilt class makes a new one), by the first JVM that needs it while
 * it holds a file lock; the others wait for that lock and map the same archive. An archive needs a class path of jars only, so each folder of the class path (target/classes,
 * target/test-classes) is copied into a jar first, in its place: the engine sees the same classes and resources in the
 * same order. When the archive cannot be made (no cds/training.yml, a training run or dump that fails, a java that
 * does not start with it), the engine starts from the test class path as it is, without one; an archive the JVM
 * cannot map is ignored ({@code -Xshare:auto}) and says nothing ({@code -Xlog:cds=off}), so it never changes what a
 * run prints.
 */
public final class EngineJvm {
    private static final long LIMIT_MINUTES = 10;
    private static List<String> prefix;

    private EngineJvm() {
    }

    /**
     * The command that starts {@code program} (an installed program such as /usr/bin/ansible-playbook, the test
     * skipped where it is not installed), or the engine when it is null: for running the same arguments by both.
     */
    static List<String> commandOf(String program) {
        if (program == null) {
            return command();
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of(program)), program + " is not installed");
        return new ArrayList<>(List.of(program));
    }

    /**
     * {@code java}, the quick compiler and the serial collector as bin/runbook starts the engine, {@code jvmOptions},
     * the archive's options, {@code -cp} and the class path, then Main's class name.
     */
    public static List<String> command(String... jvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // the test JVM's temporary folder (/var/tmp, see the root pom), unless an option names another
        command.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
        // the C1 compiler only and no collector threads, as bin/runbook gives: the JVM's defaults (C2, G1) cost a third
        // more CPU time in a run of a few seconds (docs/benchmarks.md, "The test suite's time")
        command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        command.addAll(List.of(jvmOptions));
        command.addAll(prefix());
        command.add(Main.class.getName());
        return command;
    }

    private static synchronized List<String> prefix() {
        if (prefix == null) {
            String classPath = System.getProperty("java.class.path");
            List<String> archived = null;
            try {
                archived = archived(classPath);
            } catch (IOException e) {
                System.err.println("EngineJvm: no class-data sharing archive for the engine's runs: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            prefix = archived != null ? archived : List.of("-cp", classPath);
        }
        return prefix;
    }

    /**
     * The archive's options and a class path of jars, made by this JVM or by another test JVM of the same class path
     * (see the class's comment), or null (with the reason on stderr) when it could not be made.
     */
    private static List<String> archived(String classPath) throws IOException, InterruptedException {
        Path training = Path.of("cds").toAbsolutePath();
        if (!Files.isRegularFile(training.resolve("training.yml"))) {
            return null;
        }
        Path root = Path.of("target", "engine-jvm").toAbsolutePath();
        Files.createDirectories(root);
        Path dir = root.resolve(fingerprint(classPath));
        try (FileChannel channel = FileChannel.open(root.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = channel.lock()) {
            Path made = dir.resolve("options");
            if (Files.isRegularFile(made)) {
                return Files.readAllLines(made);
            }
            if (Files.isRegularFile(dir.resolve("failed"))) {
                System.err.println("EngineJvm: no class-data sharing archive: making it failed in another test JVM (" + dir + ")");
                return null;
            }
            try (Stream<Path> older = Files.list(root)) {
                older.filter(Files::isDirectory).forEach(EngineJvm::delete);
            }
            Files.createDirectories(dir);
            List<String> options = made(classPath, training, dir);
            if (options == null) {
                Files.writeString(dir.resolve("failed"), "");
            } else {
                Files.write(made, options);
            }
            return options;
        }
    }

    /** A name for the class path and what its folders hold now: their files' names, sizes and times. */
    private static String fingerprint(String classPath) throws IOException {
        java.security.MessageDigest digest;
        try {
            digest = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IOException(e);
        }
        digest.update(classPath.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        for (String entry : classPath.split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (!Files.isDirectory(p)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(p)) {
                for (Path f : (Iterable<Path>) walk.filter(Files::isRegularFile).sorted()::iterator) {
                    digest.update((f + "\0" + Files.size(f) + "\0" + Files.getLastModifiedTime(f).toMillis() + "\n")
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        }
        return java.util.HexFormat.of().formatHex(digest.digest(), 0, 12);
    }

    /** Makes the jars and the archive in {@code dir}: the archive's options, or null (the reason on stderr). */
    private static List<String> made(String classPath, Path training, Path dir) throws IOException, InterruptedException {
        List<String> jars = new ArrayList<>();
        int n = 0;
        for (String entry : classPath.split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (Files.isDirectory(p)) {
                Path jar = dir.resolve(n++ + "-" + p.getFileName() + ".jar");
                jar(p, jar);
                jars.add(jar.toString());
            } else {
                jars.add(entry);
            }
        }
        String jarPath = String.join(File.pathSeparator, jars);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path classList = dir.resolve("engine.classlist");
        Path archive = dir.resolve("engine.jsa");
        int trained = run(training, dir.resolve("training.log"), java, "-XX:DumpLoadedClassList=" + classList, "-XX:+UseSerialGC",
                "-cp", jarPath, Main.class.getName(), "training.yml", "-i", "hosts.yml", "--journal", dir.resolve("journal").toString());
        if (!Files.isRegularFile(classList)) {
            System.err.println("EngineJvm: no class-data sharing archive: the training run ended with " + trained + ", listing no class");
            return null;
        }
        int dumped = run(dir, dir.resolve("dump.log"), java, "-Xshare:dump", "-XX:SharedClassListFile=" + classList,
                "-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-cp", jarPath);
        if (dumped != 0 || !Files.isRegularFile(archive)) {
            System.err.println("EngineJvm: no class-data sharing archive: -Xshare:dump ended with " + dumped);
            return null;
        }
        // as bin/runbook maps target/engine.jsa: where it was built to be mapped (Java 17.0.15 relocates it otherwise)
        List<String> options = List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto", "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
                "-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0", "-cp", jarPath);
        List<String> check = new ArrayList<>(List.of(java));
        check.addAll(options);
        check.addAll(List.of(Main.class.getName(), "--version"));
        int started = run(dir, dir.resolve("check.log"), check.toArray(String[]::new));
        if (started != 0) {
            System.err.println("EngineJvm: no class-data sharing archive: a start with it ended with " + started);
            return null;
        }
        return options;
    }

    private static int run(Path cwd, Path log, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(LIMIT_MINUTES, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    /** {@code folder}'s files and folders, as a jar of them holds them. */
    private static void jar(Path folder, Path jar) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar)); Stream<Path> walk = Files.walk(folder)) {
            out.setLevel(Deflater.BEST_SPEED);
            for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
                String name = folder.relativize(p).toString().replace(File.separatorChar, '/');
                if (name.isEmpty()) {
                    continue;
                }
                if (Files.isDirectory(p)) {
                    out.putNextEntry(new ZipEntry(name + "/"));
                } else if (Files.isRegularFile(p)) {
                    out.putNextEntry(new ZipEntry(name));
                    Files.copy(p, (OutputStream) out);
                } else {
                    continue;
                }
                out.closeEntry();
            }
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary folder: the system cleans it up in the end
        }
    }
}
