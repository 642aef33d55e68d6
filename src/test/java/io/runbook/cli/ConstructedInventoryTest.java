package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.runbook.engine.exec.ExitCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Ansible's constructed inventory plugin ({@code plugin: constructed} files among the sources): compose, groups and
 * keyed_groups over the sources read before it. {@code fleet-list.json} is what ansible-inventory 2.14 lists for the
 * {@code fleet/} folder (a static file, two constructed files, group_vars); where ansible-inventory is installed the
 * listing is also compared with its live output.
 */
class ConstructedInventoryTest {
    private static String fixture(String name) {
        return EngineRun.fixture("inventory-constructed/" + name);
    }

    @Test
    void theListingIsAnsibleInventorysForTheSameFolder() throws IOException {
        RunResult r = EngineRun.cli("inventory", "-i", fixture("fleet"), "--list");
        assertEquals(0, r.exitCode(), r.toString());
        String expected = Files.readString(Path.of(fixture("fleet-list.json")));
        assertEquals(expected.strip(), r.out().strip());
    }

    @Test
    void theListingIsWhatTheInstalledAnsibleInventoryLists() throws Exception {
        Path ansible = Path.of("/usr/bin/ansible-inventory");
        assumeTrue(Files.isExecutable(ansible), "ansible-inventory is not installed");
        for (List<String> sources : List.of(List.of(fixture("fleet")), List.of(fixture("order")),
                List.of("testhost,", fixture("extra.yml")))) {
            List<String> args = new java.util.ArrayList<>(List.of("inventory", "--list", "-e", "from_extras=hey"));
            List<String> command = new java.util.ArrayList<>(List.of(ansible.toString(), "--list", "-e", "from_extras=hey"));
            sources.forEach(s -> {
                args.addAll(List.of("-i", s));
                command.addAll(List.of("-i", s));
            });
            RunResult r = EngineRun.cli(args.toArray(String[]::new));
            assertEquals(0, r.exitCode(), r.toString());
            // the -e vars go to use_extra_vars and, as ansible-inventory shows them, among every host's variables
            assertEquals(parsed(run(command)), parsed(r.out()), "sources " + sources);
        }
    }

    @Test
    void aPlaybookSeesTheConstructedGroupsAndVariables() {
        RunResult r = EngineRun.cli(fixture("groups.yml"), "-i", fixture("fleet"));
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("_Debian,by_os,eu_hosts,front,front_eu,label_size,label_team___name____edge__,os_Debian,sited,"
                + "tag_role_web,tag_zone_eu_west,web web-1.example.com front-prod front-pool", r.msg("where each host is", "web-1"));
        assertEquals("front,label_size_large,label_team___name____edge__,os_unknown,sited,tag_role_web,tag_zone_,web "
                + "web-2.example.com front-prod front-pool", r.msg("where each host is", "web-2"));
        // strict: false: db-1 has no tier, so no tier_env; group_vars/front.yml applies to the constructed group
        assertEquals("_RedHat,by_os,db,os_RedHat,tag_role_db,tag_zone_us db-1.example.com - -",
                r.msg("where each host is", "db-1"));
        assertEquals("web-2 web-1,db-1", r.msg("a constructed group selects hosts", "web-2"));
        assertEquals(List.of(), r.tasksRunOn("web-1").stream().filter(t -> t.contains("selects")).toList());
    }

    @Test
    void verboseNamesThePluginThatReadsEachConstructedFileAsAnsiblePlaybookDoes() {
        RunResult r = EngineRun.cli(fixture("groups.yml"), "-i", fixture("fleet"), "-v");
        assertEquals(0, r.exitCode(), r.toString());
        Path folder = Path.of(fixture("fleet")).toAbsolutePath().normalize();
        // the names ansible-core 2.14's auto plugin prints for 'constructed' and 'ansible.builtin.constructed'
        assertTrue(r.out().contains("Using inventory plugin 'constructed' to process inventory source '"
                + folder.resolve("02-constructed.yml") + "'\nUsing inventory plugin "
                + "'ansible_collections.ansible.builtin.plugins.inventory.constructed' to process inventory source '"
                + folder.resolve("03-vars-plugins.yml") + "'\n"), r.out());
    }

    @Test
    void aComposedVariableIsExplainedAtItsEntry() {
        RunResult r = EngineRun.cli("inventory", "-i", fixture("fleet"), "--host", "web-1", "--explain");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("fqdn ") && l.contains("02-constructed.yml:6:3")
                && l.contains("inventory host") && l.endsWith("\"web-1.example.com\"")), r.out());
    }

    @Test
    void aConstructedFileSeesOnlyTheSourcesReadBeforeIt() {
        RunResult r = EngineRun.cli("inventory", "-i", fixture("order"), "--graph");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(String.join("\n", "@all:", "  |--@ungrouped:", "  |  |--web-1", ""), r.out());
    }

    @Test
    void useExtraVarsTemplatesWithTheCommandLinesVars() {
        RunResult r = EngineRun.cli("inventory", "-i", "testhost,", "-i", fixture("extra.yml"), "--host", "testhost",
                "-e", "from_extras=hey");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("\"example\": \"hellohey\""), r.toString());
    }

    @Test
    void aStrictTemplateThatFailsStopsTheRunBeforeAnythingRunsAtItsEntry() {
        RunResult r = EngineRun.cli(fixture("groups.yml"), "-i", fixture("strict"));
        assertEquals(ExitCode.INPUT_ERROR, r.exitCode(), r.toString());
        assertTrue(r.err().contains("02-strict.yml:4:15: Could not set tier_upper for host db-1: undefined variable "
                + "'tier'"), r.toString());
        assertTrue(r.events().isEmpty(), "nothing ran: " + r);
    }

    @Test
    void anotherInventoryPluginThatFailsStopsTheRunAtItsName() {
        // run by the controller's ansible-core, which fails it here (no boto3, or no AWS credentials, or no ansible-core)
        RunResult r = EngineRun.cli(fixture("groups.yml"), "-i", fixture("other"));
        assertEquals(ExitCode.INPUT_ERROR, r.exitCode(), r.toString());
        assertTrue(r.err().contains("aws_ec2.yml:1:9: inventory plugin 'amazon.aws.aws_ec2' failed on "), r.toString());
        assertFalse(r.err().contains("Exception"), r.toString());
    }

    private static String run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "ansible-inventory did not end");
        return out.strip();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parsed(String listing) throws IOException {
        return new com.fasterxml.jackson.databind.ObjectMapper().readValue(listing, Map.class);
    }
}
