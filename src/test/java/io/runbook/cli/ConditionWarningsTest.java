package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code when}, {@code changed_when}, {@code failed_when} and {@code until} written with Jinja's delimiters are warned
 * about as ansible-playbook 2.14 warns (the expected warnings are those Debian's ansible-core 2.14.18 printed for the
 * fixture, in check mode too): once for each task on each host, a block's or role's condition for each of its tasks, a
 * meta task's once per run; the condition as written, so never the vault value it uses.
 */
class ConditionWarningsTest {
    private static final String FOUND = "[WARNING]: conditional statements should not include jinja2 templating"
            + " delimiters such as {{ }} or {% %}. Found: ";

    @Test
    void eachTaskWarnsOnEachHostAsAnsiblesWorkersDo() {
        RunResult r = run();
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(expected(List.of("{{ n }} == 1", "{{ n }} == 2", "{% if n == 1 %}True{% endif %}")),
                Warnings.list(r.err()), r.toString());
        assertFalse((r.out() + r.err() + r.events()).contains("iam-Pa55-word"), "the secret shown:\n" + r);
        r.assertRecap("h1", 13, 1, 0, 0, 2, 0, 0);  // as ansible-playbook counts it
        r.assertRecap("h2", 13, 1, 0, 0, 2, 0, 0);
    }

    @Test
    void checkModeWarnsAboutTheConditionsItEvaluates() {
        // the command is skipped in check mode, so neither changed_when nor failed_when is evaluated (nor warned about)
        RunResult r = run("--check");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(expected(List.of("{{ n }} == 1", "{% if n == 1 %}True{% endif %}")), Warnings.list(r.err()),
                r.toString());
        assertEquals("skipped", r.status("one text in when, changed_when and until", "h1"), r.toString());
        r.assertRecap("h1", 12, 0, 0, 0, 3, 0, 0);
    }

    private static RunResult run(String... more) {
        List<String> args = new ArrayList<>(List.of(EngineRun.fixture("conditions/delimiter_warnings.yml"),
                "-i", "h1,h2,", "-c", "local", "-f", "1", "--vault-password-file", EngineRun.fixture("vault/vault-pass.txt")));
        args.addAll(List.of(more));
        return EngineRun.cli(args.toArray(String[]::new));
    }

    /** The fixture's warnings in order, with {@code command}: the warnings of its command task on one host. */
    private static List<String> expected(List<String> command) {
        List<String> out = new ArrayList<>();
        found(out, 4, "{{ flag }} or False");  // the role's two tasks on two hosts
        found(out, 2, "{{ flag }}");
        found(out, 2, "n == '{{ expected }}'");
        found(out, 2, "{{ n }} == 1");
        found(out, 2, "{{ flag }}");  // a loop: once for each host, not for each item
        found(out, 2, "flag {# why #}");
        for (int host = 0; host < 2; host++) {
            command.forEach(c -> found(out, 1, c));  // the same text in when and changed_when: once
        }
        found(out, 2, "'{{ iam_password }}' != 'wrong'");
        found(out, 4, "{{ flag }} and True");  // the block's two tasks
        found(out, 2, "{{ flag }} and 1");  // the include, not the tasks it includes
        found(out, 1, "{{ not flag }}");  // the meta task's, which the next task's does not repeat
        out.add("[WARNING]: noop task does not support when conditional");
        return out;
    }

    private static void found(List<String> out, int times, String condition) {
        out.addAll(Collections.nCopies(times, FOUND + condition));
    }
}
