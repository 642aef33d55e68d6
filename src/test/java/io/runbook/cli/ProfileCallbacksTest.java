package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * callbacks_enabled's timer, profile_tasks and profile_roles: {@code engine/profile/timed.yml} run as a user runs it,
 * stdout and stderr compared with what ansible-playbook 2.14 printed (the folder's README). Times are masked on both
 * sides, never compared: the shape of each line is (a time line fills 80 columns, a summary row 79); a summary sorted
 * by time is compared as a set of rows, and the engine's is checked to be in its order by the times it shows.
 */
class ProfileCallbacksTest {
    private static final String DIR = "profile/";
    private static final Pattern TIME_LINE = Pattern.compile(
            "(?m)^[A-Z][a-z]+day \\d\\d [A-Z][a-z]+ \\d{4}  \\d\\d:\\d\\d:\\d\\d [+-]\\d{4} \\(\\d+:\\d\\d:\\d\\d\\.\\d{3}\\) {7}"
                    + "\\d+:\\d\\d:\\d\\d\\.\\d{3} \\*{3,} $");
    private static final Pattern ROW = Pattern.compile("(?m)^(.*?) -+ (\\d+\\.\\d\\d)s$");

    private static RunResult run(String cfg, Map<String, String> env, String... more) {
        Map<String, String> all = new HashMap<>(env);
        all.put("PATH", System.getenv("PATH"));
        all.put("HOME", System.getProperty("user.home"));
        all.put("ANSIBLE_CONFIG", EngineRun.fixture(DIR + cfg));
        List<String> args = new ArrayList<>(List.of(EngineRun.fixture(DIR + "timed.yml"), "-i", "localhost,", "-c", "local"));
        args.addAll(List.of(more));
        return EngineRun.cliIn(all, args.toArray(String[]::new));
    }

    /** Times masked; runs of summary rows sorted when {@code sorted} (their order is by times, which differ). */
    private static String masked(String out, boolean sorted) {
        String text = TIME_LINE.matcher(out).replaceAll("<time line>")
                .replaceAll("(?m)^Playbook run took \\d+ days, \\d+ hours, \\d+ minutes, \\d+ seconds$", "Playbook run took <t>")
                .replaceAll("(?m)^Using .* as project config\n", "");
        text = ROW.matcher(text).replaceAll("$1 <t>");
        if (!sorted) {
            return text;
        }
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        for (int i = 0; i < lines.size(); ) {
            int j = i;
            while (j < lines.size() && lines.get(j).endsWith(" <t>") && !lines.get(j).startsWith("total ")) {
                j++;
            }
            java.util.Collections.sort(lines.subList(i, j));
            i = Math.max(j, i + 1);
        }
        return String.join("\n", lines);
    }

    private static String recorded(String file) throws IOException {
        return Files.readString(EngineRun.FIXTURES.resolve(DIR + file));
    }

    private static String err(RunResult r) {
        return r.err().replaceAll("(?m)^journal: .*\n", "");
    }

    private static void sameAsAnsible(String recorded, RunResult r, boolean sorted) throws IOException {
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(masked(recorded(recorded), sorted), masked(r.out(), sorted), r.toString());
        Matcher lines = TIME_LINE.matcher(r.out());
        while (lines.find()) {
            assertEquals(80, lines.group().length(), lines.group());
        }
        Matcher rows = ROW.matcher(r.out());
        while (rows.find()) {
            assertEquals(79, rows.group().length(), rows.group());
        }
    }

    /** The engine's summary rows of each block, longest first (by the times shown, as Ansible sorts them). */
    private static void longestFirst(String out) {
        for (String block : out.split("(?m)^(=+|~+) $")) {
            List<Double> times = ROW.matcher(block).results().filter(m -> !m.group(1).equals("total"))
                    .map(m -> Double.valueOf(m.group(2))).toList();
            for (int i = 1; i < times.size(); i++) {
                assertTrue(times.get(i - 1) >= times.get(i), out);
            }
        }
    }

    /** ansible.cfg's [callback_profile_tasks]: the first five tasks in the order they ran. */
    @Test
    void profileTasksTimesEachTaskAndListsThemAfterTheRecap() throws IOException {
        RunResult r = run("ansible.cfg", Map.of());
        sameAsAnsible("tasks.stdout", r, false);
        assertEquals("", err(r), r.toString());
    }

    /** The environment wins over ansible.cfg: every task, the longest first. */
    @Test
    void profileTasksLongestFirstWithAllOfThem() throws IOException {
        RunResult r = run("ansible.cfg", Map.of("PROFILE_TASKS_SORT_ORDER", "descending", "PROFILE_TASKS_TASK_OUTPUT_LIMIT", "all"));
        sameAsAnsible("tasks-descending.stdout", r, true);
        longestFirst(r.out());
        assertEquals("", err(r), r.toString());
    }

    /** Each in callbacks_enabled's order after the recap; a name no callback has is skipped with Ansible's warning. */
    @Test
    void timerProfileRolesAndProfileTasksTogether() throws IOException {
        RunResult r = run("ansible.cfg", Map.of("ANSIBLE_CALLBACKS_ENABLED", "timer,profile_roles,ansible.posix.profile_tasks,nosuch"));
        sameAsAnsible("all.stdout", r, true);
        longestFirst(r.out().substring(r.out().indexOf("====="), r.out().indexOf("~~~~~")));  // profile_roles'; profile_tasks' as they ran
        assertEquals(recorded("all.stderr"), err(r), r.toString());
    }

    /** The old names still work, with Ansible's deprecation warning. */
    @Test
    void callbackWhitelistIsReadWithItsDeprecation() throws IOException {
        RunResult cfg = run("whitelist.cfg", Map.of());
        sameAsAnsible("whitelist.stdout", cfg, false);
        assertEquals(recorded("whitelist.stderr"), err(cfg), cfg.toString());
        RunResult env = run("ansible.cfg", Map.of("ANSIBLE_CALLBACK_WHITELIST", "profile_roles"));
        sameAsAnsible("whitelist-env.stdout", env, true);
        assertEquals(recorded("whitelist-env.stderr"), err(env), env.toString());
    }

    /** As Ansible: a sort_order it has no meaning for leaves profile_tasks out, with a warning; the run goes on. */
    @Test
    void aSortOrderNotKnownSkipsProfileTasks() throws IOException {
        RunResult r = run("ansible.cfg", Map.of("PROFILE_TASKS_SORT_ORDER", "sideways"));
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(err(r).startsWith("[WARNING]: Skipping callback 'ansible.posix.profile_tasks', unable to load due\nto: "
                + "Invalid value \"sideways\""), r.toString());
        assertTrue(!TIME_LINE.matcher(r.out()).find() && r.out().contains("PLAY RECAP"), r.toString());
    }
}
