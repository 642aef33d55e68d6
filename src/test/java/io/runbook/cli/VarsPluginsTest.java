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
 * host_group_vars in it, the files left unread; with {@code ANSIBLE_RUN_VARS_PLUGINS=start}. A role's
 * {@code vars_plugins/} ({@code include/}: one include_role reads at run time, one of {@code roles:} and
 * import_role), hosts and groups made at run time, a plugin's warning and its exceptions. Each listing and each task's
 * message compared with ansible-inventory's
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
            String ansible = sameMessages(env, DIR + "/site/site.yml");
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
    void aPluginThatRaisesStopsTheRunWithItsFileAndLineAndAnsiblesMessage() throws Exception {
        Both both = both("boom", "site/site.yml");
        Ran ansible = both.ansible();
        RunResult r = both.engine();
        // an exception that is no AnsibleError: ansible-playbook's "Unexpected Exception", exit code 250
        assertEquals(250, ansible.exitCode(), ansible.err());
        assertEquals(ansible.exitCode(), r.exitCode(), r.toString());
        assertTrue(ansible.err().contains("ERROR! Unexpected Exception, this is probably a bug: the CMDB answered 503"), ansible.err());
        assertTrue(r.err().contains("boom.py:7:1: Unexpected Exception, this is probably a bug: the CMDB answered 503"), r.toString());
        assertTrue(!r.err().contains("\tat ") && !r.err().contains("Exception:"), r.err());
    }

    @Test
    void aPluginThatRaisesAboutAHostMadeAtRunTimeStopsTheRunAsAnsiblesDoes() throws Exception {
        Both both = both("late", "runtime/runtime.yml");
        Ran ansible = both.ansible();
        RunResult r = both.engine();
        assertEquals(250, ansible.exitCode(), ansible.err());
        assertEquals(ansible.exitCode(), r.exitCode(), r.toString());
        assertTrue(ansible.err().contains("ERROR! Unexpected Exception, this is probably a bug: no such host in the CMDB"), ansible.err());
        // the engine's ERROR! of a run it stops is on its standard error, as ansible-playbook's
        assertTrue(r.err().contains("late.py:9:1: Unexpected Exception, this is probably a bug: no such host in the CMDB"), r.toString());
        assertTrue(!r.out().contains("PLAY RECAP") && !ansible.out().contains("PLAY RECAP"), r.out());  // no recap in either
    }

    @Test
    void aPluginThatRaisesAnAnsibleErrorStopsTheRunWithItsMessageAsAnInputError() throws Exception {
        Both both = both("down", "site/site.yml");
        Ran ansible = both.ansible();
        RunResult r = both.engine();
        // ansible-playbook's exit code 1 for an AnsibleError before anything ran is the engine's input error
        assertEquals(1, ansible.exitCode(), ansible.err());
        assertEquals(3, r.exitCode(), r.toString());
        assertTrue(ansible.err().contains("ERROR! the CMDB is down for maintenance"), ansible.err());
        assertTrue(r.err().contains("down.py:8:1: the CMDB is down for maintenance"), r.toString());
        assertTrue(!r.err().contains("\tat "), r.err());
    }

    @Test
    void aPluginsDisplayWarningIsShownAsAnsiblesWarningIs() throws Exception {
        Both both = both("warner", "site/site.yml");
        Ran ansible = both.ansible();
        RunResult r = both.engine();
        assertEquals(0, r.exitCode(), r.toString());
        String warning = "[WARNING]: the CMDB answered slowly; the vars plugin used its cache, whose\n"
                + "answers may be a few minutes behind\n";
        assertEquals(warning, ansible.err());
        // on the engine's standard error (after it, the engine's own line naming the run's journal), once, wrapped as
        // Ansible's display wraps it
        assertEquals(warning, r.err().replaceAll("(?m)^journal: .*\n", ""));
    }

    @Test
    void hostsAndGroupsMadeAtRunTimeHaveThePluginsVariablesAsInAnsible() throws Exception {
        String ansible = sameMessages(Map.of("ANSIBLE_VARS_PLUGINS", DIR + "/plugins"), DIR + "/runtime/runtime.yml");
        // web-2 (add_host) has its own and its groups' variables; web-1 its group_by group's
        assertTrue(ansible.contains("[\"web-2\",\"group\",\"group\",\"-\",\"-\",\"group\",\"host\"]"), ansible);
        assertTrue(ansible.contains("[\"web-1\",\"group\",\"-\",\"group\",\"-\",\"group\",\"host\"]"), ansible);
    }

    @Test
    void aRolesVarsPluginsGiveVariablesFromTheFirstPlayOnAsInAnsible() throws Exception {
        String ansible = sameMessages(Map.of("ANSIBLE_VARS_PLUGINS", DIR + "/plugins"), DIR + "/site/roles.yml");
        // the first play, which does not use the role, has its vars plugin's variables already
        assertTrue(ansible.contains("[\"db-1\",\"db-1\",true,\"-\",\"-\"]"), ansible);
    }

    @Test
    void aRoleIncludeRoleReadsAtRunTimeGivesItsVarsPluginsVariablesFromThenOnAsInAnsible() throws Exception {
        // before the include none; in the role, after it and in the next play its plugin's (and, enabled, its
        // REQUIRES_ENABLED one's); play vars over them; with run_vars_plugins start none: they ran before any role
        String ansible = sameMessages(Map.of(), DIR + "/include/site.yml");
        assertTrue(ansible.contains("\"msg\":\"beforeunsetunset\""), ansible);
        assertTrue(ansible.contains("\"msg\":\"inroleseenforincludeunset\""), ansible);
        assertTrue(ansible.contains("\"msg\":\"nextplayseenforincludeunset\""), ansible);
        assertTrue(ansible.contains("\"msg\":\"playvarsplay\""), ansible);
        ansible = sameMessages(Map.of("ANSIBLE_VARS_ENABLED", "role_optin,host_group_vars"), DIR + "/include/site.yml");
        assertTrue(ansible.contains("\"msg\":\"afterseenforincludeenabled\""), ansible);
        ansible = sameMessages(Map.of("ANSIBLE_RUN_VARS_PLUGINS", "start"), DIR + "/include/site.yml");
        assertTrue(ansible.contains("\"msg\":\"nextplayunsetunset\""), ansible);
    }

    @Test
    void aRolesVarsPluginsOfRolesAndImportRoleAreThereFromTheFirstPlayButNotWithRunVarsPluginsStart() throws Exception {
        String ansible = sameMessages(Map.of(), DIR + "/include/static.yml");
        assertTrue(ansible.contains("\"msg\":\"firstplaystatic\""), ansible);
        ansible = sameMessages(Map.of("ANSIBLE_RUN_VARS_PLUGINS", "start"), DIR + "/include/static.yml");
        assertTrue(ansible.contains("\"msg\":\"inrolesunset\""), ansible);
    }

    @Test
    void theVarsAndTheFilterPluginsOfARunRunInOnePluginProcessThatEndsWithTheRun() {
        java.time.Instant before = java.time.Instant.now();
        RunResult r = EngineRun.cli(Map.of("ANSIBLE_VARS_PLUGINS", DIR + "/pid"), "-i", DIR + "/hosts", DIR + "/runtime/runtime.yml");
        assertEquals(0, r.exitCode(), r.toString());
        // [host, the vars plugin's os.getpid(), the filter plugin's]: asked while the inventory was read, after
        // add_host (web-2) and group_by, and by a template: always the same process
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\[\"([a-z0-9-]+)\",(\\d+),(\\d+)]")
                .matcher(r.out().replaceAll("\\s", ""));
        java.util.Set<String> hosts = new java.util.TreeSet<>();
        java.util.Set<Long> pids = new java.util.HashSet<>();
        while (m.find()) {
            hosts.add(m.group(1));
            pids.add(Long.parseLong(m.group(2)));
            pids.add(Long.parseLong(m.group(3)));
        }
        assertEquals(java.util.Set.of("db-1", "web-1", "web-2"), hosts, r.out());
        assertEquals(1, pids.size(), r.out());
        long pid = pids.iterator().next();
        assertTrue(ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isEmpty(), "the plugin process " + pid + " outlived the run");
        // nor any other Python process the run started
        List<ProcessHandle> left = ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().startInstant().map(t -> !t.isBefore(before.minusSeconds(1))).orElse(true))
                .filter(p -> p.info().command().orElse("").contains("python")).toList();
        assertEquals(List.of(), left.stream().map(p -> p.pid() + " " + p.info().commandLine().orElse("")).toList());
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

    /**
     * The debug messages of ansible-playbook's run of {@code playbook} on the hosts with these settings, checked to be
     * the engine's run's too (both exit 0).
     */
    private static String sameMessages(Map<String, String> env, String playbook) throws Exception {
        String[] args = {"-i", DIR + "/hosts", playbook};
        String ansible = messages(ansible(env, ANSIBLE_PLAYBOOK.toString(), args));
        RunResult r = EngineRun.cli(env, args);
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(ansible, messages(r.out()), env.toString());
        return ansible;
    }

    /** The debug messages of a run's output, without white space, sorted. */
    private static String messages(String out) {
        String flat = out.replaceAll("\\s", "");
        List<String> found = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"msg\":(\\[[^]]*(\\[[^]]*][^]]*)*]|\"[^\"]*\")").matcher(flat);
        while (m.find()) {
            found.add(m.group());
        }
        return found.stream().sorted().collect(Collectors.joining("\n"));  // the hosts finish in any order
    }

    /** What Ansible's command prints on its standard output in the module's folder with these settings, exit code 0. */
    private static String ansible(Map<String, String> env, String program, String... args) throws Exception {
        Ran ran = run(env, program, args);
        assertEquals(0, ran.exitCode(), ran.out() + ran.err());
        return ran.out();
    }

    /** ansible-playbook's run and the engine's of the same playbook and hosts. */
    private record Both(Ran ansible, RunResult engine) {
    }

    /** Runs {@code playbook} (in the fixture) on its hosts with ansible-playbook and the engine, the vars plugins of {@code plugins}. */
    private static Both both(String plugins, String playbook) throws Exception {
        Map<String, String> env = Map.of("ANSIBLE_VARS_PLUGINS", DIR + "/" + plugins);
        String[] args = {"-i", DIR + "/hosts", DIR + "/" + playbook};
        return new Both(run(env, ANSIBLE_PLAYBOOK.toString(), args), EngineRun.cli(env, args));
    }

    /** An Ansible command's exit code and output. */
    private record Ran(int exitCode, String out, String err) {
    }

    /** Runs Ansible's command in the module's folder with these settings (and no others of the process's). */
    private static Ran run(Map<String, String> env, String program, String... args) throws Exception {
        assumeTrue(Files.isExecutable(Path.of(program)), program + " is not installed");
        List<String> command = new ArrayList<>(List.of(program));
        command.addAll(List.of(args));
        java.io.File err = java.io.File.createTempFile("ansible", ".err");
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(err);
        pb.environment().keySet().removeIf(k -> k.startsWith("ANSIBLE_"));
        pb.environment().putAll(env);
        pb.environment().put("ANSIBLE_NOCOLOR", "1");
        pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        int code = p.waitFor();
        String errors = Files.readString(err.toPath());
        Files.delete(err.toPath());
        return new Ran(code, out, errors);
    }
}
