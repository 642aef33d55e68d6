package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * playbooks/recover.yml through a bastion, as the README tells a user to run it: the lab inventory with the
 * bastion's variables added to its group_vars ({@code kube_ssh_tunnel} and the SSH key and known_hosts),
 * no playbook edits. The bastion is the real OpenSSH server A of {@code .ci/ssh-setup.sh}; its log shows it
 * carried the connections to every cluster's API server. A second run changes nothing.
 */
class BastionRecoveryTest {
    @TempDir
    Path dir;
    private Map<String, String> env;

    @BeforeEach
    void servers() throws IOException {
        env = SshTestServers.require();
    }

    /** A copy of inventory/lab whose group_vars/all.yml gains the bastion block the README shows. */
    private Path inventoryBehindBastion() throws IOException {
        Path copy = dir.resolve("inventory");
        Path source = LabEstateRun.ROOT.resolve("inventory/lab");
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.naturalOrder())::iterator) {
                Path to = copy.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        Files.writeString(copy.resolve("group_vars/all.yml"), String.join("\n",
                "",
                "# The clusters' API servers are reached through a bastion (README: running the recovery through a bastion)",
                "kube_ssh_tunnel: " + env.get("SSH_IT_USER") + "@" + env.get("SSH_IT_HOST") + ":" + env.get("SSH_IT_PORT"),
                "ansible_ssh_private_key_file: " + env.get("SSH_IT_KEY"),
                "ansible_ssh_known_hosts_file: " + env.get("SSH_IT_KNOWN_HOSTS"),
                ""), java.nio.file.StandardOpenOption.APPEND);
        return copy;
    }

    /** The sshd log lines of the bastion's forwards (direct-tcpip requests) so far. */
    private List<String> forwards() throws IOException {
        return Files.readAllLines(Path.of(env.get("SSH_IT_LOG_A"))).stream().filter(l -> l.contains("server_request_direct_tcpip")).toList();
    }

    /** The target ports of the forwards logged after the first {@code skip}. */
    private Set<Integer> forwardedPorts(int skip) throws IOException {
        Set<Integer> ports = new TreeSet<>();
        Pattern target = Pattern.compile("target 127\\.0\\.0\\.1 port (\\d+)");
        for (String line : forwards().subList(skip, forwards().size())) {
            Matcher m = target.matcher(line);
            if (m.find()) {
                ports.add(Integer.parseInt(m.group(1)));
            }
        }
        return ports;
    }

    @Test
    void recoverRunsThroughTheBastionWithInventoryVariablesOnly() throws Exception {
        LabEstateRun lab = new LabEstateRun(dir.resolve("state"));
        Path inventory = inventoryBehindBastion();
        int before = forwards().size();
        LabEstateRun.Result first = lab.playOn(inventory, "recover.yml");
        assertEquals(0, first.code(), first.out());
        assertEquals("INSTALLED", LabEstateRun.path(lab.object("mgmt", "ManagementPlane", "tsb", "managementplane").orElseThrow(),
                "status", "phase"));
        for (String cp : List.of("cp-1", "cp-2", "cp-3")) {
            assertEquals("SYNCED", LabEstateRun.path(lab.object(cp, "ControlPlane", "istio-system", "controlplane").orElseThrow(),
                    "status", "xcp"), cp);
        }
        // the four lab clusters' API servers (each on a port of its own) were reached through the bastion
        assertTrue(forwardedPorts(before).size() >= 4, "the bastion forwarded to the four API servers: " + forwardedPorts(before));

        LabEstateRun.Result second = lab.playOn(inventory, "recover.yml");
        assertEquals(0, second.code(), second.out());
        assertEquals(0, second.totalChanged(), "a second recover.yml through the bastion changes nothing:\n" + second.out());
    }
}
