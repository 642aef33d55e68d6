package io.runbook.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.runbook.cli.compat.Fingerprint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What ansible-playbook (with kubernetes.core) gave for each step of K8sCompatParityTest, recorded in
 * {@code src/test/resources/k8s-ansible-results.yml}: the recap and the compared values of each task, so that a test run
 * compares the engine with them without running ansible-playbook (about 300 s of the class's 350). Each step carries a
 * fingerprint of what decides its result; a step whose playbooks, arguments (its own and those of the steps before it) or
 * {@link #LAB_REVISION} changed since it was recorded is stale, and the test fails telling to record again
 * ({@code tools/compat/record-k8s-results.sh}). {@code -Dk8scompat.live=true} runs ansible-playbook instead of reading the
 * recording; {@code -Dk8scompat.record=true} runs it and writes the recording (the steps of each folder run replace that
 * folder's recorded steps). Paths of the machine (the playbook folder's, the test's temporary folder's, and that folder
 * relative to the playbook's) are written as placeholders, and the engine's values are compared with them in place too.
 */
final class K8sAnsibleResults {
    static final Path FILE = Path.of("test/resources/k8s-ansible-results.yml").toAbsolutePath();
    /**
     * The lab's part in ansible-playbook's results (its API server: what it answers kubernetes.core, its objects' names
     * and statuses, its Kubernetes version): not fingerprinted from its sources, which change far more often than in ways
     * that show. Raise it when a change of the lab changes what a recorded step gives, and record again.
     */
    static final int LAB_REVISION = 1;
    private static final String FOLDER = "<PLAYBOOK_DIR>";
    private static final String TMP = "<TMP>";
    private static final String TMP_FROM_FOLDER = "<TMP_FROM_PLAYBOOK_DIR>";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory().enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static K8sAnsibleResults loaded;

    /** A step's recorded result: the recap and each task's compared values. */
    record Step(String fingerprint, Map<String, Integer> recap, List<Map<String, Object>> tasks) {
    }

    private final Map<String, Step> steps;
    private final Set<String> recordedFolders = new HashSet<>();

    private K8sAnsibleResults(Map<String, Step> steps) {
        this.steps = steps;
    }

    static boolean record() {
        return Boolean.getBoolean("k8scompat.record");
    }

    /** Whether ansible-playbook runs (live, or to record). */
    static boolean live() {
        return record() || Boolean.getBoolean("k8scompat.live");
    }

    /** The recording (empty when the file is not there), read once. */
    @SuppressWarnings("unchecked")
    static synchronized K8sAnsibleResults load() throws IOException {
        if (loaded == null) {
            Map<String, Step> steps = new TreeMap<>();
            if (Files.isRegularFile(FILE)) {
                Map<String, Object> all = YAML.readValue(FILE.toFile(), Map.class);
                ((Map<String, Map<String, Object>>) all.getOrDefault("steps", Map.of())).forEach((key, s) -> steps.put(key,
                        new Step((String) s.get("fingerprint"), (Map<String, Integer>) s.get("recap"), (List<Map<String, Object>>) s.get("tasks"))));
            }
            loaded = new K8sAnsibleResults(steps);
        }
        return loaded;
    }

    /** The key of a folder's step: the folder's name, the step's number (from 1) and its arguments (placeholders for paths). */
    static String key(Path dir, int index, List<String> args) {
        return dir.getFileName() + " " + (index + 1) + ": " + String.join(" ", args);
    }

    /**
     * SHA-256 of {@link #LAB_REVISION}, of the arguments of the folder's steps up to this one (a step's result depends on
     * what the ones before it left on the cluster) and of every file of the folder.
     */
    static String fingerprint(Path dir, List<List<String>> stepsSoFar) {
        StringBuilder text = new StringBuilder("lab " + LAB_REVISION + "\0");
        stepsSoFar.forEach(s -> text.append(String.join("\0", s)).append("\n"));
        return Fingerprint.of(text.toString(), Fingerprint.filesUnder(dir, dir));
    }

    /** The recorded step, or null when there is none or it is stale. */
    synchronized Step get(String key, String fingerprint) {
        Step s = steps.get(key);
        return s != null && s.fingerprint().equals(fingerprint) ? s : null;
    }

    /** Records a step (with placeholders for paths); the first of a folder drops that folder's older steps. */
    synchronized void put(Path dir, String key, Step step) {
        String folder = dir.getFileName() + " ";
        if (recordedFolders.add(folder)) {
            steps.keySet().removeIf(k -> k.startsWith(folder));
        }
        steps.put(key, step);
    }

    /**
     * Writes the file when steps were recorded in this run, with the versions of {@code ansible} (its --version's first
     * line) and of kubernetes.core (its {@code collection} folder's MANIFEST.json).
     */
    synchronized void write(Path ansible, Path collection) throws IOException, InterruptedException {
        if (recordedFolders.isEmpty()) {
            return;
        }
        Process p = new ProcessBuilder(ansible.toString(), "--version").redirectErrorStream(true).start();
        String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
        p.waitFor();
        Map<?, ?> manifest = JSON.readValue(collection.resolve("MANIFEST.json").toFile(), Map.class);
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("ansible-playbook", version);
        all.put("kubernetes.core", String.valueOf(((Map<?, ?>) manifest.get("collection_info")).get("version")));
        all.put("lab_revision", LAB_REVISION);
        Map<String, Object> out = new LinkedHashMap<>();
        steps.forEach((key, s) -> {
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("fingerprint", s.fingerprint());
            step.put("recap", s.recap());
            step.put("tasks", s.tasks());
            out.put(key, step);
        });
        all.put("steps", out);
        String header = """
                # What ansible-playbook with kubernetes.core gave for each step of K8sCompatParityTest: the recap and the compared
                # values of each task (K8sCompatParityTest.compared), which a test run compares the engine's with. Written by
                # tools/compat/record-k8s-results.sh (K8sCompatParityTest with -Dk8scompat.record=true); do not edit by hand.
                # A step is keyed by its folder under src/test/resources, its number and its arguments. Its fingerprint is the
                # SHA-256 of lab_revision, of the arguments of that folder's steps up to it and of every file of the folder: a
                # step whose fingerprint changed is stale and the test fails until it is recorded again. Not covered by the
                # fingerprint: the lab's sources (raise K8sAnsibleResults.LAB_REVISION when a change of the lab changes what
                # ansible-playbook gets), the test's comparison code, and the versions below (record again after an upgrade;
                # -Dk8scompat.live=true compares with a live ansible-playbook). Paths of the machine are placeholders:
                # <PLAYBOOK_DIR> the step's folder, <TMP> the test's temporary folder, <TMP_FROM_PLAYBOOK_DIR> that folder
                # relative to the step's folder.
                """;
        Files.writeString(FILE, header + YAML.writeValueAsString(all), StandardCharsets.UTF_8);
    }

    /**
     * {@code value} (the compared values of a step's tasks, or its arguments) as compared and recorded: as JSON gives it
     * back (a set a list, each number the type JSON reads, as the recording is read), with the machine's paths as
     * placeholders: {@code tmp} relative to {@code dir}, then {@code tmp} and {@code dir} (each as given and as its real path).
     */
    @SuppressWarnings("unchecked")
    static <T> T normalised(T value, Path dir, Path tmp) throws IOException {
        List<String[]> paths = new ArrayList<>();
        paths.add(new String[] {dir.relativize(tmp).toString(), TMP_FROM_FOLDER});
        for (Path p : List.of(tmp.toRealPath(), tmp)) {
            paths.add(new String[] {p.toString(), TMP});
        }
        for (Path p : List.of(dir.toRealPath(), dir)) {
            paths.add(new String[] {p.toString(), FOLDER});
        }
        return (T) placeholders(JSON.readValue(JSON.writeValueAsString(value), Object.class), paths);
    }

    private static Object placeholders(Object value, List<String[]> paths) {
        if (value instanceof String text) {
            for (String[] p : paths) {
                text = text.replace(p[0], p[1]);
            }
            return text;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, placeholders(v, paths)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(v -> placeholders(v, paths)).toList();
        }
        return value;
    }
}
