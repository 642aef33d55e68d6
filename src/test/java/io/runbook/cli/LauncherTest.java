package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/runbook}, the launcher, as installed beside a jar: which java command it starts. The java it finds
 * ({@code JAVA_HOME}) is a script that prints its arguments, so no jar needs to be built.
 */
class LauncherTest {
    private static final Path LAUNCHER = Path.of("..", "bin", "runbook").toAbsolutePath().normalize();

    @TempDir
    Path dir;
    private Path install;
    private Path jar;
    private Path javaHome;

    @BeforeEach
    void install() throws IOException {
        install = Files.createDirectories(dir.resolve("install")).toRealPath();
        Files.createDirectories(install.resolve("bin"));
        assertTrue(Files.copy(LAUNCHER, install.resolve("bin/runbook")).toFile().setExecutable(true));
        jar = Files.write(Files.createDirectories(install.resolve("target")).resolve("engine.jar"), new byte[0]);
        Files.write(install.resolve("target/engine.jsa"), new byte[0]);
        javaHome = Files.createDirectories(dir.resolve("jdk/bin")).getParent();
        Path java = Files.writeString(javaHome.resolve("bin/java"), "#!/usr/bin/env bash\nprintf '%s\\n' \"$@\"\nprintf 'LC_ALL=%s LC_CTYPE=%s' \"${LC_ALL:-}\" \"${LC_CTYPE:-}\" > \"${0%/*}/locale\"\n");
        assertTrue(java.toFile().setExecutable(true));
    }

    @Test
    void startsTheMainClassFromTheJarBesideItWithItsArchive() throws Exception {
        Result r = launch(dir, Map.of(), install.resolve("bin/runbook").toString(), "--version");
        assertEquals(0, r.exit, r.out);
        assertEquals(jar, classPath(r));
        assertEquals(List.of("io.runbook.cli.Main", "--version"), r.args.subList(r.args.size() - 2, r.args.size()));
        String archive = r.args.stream().filter(a -> a.startsWith("-XX:SharedArchiveFile=")).findFirst().orElseThrow();
        assertEquals(install.resolve("target/engine.jsa"), Path.of(archive.substring(archive.indexOf('=') + 1)).toRealPath());
        assertTrue(r.args.contains("-Xshare:auto"), r.out);
    }

    @Test
    void aLauncherReachedThroughALinkOrARelativePathFindsTheSameJar() throws Exception {
        Path links = Files.createDirectories(dir.resolve("links"));
        Files.createSymbolicLink(links.resolve("rb"), install.resolve("bin/runbook"));
        assertEquals(jar, classPath(launch(dir, Map.of(), links.resolve("rb").toString(), "--version")));
        assertEquals(jar, classPath(launch(install, Map.of(), "bash", "bin/runbook", "--version")));
        assertEquals(jar, classPath(launch(install.resolve("bin"), Map.of(), "bash", "runbook", "--version")));
    }

    @Test
    void aLinkNamedAnsibleRunsTheAdhocCommandAndOneNamedAnsiblePlaybookAPlaybook() throws Exception {
        Path links = Files.createDirectories(dir.resolve("links"));
        Files.createSymbolicLink(links.resolve("ansible"), install.resolve("bin/runbook"));
        Files.createSymbolicLink(links.resolve("ansible-playbook"), install.resolve("bin/runbook"));
        Result adhoc = launch(dir, Map.of(), links.resolve("ansible").toString(), "web", "-m", "ping");
        assertEquals(jar, classPath(adhoc));
        assertEquals(List.of("io.runbook.cli.Main", "adhoc", "web", "-m", "ping"), adhoc.args.subList(adhoc.args.size() - 5, adhoc.args.size()));
        Result run = launch(dir, Map.of(), links.resolve("ansible-playbook").toString(), "site.yml");
        assertEquals(List.of("io.runbook.cli.Main", "site.yml"), run.args.subList(run.args.size() - 2, run.args.size()));
    }

