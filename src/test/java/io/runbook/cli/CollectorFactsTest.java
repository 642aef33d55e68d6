package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The facts of Ansible's network (each interface's dict, the defaults, all addresses), dns, apparmor, selinux, caps,
 * fips, ssh_pub_keys, lsb, distribution (its files' facts), user, cmdline, loadavg, fibre_channel_wwn, iscsi, nvme,
 * virtual, chroot and service_mgr collectors (with the platform collector's, which network and service_mgr require:
 * the host's names) ({@code engine/facts/collectors.yml}) on this machine, locally and over SSH, the engine's beside
 * Debian's ansible-playbook's: the same names and values; the load averages, which move between the runs, of the
 * same figures; the interfaces' names and the virtualization technologies in any order (Ansible lists them in a
 * set's order).
 */
class CollectorFactsTest {
    /** Lists Ansible makes of a set, in its order. */
    private static final Set<String> LISTED_AS_SETS = Set.of("ansible_interfaces", "ansible_virtualization_tech_guest",
            "ansible_virtualization_tech_host");

    @Test
    void theCollectorsFactsAreAnsibles(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/sys/class/net")), "not Linux");
        FactsSideBySide.Outputs out = FactsSideBySide.local("facts/collectors.yml", dir);
        compare(out.ansible(), out.engine());
    }

    /** Over SSH (.ci/ssh-setup.sh's server: this machine as a user who is not root), read by the one shell script. */
    @Test
    void theCollectorsFactsOverSshAreAnsibles() throws Exception {
        assumeTrue(Files.isExecutable(FactsSideBySide.ANSIBLE), "ansible-playbook is not installed");
        Map<String, String> env = SshTestServers.require();
        Path folder = SshTestServers.userFolder(env, "collectors");
        Path inventory = FactsSideBySide.sshInventory(env, folder);
        Path ansibleOut = folder.resolve("ansible.json");
        Path engineOut = folder.resolve("engine.json");
        FactsSideBySide.run(EngineRun.fixture("facts/collectors.yml"), ansibleOut, engineOut,
                Map.of("ANSIBLE_HOST_KEY_CHECKING", "False"), "-i", inventory.toString(), "-e", "hosts=target");
        compare(ansibleOut, engineOut);
    }

    private static void compare(Path ansibleOut, Path engineOut) throws java.io.IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode ansible = json.readTree(ansibleOut.toFile());
        JsonNode engine = json.readTree(engineOut.toFile());
        Set<String> names = names(ansible);
        assertEquals(names, names(engine));
        for (String name : names) {
            JsonNode theirs = ansible.get(name);
            JsonNode ours = engine.get(name);
            if (name.equals("ansible_loadavg")) {
                assertEquals(names(theirs), names(ours), name);
                theirs.fieldNames().forEachRemaining(k -> assertEquals(theirs.get(k).getNodeType(), ours.get(k).getNodeType(), k));
            } else if (LISTED_AS_SETS.contains(name)) {
                assertEquals(texts(theirs), texts(ours), name);
            } else {
                assertEquals(theirs, ours, name);
            }
        }
    }

    private static Set<String> names(JsonNode node) {
        Set<String> out = new TreeSet<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static Set<String> texts(JsonNode list) {
        Set<String> out = new TreeSet<>();
        list.forEach(n -> out.add(n.asText()));
        return out;
    }
}
