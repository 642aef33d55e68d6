package io.runbook.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The compact forms the build writes (SettingForm) say what the YAML tables say: every setting's name, type, default,
 * environment variables, ini keys and variables, and its whole entry (read from the YAML when asked for).
 */
class SettingFormTest {
    @Test
    void eachCompactFormIsItsYamlTable() {
        for (String table : List.of("settings.yml", "connection-ssh.yml", "callback-default.yml", "callback-profile_tasks.yml")) {
            Map<String, SettingTable.Def> compact = SettingForm.read(table);
            assertNotNull(compact, table + ".bin was not written by the build (engine/pom.xml, process-classes)");
            Map<String, SettingTable.Def> parsed = SettingTable.parse(table);
            assertEquals(List.copyOf(parsed.keySet()), List.copyOf(compact.keySet()), table);
            parsed.forEach((name, def) -> {
                SettingTable.Def read = compact.get(name);
                assertEquals(List.of(def.name(), def.type(), def.envNames(), def.ini(), def.vars()),
                        List.of(read.name(), read.type(), read.envNames(), read.ini(), read.vars()), table + " " + name);
                assertEquals(def.fallback(), read.fallback(), table + " " + name);
                assertEquals(def.entry(), read.entry(), table + " " + name);
            });
        }
        assertEquals(SettingTable.ALL.get("DEFAULT_FORKS").entry().get("description"),
                SettingTable.parse("settings.yml").get("DEFAULT_FORKS").entry().get("description"));
    }
}
