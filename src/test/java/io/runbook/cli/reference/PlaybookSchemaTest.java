package io.runbook.cli.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.cli.Main;
import io.runbook.engine.module.ModuleRegistry;
import io.runbook.engine.playbook.PlaybookParser;
import io.runbook.engine.yaml.YamlLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/playbook.schema.json is what the code generates, and it accepts every playbook the engine accepts. */
class PlaybookSchemaTest {
    private final ModuleRegistry registry = RepoFiles.shippedModules();

    @Test
    void theCommittedSchemaIsWhatTheCodeGenerates() throws IOException {
        assertEquals(PlaybookSchema.render(registry.all()), Files.readString(RepoFiles.ROOT.resolve("docs/playbook.schema.json")),
                "docs/playbook.schema.json differs from the code; run: java -jar target/engine.jar modules --json-schema docs/playbook.schema.json");
    }

    @Test
    void everyPlaybookOfTheRepositoryThatTheEngineAcceptsValidates() throws IOException {
        // the tests' own modules (probe, unreachable) are on this class path too, and test playbooks use them
        SchemaValidation schema = SchemaValidation.generated(ModuleRegistry.load());
        List<String> failures = new ArrayList<>();
        List<Path> checked = new ArrayList<>();
        List<Path> rejectedByEngine = new ArrayList<>();
        for (Path file : RepoFiles.find(RepoFiles.ROOT, ".yml", ".yaml")) {
            if (!looksLikePlaybook(file)) {
                continue;
            }
            // a registry per playbook: the modules of its library/ folders are its own
            ModuleRegistry withTestModules = ModuleRegistry.load();
            try {
                new PlaybookParser(withTestModules).parse(file);
            } catch (RuntimeException e) {
                rejectedByEngine.add(file);   // a playbook written to show an error
                continue;
            }
            checked.add(file);
            // the schema knows the engine's modules, not a playbook's own (library/) nor the controller's Ansible's: those
            // are the only unknown names
            java.util.Collection<String> own = new java.util.HashSet<>(withTestModules.library().names());
            // (a library/ module written as Ansible's resolved name, ansible.legacy.NAME)
            withTestModules.library().names().forEach(n -> own.add("ansible.legacy." + n));
            // (a collection's module found by the collections keyword is written by its short name)
            withTestModules.controllerNames().forEach(n -> own.addAll(List.of(n, ModuleRegistry.shortName(n))));
            // (a Python action plugin of its action_plugins/ folders or of a collection, as the parser found it)
            java.util.function.Predicate<String> ownName = n -> own.contains(n)
                    || withTestModules.find(n).filter(io.runbook.engine.pyplugin.ActionPlugins::runs).isPresent();
            schema.validate(file).stream().filter(e -> !isOwnModule(e, ownName))
                    .forEach(e -> failures.add(RepoFiles.ROOT.relativize(file) + " " + e));
        }
        assertTrue(failures.isEmpty(), failures.size() + " schema errors in playbooks the engine accepts:\n" + String.join("\n", failures));
        SchemaValidation committed = SchemaValidation.committed();
        for (String product : List.of("recover.yml", "triage.yml", "verify.yml", "backup.yml", "rotate-control-plane-tokens.yml")) {
            Path file = RepoFiles.ROOT.resolve("playbooks").resolve(product);
            assertTrue(checked.contains(file), product + " is checked: " + rejectedByEngine);
            assertEquals(List.of(), committed.validate(file), product + " against docs/playbook.schema.json");
        }
        assertTrue(checked.size() >= 40, "checked " + checked.size() + " playbooks; the engine rejected " + rejectedByEngine.size());
    }

    private static final java.util.regex.Pattern UNKNOWN_PROPERTY = java.util.regex.Pattern.compile("property '([^']+)' is not defined in the schema");

    /**
     * A schema error that is only a task naming a module of the playbook's library/ folders, a Python action plugin or a
     * module of the controller's Ansible.
     */
    private static boolean isOwnModule(String error, java.util.function.Predicate<String> own) {
        java.util.regex.Matcher m = UNKNOWN_PROPERTY.matcher(error);
        return m.find() && own.test(m.group(1));
    }

