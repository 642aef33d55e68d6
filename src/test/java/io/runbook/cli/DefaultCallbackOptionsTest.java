package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/**
 * The default callback's options (display_skipped_hosts, display_ok_hosts, display_failed_stderr, check_mode_markers,
 * show_custom_stats, show_per_host_start, show_task_path_on_failure): {@code engine/callbacks/options/options.yml} run
 * as a user runs it, in the folder's ansible.cfg (some set there, the others by their variables), its stdout and stderr
 * compared with what ansible-playbook 2.14 printed (the folder's README).
 */
class DefaultCallbackOptionsTest {
    private static final String DIR = "callbacks/options/";

    private static RunResult run(Map<String, String> env, String... more) {
        return CallbackOutputTest.run(DIR, "options.yml", env, more);
    }

    /**
     * As recorded: the folder's path as {@code <dir>/}; a task path as Ansible writes it ({@code <dir>/FILE:LINE}, where
     * the engine names the file as given with its column too); the playbook as {@code N plays in} names it, by its name.
     */
    private static String masked(String text) {
        String dir = EngineRun.FIXTURES.resolve(DIR).toAbsolutePath().normalize() + "/";
        return text.replace(dir, "<dir>/")
                .replaceAll("(?m)^task path: (?:.*/)?([^/]+\\.yml):(\\d+)(?::\\d+)?$", "task path: <dir>/$1:$2")
                .replaceAll("(?m)^(\\d+ plays in ).*/", "$1");
    }

    private static void sameAsAnsible(String recorded, RunResult r) throws IOException {
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(Files.readString(EngineRun.FIXTURES.resolve(DIR + recorded + ".stdout")), masked(r.out()), r.toString());
        // without the engine's line naming the run's journal
        assertEquals(Files.readString(EngineRun.FIXTURES.resolve(DIR + recorded + ".stderr")),
                masked(r.err().replaceAll("(?m)^journal: .*\n", "")), r.toString());
    }

    /**
     * Ok and skipped results hidden: a task's banner only before its first line shown (none for a task whose every
     * result is hidden, a handler's too); failures on stderr, a failed task's path above -v's; a start line per host
     * and task; the play and task in check mode marked; set_stats' data after the recap, aggregated.
     */
    @Test
    void hiddenResultsDelayTheBannerAndTheOtherOptionsAddTheirLines() throws IOException {
        sameAsAnsible("hidden", run(Map.of("ANSIBLE_DISPLAY_OK_HOSTS", "0", "ANSIBLE_CHECK_MODE_MARKERS", "1",
                "ANSIBLE_SHOW_PER_HOST_START", "1", "ANSIBLE_SHOW_TASK_PATH_ON_FAILURE", "yes")));
    }

    /** --check with markers: DRY RUN banners, every banner marked; skipped hidden, the task path with each banner (-vv). */
    @Test
    void checkRunsAreMarkedAndTheDelayedBannerKeepsItsTaskPath() throws IOException {
        RunResult r = run(Map.of("ANSIBLE_DISPLAY_FAILED_STDERR", "0", "ANSIBLE_CHECK_MODE_MARKERS", "true"),
                "--check", "-vv");
        // from the playbook's banner: the version blocks before it are each program's own
        String out = r.out();
        Matcher start = java.util.regex.Pattern.compile("\nPLAYBOOK: ").matcher(out);
        String shown = start.find() ? out.substring(start.start()) : out;
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(Files.readString(EngineRun.FIXTURES.resolve(DIR + "check-vv.stdout")), masked(shown), r.toString());
        assertEquals("", r.err().replaceAll("(?m)^journal: .*\n", ""), r.toString());
    }
}
