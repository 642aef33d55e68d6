package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Python vars plugins ({@code engine/vars-plugins}): {@code plugins/} named by {@code ANSIBLE_VARS_PLUGINS} (one plugin
 * that runs unless disabled, one with REQUIRES_ENABLED), the playbook's own {@code site/vars_plugins/}, a
 * {@code group_vars/} file beside the inventory; with {@code ANSIBLE_VARS_ENABLED} enabling the second and, without
 * host_group_vars in it, the files left unread; with {@code ANSIBLE_RUN_VARS_PLUGINS=start}. Each listing and each task's message compared with ansible-inventory's
 * and ansible-playbook's, run in the module's folder with the same relative paths.
 */
class VarsPluginsTest {
    private static final String DIR = EngineRun.fixture("vars-plugins");
    private static final Path ANSIBLE_PLAYBOOK = Path.of("/usr/bin/ansible-playbook");

    @Test
    void theInventoryListingHasThePluginsVariablesAsAnsibleInventorysHas() throws Exception {
        String[] args = {"-i", DIR + "/hosts", "--list", "--playbook-dir", DIR + "/site"};
        for (Map<String, String> env : settings()) {
            String ansible = ansible(env, "/usr/bin/ansible-inventory", args);
            List<String> all = new ArrayList<>(List.of("inventory"));
            all.addAll(List.of(args));
            RunResult r = EngineRun.cli(env, all.toArray(String[]::new));
            assertEquals(0, r.exitCode(), r.toString());
            assertEquals(ansible, r.out(), env.toString());
        }
        assertTrue(ansible(settings().get(0), "/usr/bin/ansible-inventory", args).contains("\"tag_web-1\": \"host\""));
    }

    @Test
    void aPlaybooksTasksSeeThePluginsVariablesAsAnsiblePlaybooksDo() throws Exception {
        for (Map<String, String> env : settings()) {
            String ansible = messages(ansible(env, ANSIBLE_PLAYBOOK.toString(), "-i", DIR + "/hosts", DIR + "/site/site.yml"));
            RunResult r = EngineRun.cli(env, DIR + "/site/site.yml", "-i", DIR + "/hosts");
            assertEquals(0, r.exitCode(), r.toString());
            assertEquals(ansible, messages(r.out()), env.toString());
            assertTrue(ansible.contains("\"group\""), ansible);
        }
    }

    @Test
    void anAdhocCommandSeesThePluginsVariablesAsAnsiblesDoes() throws Exception {
        String[] args = {"-i", DIR + "/hosts", "web", "-m", "debug", "-a", "msg={{ [tag_web, both, tag_all, file_only] }}"};
        for (Map<String, String> env : settings().subList(0, 2)) {
            String ansible = ansible(env, "/usr/bin/ansible", args);
            List<String> all = new ArrayList<>(List.of("adhoc"));
            all.addAll(List.of(args));
            RunResult r = EngineRun.cli(env, all.toArray(String[]::new));
            assertEquals(0, r.exitCode(), r.toString());
            assertEquals(ansible.replaceAll("\\s", ""), r.out().replaceAll("\\s", ""), env.toString());
            assertTrue(ansible.contains("from_plugin"), ansible);
        }
    }

    @Test
    void aPluginThatRaisesStopsTheRunWithItsFileAndLine() {
        RunResult r = EngineRun.cli(Map.of("ANSIBLE_VARS_PLUGINS", DIR + "/boom"), DIR + "/site/site.yml", "-i", DIR + "/hosts");
        assertTrue(r.exitCode() != 0, r.toString());
        assertTrue(r.err().contains("boom.py:7:1: Unexpected Exception, this is probably a bug: the CMDB answered 503"), r.toString());
    }

    /**
     * The settings each comparison runs with: the defaults, the opt-in plugin enabled, host_group_vars left out, and
     * run_vars_plugins start (the plugins run on the inventory's folder once, before the playbook's files override).
     */
    private static List<Map<String, String>> settings() {
        String plugins = DIR + "/plugins";
        return List.of(Map.of("ANSIBLE_VARS_PLUGINS", plugins),
                Map.of("ANSIBLE_VARS_PLUGINS", plugins, "ANSIBLE_VARS_ENABLED", "optin,host_group_vars"),
                Map.of("ANSIBLE_VARS_PLUGINS", plugins, "ANSIBLE_VARS_ENABLED", "ansible.builtin.optin"),
                Map.of("ANSIBLE_VARS_PLUGINS", plugins, "ANSIBLE_RUN_VARS_PLUGINS", "start"));
    }

    /** The debug messages of a run's output, without white space, sorted. */
    private static String messages(String out) {
        String flat = out.replaceAll("\\s", "");
        List<String> found = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"msg\":\\[[^]]*(\\[[^]]*][^]]*)*]").matcher(flat);
        while (m.find()) {
            found.add(m.group());
        }
        return found.stream().sorted().collect(Collectors.joining("\n"));  // the hosts finish in any order
    }

    /** What Ansible's command prints on its standard output in the module's folder with these settings, exit code 0. */
    private static String ansible(Map<String, String> env, String program, String... args) throws Exception {
        assumeTrue(Files.isExecutable(Path.of(program)), program + " is not installed");
        List<String> command = new ArrayList<>(List.of(program));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().keySet().removeIf(k -> k.startsWith("ANSIBLE_"));
        pb.environment().putAll(env);
        pb.environment().put("ANSIBLE_NOCOLOR", "1");
        pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out;
    }
}
