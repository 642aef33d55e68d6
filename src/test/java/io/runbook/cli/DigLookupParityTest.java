package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
    private static final Path ANSIBLE = Path.of("/usr/bin/ansible-playbook");
    private static final Path PLUGIN = Path.of("/usr/lib/python3/dist-packages/ansible_collections/community/general/plugins/lookup/dig.py");
    private static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000, 36);

    @TempDir
    Path work;

    @Test
    void theEngineReadsWhatAnsibleReads() throws Exception {
        BindEnv bind = BindEnv.require();
        assumeTrue(Files.isExecutable(ANSIBLE) && Files.isRegularFile(PLUGIN),
                "ansible-playbook with community.general is not installed (bin/test installs Debian's ansible)");
        String port = bind.get("DNS_IT_PORT");
        String playbook = Path.of(EngineRun.fixture("dig/parity.yml")).toAbsolutePath().toString();
        List<String> vars = List.of("-e", "dns_port=" + port, "-e", "dns_zone=" + bind.get("DNS_IT_ZONE"),
                "-e", "dns_key=" + bind.get("DNS_IT_KEY_NAME"), "-e", "dns_secret_file=" + bind.get("DNS_IT_KEY_SECRET_FILE"),
                "-e", "prefix=dig-" + RUN, "-e", "ansible_python_interpreter=/usr/bin/python3");

        Path shim = Files.createDirectories(work.resolve("shim"));
        Files.writeString(shim.resolve("sitecustomize.py"), String.join("\n",
                "import os", "import dns.resolver", "_reset = dns.resolver.Resolver.reset", "def reset(self):",
                "    _reset(self)", "    self.port = int(os.environ['DIG_TEST_PORT'])", "dns.resolver.Resolver.reset = reset", ""));
        List<String> ansibleArgs = new ArrayList<>(List.of(ANSIBLE.toString(), playbook, "-i", "localhost,", "-c", "local"));
        ansibleArgs.addAll(vars);
        ansibleArgs.addAll(List.of("-e", "out=" + work.resolve("ansible.json")));
        ProcessBuilder pb = new ProcessBuilder(ansibleArgs).directory(work.toFile()).redirectErrorStream(true);
        pb.environment().put("ANSIBLE_NOCOLOR", "1");
        pb.environment().put("ANSIBLE_RETRY_FILES_ENABLED", "0");
        pb.environment().put("PYTHONPATH", shim.toString());
        pb.environment().put("DIG_TEST_PORT", port);
        Process p = pb.start();
        String ansibleOut = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "ansible-playbook did not end");  // bounds a hang only

        List<String> engineArgs = new ArrayList<>(List.of(playbook, "-i", "localhost,", "-c", "local"));
        engineArgs.addAll(vars);
        engineArgs.addAll(List.of("-e", "out=" + work.resolve("engine.json")));
        RunResult engine = EngineRun.cli(engineArgs.toArray(String[]::new));

        assertEquals(0, p.exitValue(), ansibleOut);
        assertEquals(0, engine.exitCode(), engine.toString());
        assertEquals(NsupdateParityTest.recap(ansibleOut), NsupdateParityTest.recap(engine.out()), engine.toString());
        assertEquals(NsupdateParityTest.statuses(ansibleOut), NsupdateParityTest.statuses(engine.out()),
                "ansible-playbook:\n" + ansibleOut + "\nengine:\n" + engine);
        String expected = Files.readString(work.resolve("ansible.json"));
        assertTrue(expected.contains("\"missing\": \"NXDOMAIN\"") && expected.contains("\"polled\": \"192.0.2.30\""), expected);
        assertEquals(expected, Files.readString(work.resolve("engine.json")));
    }
}
