package io.runbook.engine.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The names and service_mgr of {@link HostNames#SCRIPT} as Debian's ansible-core 2.14 (the {@code ansible} command's
 * setup) finds them on this machine in new namespaces (unshare): a nodename of our choosing, an /etc/hosts of our
 * own (looked up in files only: its aliases and addresses decide the fqdn) and a process of our naming as PID 1
 * (init, a shell and names Ansible knows).
 */
class HostNamesTest {
    private static final Path ANSIBLE = Path.of("/usr/bin/ansible");
    private static final Path UNSHARE = Path.of("/usr/bin/unshare");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "procd      | web-1      | 127.0.0.1 localhost;127.0.0.1 web-1",
        "dash       | web-1.eu   | 127.0.0.1 localhost;10.1.2.3 web-1.eu alias.example.org other.example.org",
        "init       | web-1      | 10.1.2.3 web-1.example.org web-1",
        "my_init    | web-1      | 127.0.0.1 localhost",
        "runit-init | web-1      | ::1 localhost6 ip6-localhost;::1 web-1;10.0.0.1 web-1.four.example"})
    void theNamesAndServiceMgrAreAnsibles(String init, String node, String hosts, @TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(ANSIBLE) && Files.isExecutable(UNSHARE), "no ansible or unshare");
        Path shell = Files.copy(Path.of("/bin/dash"), dir.resolve(init));
        Files.writeString(dir.resolve("hosts"), hosts.replace(';', '\n') + "\n");
        Files.writeString(dir.resolve("nsswitch.conf"), "hosts: files\n");
        String script = "hostname " + node + " && mount --bind " + dir.resolve("hosts") + " /etc/hosts"
                + " && mount --bind " + dir.resolve("nsswitch.conf") + " /etc/nsswitch.conf || exit 9\n"
                + "ANSIBLE_LOCAL_TEMP=" + dir + " ansible localhost -m setup -a 'gather_subset=!all,!min,service_mgr' 2>&1\n"
                + HostNames.SCRIPT;
        Process p = new ProcessBuilder(UNSHARE.toString(), "-rmpfu", "--mount-proc", shell.toString(), "-c", script)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assumeTrue(p.waitFor() != 9 && out.contains("SUCCESS =>"), "no namespaces here: " + out);
        JsonNode theirs = new ObjectMapper().readTree(out.substring(out.indexOf("=>") + 2, out.indexOf("\n@@names")))
                .get("ansible_facts");
        Map<String, Object> expected = new LinkedHashMap<>();
        for (String name : new String[] {"hostname", "nodename", "fqdn", "domain", "service_mgr"}) {
            expected.put(name, theirs.get("ansible_" + name).asText());
        }
        assertEquals(expected, HostNames.facts(LinuxHardware.sections(out.substring(out.indexOf("@@names"))),
                theirs.get("ansible_system").asText(), theirs.get("ansible_distribution").asText()), out);
    }
}
