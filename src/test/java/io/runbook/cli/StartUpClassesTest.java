package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a start loads, as the JVM's class-loading log lists it: a syntax check and {@code --version} leave out what
 * they do not use (a Jackson {@code ObjectMapper}, whose set-up reads the calendar data of every locale, the tables
 * of Ansible's settings that only the config lookup answers, and Jinjava's tag library when no template has a tag); a
 * run whose config lookup asks for one of those loads it, and a check of a template with a tag makes the library,
 * which shows the log is read right. Start-up time itself: bench/syntax-check.sh.
 */
class StartUpClassesTest {
    private static final String MAPPER = "com.fasterxml.jackson.databind.ObjectMapper";
    private static final String ANSIBLE_BASE = "io.runbook.engine.config.SettingTable$AnsibleBase";
    private static final String ANSIBLE_PLUGINS = "io.runbook.engine.config.SettingTable$AnsiblePlugins";
    private static final String TAG_LIBRARY = "com.hubspot.jinjava.lib.tag.TagLibrary";

    @TempDir
    Path dir;

    @Test
    void aSyntaxCheckLoadsNoJsonMapperNorAnsiblesSettingsTheEngineDoesNotUse() throws Exception {
        Set<String> loaded = loaded(Map.of(), "--syntax-check", "test/resources/parity/basics.yml", "-i",
                "test/resources/parity/inventory.yml");
        assertTrue(loaded.contains("io.runbook.engine.config.SettingTable"), "the engine's own settings are read");
        // nor the YAML of its own settings: their compact form (SettingForm), written at build time
        for (String left : List.of(MAPPER, ANSIBLE_BASE, ANSIBLE_PLUGINS, "io.runbook.engine.config.SettingForm$Parsed")) {
            assertFalse(loaded.contains(left), left + " loaded by a syntax check");
        }
    }

    @Test
    void onlyAPlaybookWithJinjaTagsMakesJinjavasTagLibrary() throws Exception {
        String inventory = "test/resources/parity/inventory.yml";
        // basics.yml's templates are all expressions ({{ … }}); condition_warnings.yml has {% if %} tags
        assertFalse(loaded(Map.of(), "--syntax-check", "test/resources/parity/basics.yml", "-i", inventory)
                .contains(TAG_LIBRARY), "a syntax check without tags made the tag library");
        assertTrue(loaded(Map.of(), "--syntax-check", "test/resources/parity/condition_warnings.yml", "-i", inventory)
                .contains(TAG_LIBRARY), "a check with tags made no tag library (or the log was not understood)");
    }

    @Test
    void versionReadsNoSettings() throws Exception {
        Set<String> loaded = loaded(Map.of(), "--version");
        assertFalse(loaded.contains("io.runbook.engine.config.SettingTable"), "--version read the settings");
        assertFalse(loaded.stream().anyMatch(c -> c.startsWith("org.snakeyaml.")), "--version read YAML");
    }

    @Test
    void configListReadsTheSettingsYamlForTheirDescriptions() throws Exception {
        assertTrue(loaded(Map.of(), "config", "list").contains("io.runbook.engine.config.SettingForm$Parsed"));
    }

    @Test
    void aConfigLookupOfAnAnsibleSettingReadsItsTable() throws Exception {
        Set<String> loaded = loaded(Map.of("ANSIBLE_CONFIG", "test/resources/engine/lookups/config-others/ansible.cfg"),
                "test/resources/engine/lookups/config-others.yml", "-i", "localhost,", "-c", "local");
        assertTrue(loaded.contains(ANSIBLE_BASE), "the lookup's table was not read (or the log not understood)");
    }

    /** The classes the engine loads, started in a JVM of its own with {@code args} (from src/), which must succeed. */
    private Set<String> loaded(Map<String, String> env, String... args) throws IOException, InterruptedException {
        Path log = dir.resolve("classes.log");
        List<String> command = new ArrayList<>(EngineJvm.command("-Xlog:class+load=info:file=" + log));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("output.txt").toFile());
        builder.environment().putAll(env);
        Process p = builder.start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the engine did not end");
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("output.txt")));
        // lines such as "[0.041s][info][class,load] java.lang.Object source: shared objects file"
        try (var lines = Files.lines(log)) {
            return lines.map(l -> l.split(" ")).filter(w -> w.length > 1).map(w -> w[1]).collect(Collectors.toSet());
        }
    }
}
