package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text is UTF-8 whatever the locale (docs/cli.md, "Text encoding"): a run started with an empty environment (the C
 * locale, as cron or {@code env -i} start it) prints its task names and messages, writes files and reads what commands
 * print without a character made a {@code ?}. The launcher's part (the C locale taken as C.UTF-8) is in
 * {@link LauncherTest}; here the engine is started as it gives it, and without it.
 */
class TextEncodingTest {
    private static final String PLAYBOOK = "test/resources/encoding/dé/utf8.yml";

    @TempDir
    Path dir;

    @Test
    void theCLocaleAloneStillPrintsWritesAndReadsUtf8() throws Exception {
        // no LANG, no LC_*, no file.encoding: Java's own encoding is ASCII; only the engine's own choices hold
        Path ascii = Files.createDirectories(dir.resolve("p"));
        Files.copy(Path.of(PLAYBOOK), ascii.resolve("utf8.yml"));
        String out = run(Map.of(), List.of(), ascii.resolve("utf8.yml").toString());
        assertPrinted(out, "");
        // what Java cannot do there (a command's arguments, the command line, file names) is said, not done silently
        assertTrue(out.startsWith("[WARNING]: the locale's encoding is ANSI_X3.4-1968, not UTF-8:"), out);
    }

    @Test
    void asTheLauncherStartsItTheCommandLineAndFileNamesAreUtf8Too() throws Exception {
        String out = run(Map.of("LC_CTYPE", "C.UTF-8"), List.of("-Dfile.encoding=UTF-8"),
                Path.of(PLAYBOOK).toAbsolutePath().toString(), "-e", "who=wörld");
        assertPrinted(out, "wörld");
        assertTrue(out.contains("\"echoed.stdout\": \"argument é wörld\""), out);
        assertFalse(out.contains("?") || out.contains("\uFFFD") || out.contains("WARNING"), out);
    }

    @Test
    void anLcAllTheSystemDoesNotHaveIsRefusedAsAnsibleRefusesIt() throws Exception {
        // preflight_encoding's 'test locales error': LC_ALL wins over a good LC_CTYPE, and no coercion saves it
        ProcessBuilder builder = new ProcessBuilder(EngineJvm.command()).redirectErrorStream(true);
        builder.command().add("--version");
        builder.environment().keySet().removeIf(name -> !name.equals("PATH"));
        builder.environment().putAll(Map.of("LC_ALL", "ham_sandwich", "LC_CTYPE", "C.UTF-8"));
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the engine did not end");
        assertEquals(5, p.exitValue(), out);
        assertTrue(out.startsWith("ERROR: Ansible could not initialize the preferred locale: unsupported locale setting (LC_ALL=ham_sandwich"), out);
        // a missing LC_CTYPE alone is the C locale with the warning (Python coerces it to C.UTF-8: Ansible starts too)
        Path ascii = Files.createDirectories(dir.resolve("p"));
        Files.copy(Path.of(PLAYBOOK), ascii.resolve("utf8.yml"));
        String run = run(Map.of("LC_CTYPE", "ham_sandwich"), List.of(), ascii.resolve("utf8.yml").toString());
        assertPrinted(run, "");
        assertTrue(run.startsWith("[WARNING]: the locale's encoding is ANSI_X3.4-1968, not UTF-8:"), run);
    }

    /** What is printed right in either case (without a command's non-ASCII arguments in the C locale). */
    private void assertPrinted(String out, String who) throws Exception {
        assertTrue(out.contains("TASK [Café ✓] *"), out);
        assertTrue(out.contains("\"msg\": \"héllo ✓ " + who + "\""), out);
        assertTrue(out.contains("\"printed.stdout\": \"sortie é ✓\""), out);
        assertTrue(out.contains("\"msg\": \"naïve ✓ / naïve ✓\""), out);
        assertArrayEquals("naïve ✓\n".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(dir.resolve("out.txt")));
    }

    /** The engine's output (read as UTF-8) from a run in an environment of {@code env} and PATH only, which must succeed. */
    private String run(Map<String, String> env, List<String> jvmOptions, String playbook, String... more) throws Exception {
        List<String> command = new ArrayList<>(EngineJvm.command(jvmOptions.toArray(String[]::new)));
        command.addAll(List.of(playbook, "-i", "localhost,", "-c", "local", "-e", "dest=" + dir.resolve("out.txt")));
        command.addAll(List.of(more));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> !name.equals("PATH"));
        builder.environment().put("HOME", dir.toString());
        builder.environment().putAll(env);
        Process p = builder.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the engine did not end");
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
