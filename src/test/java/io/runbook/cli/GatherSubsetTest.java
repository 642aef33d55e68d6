package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The facts each gather_subset gives ({@code engine/facts/subsets.yml}: !min, !all, '!all,!min,network', !hardware,
 * devices, facter/ohai, a left-out subset Ansible does not know, ...) on this machine, the engine's beside Debian's
 * ansible-playbook's: the same names (each network interface's, the host's SSH keys' too; not {@link #NOT_GATHERED}), the
 * same values of the user, cmdline and chroot collectors' facts and some of the platform collector's, and the same
 * error for a subset Ansible does not know.
 */
class GatherSubsetTest {
    /** Facts of Ansible's Linux collectors the engine does not gather: none now. */
    private static final Set<String> NOT_GATHERED = Set.of();

    @Test
    void eachGatherSubsetGivesTheFactsOfAnsiblesCollectors(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/sys/class/net")), "not Linux");
        FactsSideBySide.Outputs out = FactsSideBySide.local("facts/subsets.yml", dir);
        ObjectMapper json = new ObjectMapper();
        JsonNode ansible = json.readTree(out.ansible().toFile());
        JsonNode engine = json.readTree(out.engine().toFile());

        assertEquals(ansible.get("bad"), engine.get("bad"));
        assertEquals(ansible.get("values"), engine.get("values"), "the user, cmdline, chroot and platform facts' values");
        JsonNode subsets = json.readTree(Files.readString(Path.of(EngineRun.fixture("facts/subsets.yml"))).lines().filter(l -> l.startsWith("      - ["))
                .map(l -> l.strip().substring(2).replace('\'', '"')).toList().toString());
        assertEquals(subsets.size(), ansible.get("names").size());
        for (int i = 0; i < subsets.size(); i++) {
            Set<String> expected = names(ansible.get("names").get(i));
            expected.removeAll(NOT_GATHERED);
            assertEquals(expected, names(engine.get("names").get(i)), "gather_subset " + subsets.get(i));
        }
    }

    private static Set<String> names(JsonNode list) {
        Set<String> out = new TreeSet<>();
        list.forEach(n -> out.add(n.asText()));
        return out;
    }
}
