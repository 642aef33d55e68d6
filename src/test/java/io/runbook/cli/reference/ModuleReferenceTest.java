package io.runbook.cli.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.cli.Main;
import io.runbook.engine.module.Arg;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleDoc;
import io.runbook.engine.module.ModuleRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/modules/ is what the code generates, and every module documents what the reference needs. */
class ModuleReferenceTest {
    private static final String REGENERATE = "run: java -jar target/engine.jar modules --markdown docs/modules";
    private final ModuleRegistry registry = RepoFiles.shippedModules();

    @Test
    void theCommittedPagesAreWhatTheCodeGenerates() throws IOException {
        Map<String, String> generated = ModulePages.render(registry.all());
        Path dir = RepoFiles.ROOT.resolve("docs/modules");
        TreeSet<String> committed = new TreeSet<>();
        try (var files = Files.list(dir)) {
            files.forEach(f -> committed.add(f.getFileName().toString()));
        }
        assertEquals(new TreeSet<>(generated.keySet()), committed, "the pages in docs/modules; " + REGENERATE);
        List<String> differ = new ArrayList<>();
        generated.forEach((name, text) -> {
            try {
                if (!Files.readString(dir.resolve(name)).equals(text)) {
                    differ.add(name);
                }
            } catch (IOException e) {
                differ.add(name + " (" + e.getMessage() + ")");
            }
        });
        assertTrue(differ.isEmpty(), "docs/modules pages differ from the code: " + differ + "; " + REGENERATE);
    }

    @Test
    void theCommandWritesThePagesAndRemovesStaleOnes(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("gone_module.md"), "old page\n" + ModulePages.GENERATED + "\n");
        Files.writeString(dir.resolve("notes.md"), "written by hand\n");
        StringWriter out = new StringWriter();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(out, true), "modules", "--markdown", dir.toString());
        assertEquals(0, code, out.toString());
        assertTrue(out.toString().contains("removed 1 stale"), out.toString());
        assertFalse(Files.exists(dir.resolve("gone_module.md")));
        assertTrue(Files.exists(dir.resolve("notes.md")), "a page this command did not write is left alone");
        String page = Files.readString(dir.resolve("dns_record.md"));
        assertTrue(page.contains("| `key_secret` | str, secret |"), page);
        assertTrue(page.contains("| `type` | str |  | `A` | `A`, `AAAA`, `CNAME`, `TXT`, `MX`, `SRV`, `PTR` |"), page);
        assertTrue(page.contains("| `propagation` |"), "results come from dns_record.doc.yml: " + page);
        assertTrue(page.contains("```yaml\n- name: Point the management plane's name"), page);
        assertTrue(Files.readString(dir.resolve("README.md")).contains("| [`k8s_apply`](k8s_apply.md) |"));
    }

    @Test
    void everyModuleDocumentsItsArgumentsResultsCheckModeDiffAndExamples() {
        List<String> missing = new ArrayList<>();
        for (Module m : registry.all()) {
            ModuleDoc doc = m.doc();
            String n = m.name();
            if (m.description().isBlank()) {
                missing.add(n + ": description()");
            }
            if (doc == ModuleDoc.NONE) {
                missing.add(n + ": " + n + ".doc.yml beside " + m.getClass().getName());
                continue;
            }
            if (doc.checkMode().isEmpty()) {
                missing.add(n + ": check_mode");
            }
            if (doc.diff().isEmpty()) {
                missing.add(n + ": diff (write none when there is none)");
            }
            if (doc.examples().isEmpty()) {
                missing.add(n + ": examples");
            }
            for (Arg a : m.spec().args()) {
                if (!a.name().startsWith("_") && ModulePages.description(a, doc).isEmpty()) {
                    missing.add(n + ": a description of argument '" + a.name() + "' (in the spec or under arguments:)");
                }
            }
            for (String named : doc.arguments().keySet()) {
                if (m.spec().args().stream().noneMatch(a -> a.name().equals(named))) {
                    missing.add(n + ".doc.yml describes '" + named + "', which is not an argument of " + n);
                }
            }
        }
        assertTrue(missing.isEmpty(), String.join("\n", missing));
    }

    @Test
    void everyExampleIsAValidTaskList() throws IOException {
        SchemaValidation schema = SchemaValidation.generated(registry);
        List<String> wrong = new ArrayList<>();
        for (Module m : registry.all()) {
            String play = "- hosts: all\n  tasks:\n" + m.doc().examples().indent(4);
            try {
                schema.validate(play, m.name() + ".doc.yml examples").forEach(e -> wrong.add(m.name() + ": " + e));
            } catch (io.runbook.engine.error.UserError e) {
                wrong.add(m.name() + ": " + e.getMessage() + " at " + e.position() + " in\n" + play);
                continue;
            }
            if (!java.util.regex.Pattern.compile("(?m)^\\s*(- )?" + m.name() + ":").matcher(play).find()) {
                wrong.add(m.name() + ": its examples do not use " + m.name());
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }
}
