package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ansible's TRANSFORM_INVALID_GROUP_CHARS (ANSIBLE_TRANSFORM_INVALID_GROUP_CHARS, ansible.cfg's
 * force_valid_group_names) on an INI and a YAML source whose group names are no valid variable names ({@code web-servers},
 * {@code 2nd.tier}). The playbook asserts the names the groups have; its runs, warnings and -vvvv lines were checked
 * with ansible-playbook 2.14 (each ok=1). Run in this JVM (the setting from the environment {@link EngineRun#cli(Map,
 * String...)} gives the run) on a copy of the project; ansible.cfg's key is read from the file ANSIBLE_CONFIG names.
 */
class GroupNameCharsTest {
    private static final Path PROJECT = Path.of("test/resources/engine/inventory/group-names");
    private static final String KEPT = "[WARNING]: Invalid characters were found in group names but not replaced, use\n"
            + "-vvvv to see details";
    private static final String REPLACED = "[WARNING]: Invalid characters were found in group names and automatically\n"
            + "replaced, use -vvvv to see details";
    private static final String OK = "web1                       : ok=1    changed=0    unreachable=0    failed=0";

    @TempDir
    Path dir;

    private Path project() throws IOException {
        for (String name : new String[] {"inventory.ini", "tiers.yml", "playbook.yml", "runtime.yml"}) {
            Files.copy(PROJECT.resolve(name), dir.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return dir;
    }

    private String run(Map<String, String> env, String web, String tier, String... more) throws Exception {
        Path project = project();
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("-i", project.resolve("inventory.ini").toString(),
                "-i", project.resolve("tiers.yml").toString(), "-e", "web=" + web, "-e", "tier=" + tier,
                project.resolve("playbook.yml").toString()));
        args.addAll(java.util.List.of(more));
        return engine(env, args);
    }

    /** runtime.yml: group_by and add_host make groups named app-tier and db.x, asserted to be named {@code app}, {@code db}. */
    private String runtime(Map<String, String> env, String app, String db) throws Exception {
        Path project = project();
        return engine(env, java.util.List.of("-i", project.resolve("inventory.ini").toString(), "-e", "app=" + app, "-e", "db=" + db,
                project.resolve("runtime.yml").toString(), "-vvvv"));
    }

    /** The exit code, a line break, then the run's output and its warnings and errors. */
    private static String engine(Map<String, String> env, java.util.List<String> args) {
        RunResult r = EngineRun.cli(env, args.toArray(String[]::new));
        return r.exitCode() + "\n" + r.out() + r.err();
    }

    @Test
    void namesAreKeptWithAWarningByDefault() throws Exception {
        String out = run(Map.of(), "web-servers", "2nd.tier", "-vvvv");
        assertTrue(out.startsWith("0\n"), out);
        assertTrue(out.contains(OK), out);
        assertTrue(out.contains(KEPT), out);
        // as ansible-playbook: for the INI source's [web-servers] header, the group it makes and its [web-servers:vars]
        // header, then the YAML source's new group 2nd.tier
        String line = "Not replacing invalid character(s) \"{'-'}\" in group name (web-servers)\n";
        assertTrue(out.contains(line + line + line), out);
        assertTrue(out.contains("Not replacing invalid character(s) \"{'2', '.'}\" in group name (2nd.tier)\n"), out);
        assertEquals(out.indexOf(KEPT), out.lastIndexOf(KEPT), "one warning however many names: " + out);
    }

    @Test
    void alwaysReplacesTheInvalidCharactersWithUnderscores() throws Exception {
        String out = run(Map.of("ANSIBLE_TRANSFORM_INVALID_GROUP_CHARS", "always"), "web_servers", "_nd_tier", "-vvvv");
        assertTrue(out.startsWith("0\n"), out);
        assertTrue(out.contains(OK), out);
        assertTrue(out.contains(REPLACED), out);
        String line = "Replacing invalid character(s) \"{'-'}\" in group name (web-servers)\n";
        // the INI headers (the group itself is made with its safe name), then the YAML source's child, a new name
        assertTrue(out.contains(line + line), out);
        assertTrue(out.contains("in group name (2nd.tier)\n" + line), out);
        assertFalse(out.contains("Not replacing"), out);
    }

    @Test
    void withoutVerbosityTheDetailsAreNotShown() throws Exception {
        String out = run(Map.of("ANSIBLE_TRANSFORM_INVALID_GROUP_CHARS", "always"), "web_servers", "_nd_tier");
        assertTrue(out.startsWith("0\n"), out);
        assertTrue(out.contains(REPLACED), out);
        assertFalse(out.contains("in group name ("), out);
    }

    @Test
    void groupsGroupByAndAddHostMakeAreNamedAsTheInventorysAre() throws Exception {
        String kept = runtime(Map.of(), "app-tier", "db.x");
        assertTrue(kept.startsWith("0\n"), kept);
        assertTrue(kept.contains("web1                       : ok=3    changed=2"), kept);
        assertTrue(kept.contains("Not replacing invalid character(s) \"{'-'}\" in group name (app-tier)\n"), kept);
        assertTrue(kept.contains("Not replacing invalid character(s) \"{'.'}\" in group name (db.x)\n"), kept);
        assertEquals(kept.indexOf(KEPT), kept.lastIndexOf(KEPT), "the warning once in the run: " + kept);
        String replaced = runtime(Map.of("ANSIBLE_TRANSFORM_INVALID_GROUP_CHARS", "always"), "app_tier", "db_x");
        assertTrue(replaced.startsWith("0\n"), replaced);
        assertTrue(replaced.contains("web1                       : ok=3    changed=2"), replaced);
        assertTrue(replaced.contains("Replacing invalid character(s) \"{'.'}\" in group name (db.x)\n"), replaced);
    }

    @Test
    void ignoreKeepsTheNamesSilently() throws Exception {
        assertQuiet("ignore", "web-servers", "2nd.tier");
    }

    @Test
    void silentlyReplacesThemWithoutAWord() throws Exception {
        assertQuiet("silently", "web_servers", "_nd_tier");
    }

    /** With {@code setting}, the groups are named {@code web} and {@code tier}, and nothing is said of them even at -vvvv. */
    private void assertQuiet(String setting, String web, String tier) throws Exception {
        String out = run(Map.of("ANSIBLE_TRANSFORM_INVALID_GROUP_CHARS", setting), web, tier, "-vvvv");
        assertTrue(out.startsWith("0\n"), out);
        assertTrue(out.contains(OK), out);
        assertFalse(out.contains("Invalid characters"), out);
        assertFalse(out.contains("in group name ("), out);
    }

    @Test
    void ansibleCfgSetsItAsForceValidGroupNames() throws Exception {
        Files.writeString(dir.resolve("ansible.cfg"), "[defaults]\nforce_valid_group_names = always\n");
        String out = run(Map.of("ANSIBLE_CONFIG", dir.resolve("ansible.cfg").toString()), "web_servers", "_nd_tier");
        assertTrue(out.startsWith("0\n"), out);
        assertTrue(out.contains(OK), out);
        assertTrue(out.contains(REPLACED), out);
    }

    @Test
    void anUnknownValueIsRefusedBeforeAnythingRuns() throws Exception {
        String out = run(Map.of("ANSIBLE_TRANSFORM_INVALID_GROUP_CHARS", "Always"), "web_servers", "_nd_tier");
        assertTrue(out.startsWith("3\n"), out);
        assertTrue(out.contains("ERROR: ANSIBLE_TRANSFORM_INVALID_GROUP_CHARS: Invalid value \"Always\" for configuration "
                + "option \"setting: TRANSFORM_INVALID_GROUP_CHARS \", valid values are: always, never, ignore, silently"), out);
        assertFalse(out.contains("PLAY ["), out);
    }
}
