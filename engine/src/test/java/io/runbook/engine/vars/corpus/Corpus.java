package io.runbook.engine.vars.corpus;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.runbook.engine.yaml.YMap;
import io.runbook.engine.yaml.YNode;
import io.runbook.engine.yaml.YScalar;
import io.runbook.engine.yaml.YamlLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The Jinja corpus as the test reads it: the case files ({@code corpus-*.yml}, {@code holdout-*.yml}) and the
 * shared {@code vars.yml}, loaded with the engine's own YAML loader, joined with Ansible's results from
 * {@code expected.json}. Refuses an expected.json that is older than the case files, and variables that the
 * engine reads differently from Ansible (YAML 1.1 vs 1.2), so every difference found is one of templating.
 */
final class Corpus {
    static final Path DIR = Path.of("src/test/jinja-corpus").toAbsolutePath().normalize();
    static final String REGENERATE = "run /usr/bin/python3 engine/src/test/jinja-corpus/generate.py (see its README.md)";

    final JsonNode header;
    final List<CorpusCase> cases = new ArrayList<>();
    final List<String> problems = new ArrayList<>();

    Corpus() {
        header = readExpected();
        Map<String, Object> common = plainMap(YamlLoader.load(DIR.resolve("vars.yml")).orElseThrow());
        checkSource("vars.yml");
        checkVars("vars.yml", common, header.path("vars").path("vars.yml"));
        common = merge(common, Map.of("playbook_dir", DIR.toString()));
        Map<String, JsonNode> expected = new LinkedHashMap<>();
        header.path("cases").forEach(c -> expected.put(c.get("id").asText(), c));
        for (Path file : caseFiles()) {
            readCaseFile(file, common, expected);
        }
        expected.keySet().forEach(id -> problems.add("expected.json has case " + id + " that no case file has: "
                + REGENERATE));
    }

    String oracle() {
        return header.path("oracle").asText();
    }

    private static JsonNode readExpected() {
        try {
            return JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build()
                    .readTree(DIR.resolve("expected.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> caseFiles() {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(f -> f.getFileName().toString().matches("(corpus|holdout)-.*\\.yml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void readCaseFile(Path file, Map<String, Object> common, Map<String, JsonNode> expected) {
        String name = file.getFileName().toString();
        checkSource(name);
        YMap doc = (YMap) YamlLoader.load(file).orElseThrow();
        Map<String, Object> fileVars = doc.get("vars").map(Corpus::plainMap).orElse(Map.of());
        checkVars(name, fileVars, header.path("vars").path(name));
        String defaultMode = doc.get("mode").map(n -> (String) n.toPlain()).orElse("native");
        String set = name.substring(0, name.indexOf('-'));
        YMap written = (YMap) doc.get("cases").orElseThrow();
        for (YMap.Entry entry : written.entries()) {
            JsonNode recorded = expected.remove(entry.key());
            if (recorded == null) {
                problems.add(name + ": case " + entry.key() + " is not in expected.json: " + REGENERATE);
                continue;
            }
            cases.add(caseOf(entry, set, defaultMode, merge(common, fileVars), recorded));
        }
    }

    private CorpusCase caseOf(YMap.Entry entry, String set, String defaultMode, Map<String, Object> fileVars,
                              JsonNode recorded) {
        YNode body = entry.value();
        YScalar input;
        String mode = defaultMode;
        Map<String, Object> vars = fileVars;
        if (body instanceof YMap spec) {
            input = (YScalar) spec.get("input").orElseThrow();
            mode = spec.get("mode").map(n -> (String) n.toPlain()).orElse(defaultMode);
            if (spec.has("vars")) {
                Map<String, Object> own = plainMap(spec.get("vars").orElseThrow());
                checkVars(entry.key(), own, recorded.path("vars"));
                vars = merge(fileVars, own);
            }
        } else {
            input = (YScalar) body;
        }
        if (!mode.equals(recorded.path("mode").asText())) {
            problems.add("case " + entry.key() + " changed mode since expected.json was generated: " + REGENERATE);
        }
        return new CorpusCase(entry.key(), set, mode, (String) input.value(), vars, input.position(), recorded);
    }

    private static Map<String, Object> merge(Map<String, Object> under, Map<String, Object> over) {
        Map<String, Object> out = new LinkedHashMap<>(under);
        out.putAll(over);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> plainMap(YNode node) {
        return (Map<String, Object>) node.toPlain();
    }

    private void checkSource(String name) {
        String recorded = header.path("sources").path(name).asText();
        if (!recorded.equals(sha256(DIR.resolve(name)))) {
            problems.add(name + " changed since expected.json was generated: " + REGENERATE);
        }
    }

    /** The engine must read the variables as Ansible did, or a YAML difference would pass for a Jinja one. */
    private void checkVars(String where, Map<String, Object> vars, JsonNode asAnsibleReadThem) {
        vars.forEach((name, value) -> {
            if (!PythonValues.same(asAnsibleReadThem.path(name), value, DIR.toString())) {
                problems.add(where + ": the engine reads variable '" + name + "' as " + PythonValues.repr(value)
                        + ", Ansible as " + PythonValues.repr(asAnsibleReadThem.path(name))
                        + ": write it so that YAML 1.1 and 1.2 agree");
            }
        });
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
