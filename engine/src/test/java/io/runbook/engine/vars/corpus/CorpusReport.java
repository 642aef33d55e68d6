package io.runbook.engine.vars.corpus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes what a corpus run found to target/jinja-corpus: report.txt with every case that differs from Ansible
 * (input, Ansible's result, the engine's), and known-differences.yml as it should be after this run (reasons
 * kept for listed cases; new differences described by what each side gives), ready to copy over the committed
 * list once the differences are understood.
 */
final class CorpusReport {
    static final Path OUT = Path.of("target/jinja-corpus");
    private static final int REASON_LIMIT = 200;

    private final Corpus corpus;
    private final Map<String, EngineOutcome> outcomes;
    private final KnownDifferences known;

    CorpusReport(Corpus corpus, Map<String, EngineOutcome> outcomes, KnownDifferences known) {
        this.corpus = corpus;
        this.outcomes = outcomes;
        this.known = known;
    }

    /** One difference in full, as the test's failure message and the report show it. */
    static String difference(CorpusCase c, EngineOutcome outcome) {
        return "- " + c.id() + " [" + c.mode() + "] at " + c.where() + "\n"
                + "    input:   " + indent(c.input()) + "\n"
                + "    ansible: " + indent(c.describeExpected()) + "\n"
                + "    engine:  " + indent(outcome.describe());
    }

    void write() {
        StringBuilder report = new StringBuilder("Jinja corpus against " + corpus.oracle() + "\n\n");
        StringBuilder list = new StringBuilder("""
                # Corpus cases where the engine's templating still differs from Ansible's (see README.md in this
                # folder). AnsibleTemplarCorpusTest fails when a case not listed here differs, and when a listed case
                # has come to equal Ansible: this list only shrinks. id: reason
                """);
        for (CorpusCase c : corpus.cases) {
            EngineOutcome outcome = outcomes.get(c.id());
            if (outcome.matches(c)) {
                continue;
            }
            report.append(difference(c, outcome)).append('\n');
            String reason = known.has(c.id()) ? known.reason(c.id()) : describe(c, outcome);
            list.append(c.id()).append(": ").append(yamlString(reason)).append('\n');
        }
        try {
            Files.createDirectories(OUT);
            Files.writeString(OUT.resolve("report.txt"), report, StandardCharsets.UTF_8);
            Files.writeString(OUT.resolve("known-differences.yml"), list, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String describe(CorpusCase c, EngineOutcome outcome) {
        String text = ("engine: " + outcome.describe() + "; Ansible: " + c.describeExpected())
                .replace(Corpus.DIR.toString(), "@CORPUS@");
        return text.length() <= REASON_LIMIT ? text : text.substring(0, REASON_LIMIT) + "…";
    }

    private static String indent(String text) {
        return text.replace("\n", "\n             ");
    }

    private static String yamlString(String text) {
        try {
            return JsonMapper.builder().build().writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