    @Test
    void runbookJarIsMadeAbsoluteAndALinkToItFollowed() throws Exception {
        Path other = Files.write(Files.createDirectories(dir.resolve("other")).resolve("engine.jar"), new byte[0]).toRealPath();
        Path link = Files.createSymbolicLink(dir.resolve("linked.jar"), other);
        Result relative = launch(dir, Map.of("RUNBOOK_JAR", "other/engine.jar"), install.resolve("bin/runbook").toString(), "--version");
        assertTrue(argAfter(relative, "-cp").startsWith("/"), relative.out);
        assertEquals(other, classPath(relative));
        Result linked = launch(dir, Map.of("RUNBOOK_JAR", link.toString()), install.resolve("bin/runbook").toString(), "--version");
        assertEquals(other.toString(), argAfter(linked, "-cp"), "the jar itself, not the link: the archive knows it so");
    }

    @Test
    void onlyCommandsThatRunNoTaskCompileLessAndOptionsComeLast() throws Exception {
        String runbook = install.resolve("bin/runbook").toString();
        assertTrue(launch(dir, Map.of(), runbook, "--syntax-check", "site.yml").args.contains("-XX:CompileThresholdScaling=5"));
        Result run = launch(dir, Map.of("RUNBOOK_JAVA_OPTS", "-Xmx1g -XX:TieredStopAtLevel=4"), runbook, "site.yml");
        assertFalse(run.args.contains("-XX:CompileThresholdScaling=5"), run.out);
        int given = run.args.indexOf("-XX:TieredStopAtLevel=4");
        assertTrue(given > run.args.indexOf("-XX:TieredStopAtLevel=1") && given < run.args.indexOf("-cp"), run.out);
    }

    @Test
    void theHeapIsBoundedWithAYoungGenerationOfAThirdOfItAtMost128Mb() throws Exception {
        String runbook = install.resolve("bin/runbook").toString();
        Result byDefault = launch(dir, Map.of(), runbook, "site.yml");
        assertTrue(byDefault.args.containsAll(List.of("-Xmx384m", "-Xmn128m", "-Xms256m")), byDefault.out);
        Result large = launch(dir, Map.of("RUNBOOK_HEAP", "2g"), runbook, "site.yml");
        assertTrue(large.args.containsAll(List.of("-Xmx2048m", "-Xmn128m", "-Xms256m")), large.out);
        Result small = launch(dir, Map.of("RUNBOOK_HEAP", "120M"), runbook, "site.yml");
        assertTrue(small.args.containsAll(List.of("-Xmx120m", "-Xmn40m", "-Xms80m")), small.out);
        Result wrong = launch(dir, Map.of("RUNBOOK_HEAP", "1.5g"), runbook, "site.yml");
        assertEquals(1, wrong.exit, wrong.out);
        assertEquals("bin/runbook: RUNBOOK_HEAP=1.5g is no heap size: give one such as 512m or 2g", wrong.out.strip());
    }

    @Test
    void fewerThreadStopsAndHugePagesWhenTheKernelGivesThemOnRequest() throws Exception {
        Result r = launch(dir, Map.of(), install.resolve("bin/runbook").toString(), "site.yml");
        int size = r.args.indexOf("-XX:InlineCacheBufferSize=128k");
        assertTrue(size > r.args.indexOf("-XX:+UnlockExperimentalVMOptions") && r.args.indexOf("-XX:+UnlockExperimentalVMOptions") > 0
                && r.args.indexOf("-XX:+IgnoreUnrecognizedVMOptions") >= 0, r.out);
        Path thp = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
        boolean onRequest = Files.isReadable(thp) && Files.readString(thp).contains("[madvise]");
        assertEquals(onRequest, r.args.contains("-XX:+UseTransparentHugePages"), r.out);
    }

