package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * {@code --junit FILE} against Ansible's own junit callback (ansible-core from Debian, with
 * {@code JUNIT_HIDE_TASK_ARGUMENTS=true}) on the same playbooks: the same suite counts, and the same testcases
 * (name, class name, pass / failure with its message / skipped with its reason). Times and the dumped results
 * differ by nature and are not compared.
 */
class JUnitParityTest {
    private static final Path DIR = Path.of("test/resources/parity").toAbsolutePath();
    private static final Path ANSIBLE = Path.of("/usr/bin/ansible-playbook");
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"failures.yml", "handlers.yml", "includes.yml", "loops.yml", "fatal.yml"})
    void junitReportMatchesAnsiblesJunitCallback(String playbook) throws Exception {
        sameAsAnsible(DIR, playbook);
    }

    /**
     * Skipped debug tasks (engine/junit/skipped_debugs.yml): a false condition's reason, none for one under no_log, an
     * empty loop or a loop whose every item was skipped (debug's shown result leaves its reason out).
     */
    @org.junit.jupiter.api.Test
    void skippedDebugsHaveTheReasonsAnsiblesJunitCallbackGives() throws Exception {
        sameAsAnsible(Path.of(EngineRun.fixture("junit")).toAbsolutePath(), "skipped_debugs.yml");
    }

    private void sameAsAnsible(Path dir, String playbook) throws Exception {
        assumeTrue(Files.isExecutable(ANSIBLE), "ansible-playbook is not installed: run the test setup (bin/test) to install ansible-core");
        Document theirs = parse(ansible(dir, playbook));
        Path ours = tmp.resolve("engine.xml");
        EngineRun.cli(dir.resolve(playbook).toString(), "-i", dir.resolve("inventory.yml").toString(),
                "--journal", tmp.resolve("journal").toString(), "--junit", ours.toString());
        Document mine = parse(ours);
        for (String attribute : List.of("name", "tests", "failures", "errors", "skipped")) {
            assertEquals(suite(theirs).getAttribute(attribute), suite(mine).getAttribute(attribute), "testsuite " + attribute);
        }
        assertEquals(cases(theirs), cases(mine));
    }

    private Path ansible(Path dir, String playbook) throws IOException, InterruptedException {
        Path out = Files.createDirectories(tmp.resolve("ansible"));
        ProcessBuilder pb = new ProcessBuilder(ANSIBLE.toString(), "-i", "inventory.yml", playbook)
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(tmp.resolve("ansible.log").toFile());
        pb.environment().put("ANSIBLE_CALLBACKS_ENABLED", "junit");
        pb.environment().put("JUNIT_OUTPUT_DIR", out.toString());
        pb.environment().put("JUNIT_HIDE_TASK_ARGUMENTS", "true");
        pb.environment().put("ANSIBLE_RETRY_FILES_ENABLED", "0");
        pb.environment().put("ANSIBLE_LOCALHOST_WARNING", "0");
        Process p = pb.start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("ansible-playbook did not finish in 300 s");
        }
        String log = Files.readString(tmp.resolve("ansible.log"));
        try (Stream<Path> files = Files.list(out)) {
            return files.filter(f -> f.toString().endsWith(".xml")).findFirst()
                    .orElseThrow(() -> new AssertionError("no junit file from ansible-playbook:\n" + log));
        }
    }

    private static Document parse(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    private static Element suite(Document d) {
        return (Element) d.getElementsByTagName("testsuite").item(0);
    }

    /** Each testcase as one comparable line, sorted (hosts finish in any order). */
    private static List<String> cases(Document d) {
        List<String> out = new ArrayList<>();
        NodeList cases = d.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            out.add(c.getAttribute("name") + " | " + c.getAttribute("classname") + " | " + outcome(c));
        }
        out.sort(null);
        return out;
    }

    private static String outcome(Element c) {
        NodeList children = c.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i).getNodeType() != Node.ELEMENT_NODE) {
                continue;
            }
            Element e = (Element) children.item(i);
            switch (e.getTagName()) {
                case "failure", "error" -> {
                    return e.getTagName() + " message=" + e.getAttribute("message") + " type=" + e.getAttribute("type");
                }
                case "skipped" -> {
                    return "skipped: " + e.getTextContent();
                }
                default -> {
                    // system-out: the result's dump differs by nature
                }
            }
        }
        return "pass";
    }
}