    @Test
    void theSchemaRejectsWhatAnEditorShouldUnderline() throws IOException {
        SchemaValidation schema = SchemaValidation.committed();
        Map<String, String> wrong = Map.of(
                "an unknown argument", "- hosts: all\n  tasks:\n    - k8s_info: {kind: Pod, nmae: x}\n",
                "a value outside the choices", "- hosts: all\n  tasks:\n    - dns_record: {zone: z, record: r, state: presnt}\n",
                "a missing required argument", "- hosts: all\n  tasks:\n    - secret_delete: {namespace: tsb}\n",
                "an unknown task keyword", "- hosts: all\n  tasks:\n    - debug: {msg: hi}\n      regsiter: x\n",
                "an unknown play keyword", "- hosts: all\n  taks: []\n",
                "a mapping where a list is wanted", "- hosts: all\n  tasks:\n    - wait_pods: {deployments: {a: 1}}\n",
                "a meta action that does not exist", "- hosts: all\n  tasks:\n    - meta: flush_handler\n");
        wrong.forEach((what, yaml) -> assertFalse(schema.validate(yaml, what).isEmpty(), what + " is accepted:\n" + yaml));
        String right = """
                - hosts: management
                  tasks:
                    - ansible.builtin.debug:
                    - runbook.k8s_info: {kind: Service, name: envoy, wait: {for: "status.loadBalancer.ingress[0]"}}
                    - command: test -f /tmp/x
                      changed_when: false
                    - dns_record: {zone: z, record: r, state: "{{ wanted }}", ttl: "{{ ttl }}", value: [a, b]}
                    - secret_delete: {name: [otel-token], wait_regenerated: yes}
                    - block:
                        - include_tasks: {file: cp.yml}
                      rescue:
                        - import_tasks: other.yml
                      when: x is defined
                """;
        assertEquals(List.of(), schema.validate(right, "right"));
    }

    @Test
    void theSchemaHasEveryModulesArgumentsChoicesAndTypes() throws IOException {
        var json = SchemaValidation.committed().json();
        for (var m : registry.all()) {
            var def = json.at("/definitions/module." + m.name() + "/anyOf/0/properties");
            for (var a : m.spec().args()) {
                assertFalse(def.path(a.name()).isMissingNode(), m.name() + "." + a.name() + " is in the schema");
                assertTrue(def.path(a.name()).path("description").asText("").length() > 0 || a.name().startsWith("_"),
                        m.name() + "." + a.name() + " has a description for the editor's hover");
            }
        }
        assertTrue(json.at("/definitions/module.dns_record/anyOf/0/properties/type/anyOf/0/enum").toString().contains("CNAME"));
        assertEquals("[\"integer\",\"string\",\"null\"]", json.at("/definitions/module.dns_record/anyOf/0/properties/ttl/type").toString());
        assertTrue(json.at("/definitions/task/properties/loop_control").has("$ref"));
    }

    @Test
    void theCommandWritesTheSchemaToAFileOrStandardOutput(@TempDir Path dir) throws IOException {
        StringWriter out = new StringWriter();
        Path file = dir.resolve("editor/playbook.schema.json");
        assertEquals(0, Main.execute(new PrintWriter(out, true), new PrintWriter(out, true), "modules", "--json-schema", file.toString()), out.toString());
        String expected = PlaybookSchema.render(ModuleRegistry.load().all());   // the command sees the test modules too
        assertEquals(expected, Files.readString(file));
        StringWriter stdout = new StringWriter();
        assertEquals(0, Main.execute(new PrintWriter(stdout, true), new PrintWriter(out, true), "modules", "--json-schema"));
        assertEquals(expected, stdout.toString());
    }

    /** A YAML list whose entries are mappings, one of them a play or an import_playbook. */
    private static boolean looksLikePlaybook(Path file) {
        try {
            var docs = YamlLoader.loadAll(file);
            if (docs.size() != 1 || !(docs.get(0).toPlain() instanceof List<?> items) || items.isEmpty()) {
                return false;
            }
            return items.stream().allMatch(i -> i instanceof Map)
                    && items.stream().anyMatch(i -> ((Map<?, ?>) i).containsKey("hosts") || ((Map<?, ?>) i).containsKey("import_playbook"));
        } catch (RuntimeException e) {
            return false;
        }
    }
}