    @Test
    void thisMachinesJavaTakesTheLaunchersOptionsWithoutAWord() throws Exception {
        // the options the launcher gives (without the archive, which the fake install does not have for real), to the
        // java that runs these tests: it starts, and says nothing about them (no warning, no unrecognised option)
        Files.delete(install.resolve("target/engine.jsa"));
        Result r = launch(dir, Map.of(), install.resolve("bin/runbook").toString(), "site.yml");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(r.args.subList(0, r.args.indexOf("-cp")));
        command.add("-version");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "java ended");
        assertEquals(0, p.exitValue(), out);
        assertFalse(out.toLowerCase(java.util.Locale.ROOT).contains("warning") || out.contains("Unrecognized"), out);
    }

    @Test
    void theCLocaleIsTakenAsCUtf8AndFilesAreReadAsUtf8InAnyLocale() throws Exception {
        String runbook = install.resolve("bin/runbook").toString();
        Map<String, String> none = new java.util.HashMap<>();
        for (String name : List.of("LANG", "LC_ALL", "LC_CTYPE")) {
            none.put(name, "");
        }
        assertEquals("LC_ALL= LC_CTYPE=C.UTF-8", localeOf(none, runbook));
        none.put("LANG", "POSIX");
        assertEquals("LC_ALL= LC_CTYPE=C.UTF-8", localeOf(none, runbook));
        none.put("LC_ALL", "C");
        assertEquals("LC_ALL=C.UTF-8 LC_CTYPE=", localeOf(none, runbook), "Ansible refuses LC_ALL=C; the engine reads it as UTF-8");
        assertEquals("LC_ALL= LC_CTYPE=de_DE.UTF-8", localeOf(Map.of("LC_ALL", "", "LC_CTYPE", "de_DE.UTF-8"), runbook));
        assertEquals("LC_ALL=en_GB.ISO-8859-1 LC_CTYPE=", localeOf(Map.of("LC_ALL", "en_GB.ISO-8859-1", "LC_CTYPE", ""), runbook));
        assertTrue(launch(dir, Map.of("LANG", "en_GB.ISO-8859-1"), runbook, "site.yml").args.contains("-Dfile.encoding=UTF-8"));
    }

    /** LC_ALL and LC_CTYPE as the launcher gives them to java, started with {@code env} set (an empty value: unset). */
    private String localeOf(Map<String, String> env, String runbook) throws Exception {
        Map<String, String> set = new java.util.HashMap<>(env);
        set.values().removeIf(String::isEmpty);
        List<String> command = new ArrayList<>(List.of("env"));
        env.forEach((name, value) -> {
            if (value.isEmpty()) {
                command.addAll(List.of("-u", name));
            }
        });
        command.add(runbook);
        command.add("site.yml");
        assertEquals(0, launch(dir, set, command.toArray(String[]::new)).exit);
        return Files.readString(javaHome.resolve("bin/locale"));
    }

    @Test
    void withoutAnArchiveItStartsWithoutOne() throws Exception {
        Files.delete(install.resolve("target/engine.jsa"));
        Result r = launch(dir, Map.of(), install.resolve("bin/runbook").toString(), "--version");
        assertEquals(0, r.exit, r.out);
        assertTrue(r.args.stream().noneMatch(a -> a.contains("SharedArchiveFile")), r.out);
    }

    @Test
    void aMissingJarIsSaidWithHowToBuildIt() throws Exception {
        Files.delete(jar);
        Result r = launch(dir, Map.of(), install.resolve("bin/runbook").toString(), "--version");
        assertEquals(1, r.exit, r.out);
        assertTrue(r.out.contains("target/engine.jar not found") && r.out.contains("mvn"), r.out);
    }

    private Path classPath(Result r) throws IOException {
        return Path.of(argAfter(r, "-cp")).toRealPath();
    }

    private static String argAfter(Result r, String option) {
        int i = r.args.indexOf(option);
        assertTrue(i >= 0 && i + 1 < r.args.size(), r.out);
        return r.args.get(i + 1);
    }

    private record Result(int exit, String out, List<String> args) {
    }

    private Result launch(Path cwd, Map<String, String> env, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(cwd.toFile()).redirectErrorStream(true);
        pb.environment().remove("RUNBOOK_JAR");
        pb.environment().remove("RUNBOOK_JAVA_OPTS");
        pb.environment().put("JAVA_HOME", javaHome.toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "the launcher ended");
        return new Result(p.exitValue(), out, out.lines().toList());
    }
}
