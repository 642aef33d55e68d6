package io.runbook.engine.vars.corpus;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.vars.Conditions;
import io.runbook.engine.vars.Templar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs every case of the Jinja corpus (src/test/jinja-corpus, see its README.md) through the engine's Templar
 * and Conditions and compares text and type with what Ansible's own Templar gave (or that both refuse it).
 * Cases that still differ are listed with a reason in known-differences.yml; the test fails when a case not on
 * that list differs, and when a listed case now matches (so the list only shrinks). Every run writes
 * target/jinja-corpus/report.txt (each difference in full) and a proposed known-differences.yml next to it.
 */
class AnsibleTemplarCorpusTest {
    private static Corpus corpus;
    private static KnownDifferences known;
    private static final Map<String, EngineOutcome> outcomes = new LinkedHashMap<>();

    @BeforeAll
    static void runEveryCase() {
        corpus = new Corpus();
        known = new KnownDifferences(Corpus.DIR.resolve("known-differences.yml"));
        Templar templar = new Templar();
        // the cases' env lookups read the run's environment: here the test JVM's (RUNBOOK_CORPUS_ENV, see the pom)
        templar.environment(io.runbook.engine.env.RunEnvironment.of(System.getenv()));
        Templar conditionsTemplar = new Templar();
        conditionsTemplar.environment(io.runbook.engine.env.RunEnvironment.of(System.getenv()));
        Conditions conditions = new Conditions(conditionsTemplar);
        for (CorpusCase c : corpus.cases) {
            outcomes.put(c.id(), EngineOutcome.of(c, templar, conditions));
        }
        new CorpusReport(corpus, outcomes, known).write();
    }

    @Test
    void expectedResultsAreCurrentAndTheKnownDifferencesNameRealCases() {
        List<String> problems = new ArrayList<>(corpus.problems);
        if (!"from-the-environment".equals(System.getenv("RUNBOOK_CORPUS_ENV"))) {
            problems.add("RUNBOOK_CORPUS_ENV is not set as generate.py sets it (engine/pom.xml sets it for surefire)");
        }
        known.reasons().keySet().stream()
                .filter(id -> !outcomes.containsKey(id))
                .forEach(id -> problems.add("known-differences.yml lists " + id + ", which is no case"));
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void corpusMatchesAnsibleExceptKnownDifferences() {
        check("corpus");
    }

    @Test
    void holdOutMatchesAnsibleExceptKnownDifferences() {
        check("holdout");
    }

    private static void check(String set) {
        List<String> unexpected = new ArrayList<>();
        List<String> nowEqual = new ArrayList<>();
        int total = 0;
        int equal = 0;
        for (CorpusCase c : corpus.cases) {
            if (!c.set().equals(set)) {
                continue;
            }
            total++;
            boolean same = outcomes.get(c.id()).matches(c);
            equal += same ? 1 : 0;
            if (!same && !known.has(c.id())) {
                unexpected.add(CorpusReport.difference(c, outcomes.get(c.id())));
            } else if (same && known.has(c.id())) {
                nowEqual.add(c.id() + " (" + c.where() + ")");
            }
        }
        String summary = String.format("Jinja corpus, %s: %d of %d cases equal %s (%d known differences)",
                set, equal, total, corpus.oracle(), total - equal - unexpected.size());
        System.out.println(summary);
        List<String> failures = new ArrayList<>();
        if (!unexpected.isEmpty()) {
            failures.add(unexpected.size() + " cases differ from Ansible and are not in known-differences.yml:\n"
                    + String.join("\n", unexpected));
        }
        if (!nowEqual.isEmpty()) {
            failures.add(nowEqual.size() + " cases in known-differences.yml now equal Ansible: remove them "
                    + "(target/jinja-corpus/known-differences.yml is the list as it should be):\n  "
                    + String.join("\n  ", nowEqual));
        }
        assertTrue(failures.isEmpty(), summary + "\n" + String.join("\n", failures));
        assertTrue(total > 0, "no " + set + " cases found in " + Corpus.DIR);
    }
}
