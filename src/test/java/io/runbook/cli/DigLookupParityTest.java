package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A playbook reading DNS with community.general.dig (dig/parity.yml: lookup and query of A, AAAA, CNAME, MX, SRV, TXT,
 * NS, SOA, a missing name, real_empty, flat=0, fail_on_error, an until loop polling the secondary for a change) run
 * by ansible-playbook (Debian's community.general with python3-dnspython) and by the engine against the BIND pair of
 * .ci/dns-setup.sh: the same exit code, recap, task statuses and values read. Debian's dig lookup has no port option,
 * so ansible-playbook's dnspython is pointed at the pair's port by a sitecustomize file (its Resolver's port); the
 * playbook passes {@code port=} too, which that version ignores and the engine uses.
 */
class DigLookupParityTest {
    private static final Path PLUGIN = Path.of("/usr/lib/python3/dist-packages/ansible_collections/community/general/plugins/lookup/dig.py");
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000, 36);

    @TempDir
    Path work;

    @Test
    void theEngineReadsWhatAnsibleReads() throws Exception {
        BindEnv bind = BindEnv.require();
        assumeTrue(Files.isExecutable(NsupdateParityTest.ANSIBLE) && Files.isRegularFile(PLUGIN),
                "ansible-playbook with community.general is not installed (bin/test installs Debian's ansible)");
        String port = bind.get("DNS_IT_PORT");
        String playbook = Path.of(EngineRun.fixture("dig/parity.yml")).toAbsolutePath().toString();
        List<String> vars = bind.playbookVars("prefix=dig-" + RUN);

        List<String> engineArgs = new ArrayList<>(List.of(playbook, "-i", "localhost,", "-c", "local"));
        engineArgs.addAll(vars);
        engineArgs.addAll(List.of("-e", "out=" + work.resolve("engine.json")));
        NsupdateParityTest.Ansible ansible;
        RunResult engine;
        // both runs poll the secondary until it follows the primary: not while another test has it stopped
        try (java.io.Closeable secondary = bind.secondaryLock()) {
            ansible = NsupdateParityTest.Ansible.run(playbook, vars, work, work.resolve("ansible.json"),
                    pointedAt(port));
            engine = EngineRun.cli(engineArgs.toArray(String[]::new));
        }
        String ansibleOut = ansible.out();

        assertEquals(0, ansible.exit(), ansibleOut);
        assertEquals(0, engine.exitCode(), engine.toString());
        assertEquals(NsupdateParityTest.recap(ansibleOut), NsupdateParityTest.recap(engine.out()), engine.toString());
        assertEquals(statuses(ansibleOut), statuses(engine.out()),
                "ansible-playbook:\n" + ansibleOut + "\nengine:\n" + engine);
        String expected = Files.readString(work.resolve("ansible.json"));
        assertTrue(expected.contains("\"missing\": \"NXDOMAIN\"") && expected.contains("\"polled\": \"192.0.2.30\""), expected);
        assertEquals(expected, Files.readString(work.resolve("engine.json")));
    }

    /**
     * The lookup against servers that fail (dig/failures.yml): one answering SERVFAIL to every query, one that never
     * answers, both served here on one port. The values read are Ansible's ('' after the 5 s lifetime, SERVFAIL
     * retried with retry_servfail); a failing lookup's message is dnspython's, inside each tool's own framing.
     */
    @Test
    void aFailingServerGivesWhatAnsibleGives() throws Exception {
        assumeTrue(Files.isExecutable(NsupdateParityTest.ANSIBLE) && Files.isRegularFile(PLUGIN),
                "ansible-playbook with community.general is not installed (bin/test installs Debian's ansible)");
        String playbook = Path.of(EngineRun.fixture("dig/failures.yml")).toAbsolutePath().toString();
        try (FailingDnsServers servers = FailingDnsServers.start()) {
            String port = Integer.toString(servers.port());
            List<String> vars = List.of("-e", "dns_port=" + port, "-e", "ansible_python_interpreter=/usr/bin/python3");
            NsupdateParityTest.Ansible ansible = NsupdateParityTest.Ansible.run(playbook, vars, work, work.resolve("ansible.json"), pointedAt(port));
            List<String> engineArgs = new ArrayList<>(List.of(playbook, "-i", "localhost,", "-c", "local"));
            engineArgs.addAll(vars);
            engineArgs.addAll(List.of("-e", "out=" + work.resolve("engine.json")));
            RunResult engine = EngineRun.cli(engineArgs.toArray(String[]::new));

            assertEquals(0, ansible.exit(), ansible.out());
            assertEquals(0, engine.exitCode(), engine.toString());
            assertEquals(NsupdateParityTest.recap(ansible.out()), NsupdateParityTest.recap(engine.out()), engine.toString());
            assertEquals(NsupdateParityTest.statuses(ansible.out()), NsupdateParityTest.statuses(engine.out()), engine.toString());
            Map<?, ?> expected = JSON.readValue(work.resolve("ansible.json").toFile(), Map.class);
            Map<?, ?> got = JSON.readValue(work.resolve("engine.json").toFile(), Map.class);
            assertEquals("", expected.get("timed_out"), expected.toString());
            for (String key : List.of("timed_out", "servfail_retried")) {
                assertEquals(expected.get(key), got.get(key), key);
            }
            for (String key : List.of("servfail", "timeout_failing")) {
                // the engine: "failures.yml:L:C: <message> (in lookup 'dig')"; Ansible: "An unhandled exception ... original message: <message>. <message>"
                String message = ((String) got.get(key)).replaceFirst("^\\S+:\\d+:\\d+: ", "").replaceFirst(" \\(in lookup 'dig'\\)$", "");
                assertTrue(message.contains("Server 127.0.0." + ("servfail".equals(key) ? "3 UDP port " + port + " answered SERVFAIL"
                        : "4 UDP port " + port + " answered The DNS operation timed out.")), message);
                assertTrue(((String) expected.get(key)).contains("original message: " + message), key + ":\n" + expected.get(key) + "\n" + message);
            }
        }
    }

    /** Environment for ansible-playbook: its dnspython asks every server on {@code port} (Debian's dig has no port option). */
    private Map<String, String> pointedAt(String port) throws java.io.IOException {
        Path shim = Files.createDirectories(work.resolve("shim"));
        Files.writeString(shim.resolve("sitecustomize.py"), String.join("\n",
                "import os", "import dns.resolver", "_reset = dns.resolver.Resolver.reset", "def reset(self):",
                "    _reset(self)", "    self.port = int(os.environ['DIG_TEST_PORT'])", "dns.resolver.Resolver.reset = reset", ""));
        return Map.of("PYTHONPATH", shim.toString(), "DIG_TEST_PORT", port);
    }

    /** The task statuses, without the until loop's retry lines: how many polls it takes depends on the secondary's timing. */
    private static Map<String, List<String>> statuses(String out) {
        Map<String, List<String>> statuses = new java.util.LinkedHashMap<>();
        NsupdateParityTest.statuses(out).forEach((task, lines) -> statuses.put(task, lines.stream().filter(l -> !l.equals("FAILED")).toList()));
        return statuses;
    }
}
