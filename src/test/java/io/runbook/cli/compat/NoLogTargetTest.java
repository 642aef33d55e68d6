package io.runbook.cli.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the no_log target's runme.sh checks in ansible-playbook's output, checked in the engine's: the compatibility
 * suite compares only recaps, and these runs are about what is printed. A secret ({@code DO_NOT_LOG_*}) is never
 * printed, whatever the task's state; {@code no_log} as a template is rendered for each task (and loop item), and
 * {@code ANSIBLE_NO_LOG} is the no_log of tasks that do not set it, with the counts of hidden results the script
 * expects.
 */
class NoLogTargetTest {
    private static final Path SUITE = Path.of("test/resources/ansible-compat").toAbsolutePath();
    private static final String HIDDEN = "the output has been hidden";

    @TempDir
    Path work;

    private String run(String line, Map<String, String> env) {
        CompatCase c = new CompatCase("no_log", CompatSuite.words(line), env, ".", false);
        Recap r = new CompatRunner(SUITE).runEngine(c, work.resolve(String.valueOf(line.hashCode() + env.hashCode())));
        return r.output();
    }

    private static int count(String out, String text) {
        return out.split(java.util.regex.Pattern.quote(text), -1).length - 1;
    }

    @Test
    void noSecretOfATaskWithNoLogIsPrintedInAnyState() {
        String out = run("no_log_local.yml -i ../../inventory -vvvvv", Map.of());
        assertFalse(out.contains("DO_NOT_LOG"), out);
        assertTrue(out.contains("LOG_ME_OVERRIDE"), out);  // no_log: false on a task of a no_log play
        assertTrue(out.contains("LOG_ME_TASK_FAILED") && out.contains("LOG_ME_ITEM_FAILED"), out);
    }

    @Test
    void aTemplatedNoLogIsRenderedForEachTask() {
        assertEquals(6, count(run("dynamic.yml -i ../../inventory -vvvvv -e unsafe_show_logs=no", Map.of()), HIDDEN));
        assertEquals(0, count(run("dynamic.yml -i ../../inventory -vvvvv -e unsafe_show_logs=yes", Map.of()), HIDDEN));
    }

    @Test
    void ansibleNoLogIsTheNoLogOfTasksThatDoNotSetIt() {
        String line = "no_log_config.yml -i ../../inventory -vvvvv";
        assertEquals(1, count(run(line, Map.of()), HIDDEN));
        assertEquals(1, count(run(line, Map.of("ANSIBLE_NO_LOG", "0")), HIDDEN));
        assertEquals(6, count(run(line, Map.of("ANSIBLE_NO_LOG", "1")), HIDDEN));
    }
}
