package io.runbook.modules.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.module.Diff;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The known_hosts module's cases of the host-module contract (on the controller and over SSH alike), with host keys
 * made by ssh-keygen for each test; the results are those ansible-core 2.14's module gives (checked with ansible-playbook
 * and its known_hosts integration target too).
 */
abstract class KnownHostsContract extends GitContract {
    private static final String BASTION = "bastion.mesh.example.com";

    /** A new host key of {@code type}, as its known_hosts line has it after the names: {@code TYPE BASE64}. */
    String hostKey(String type) throws Exception {
        Path key = Files.createTempDirectory(controller, "key").resolve("host_key");
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", type, "-N", "", "-C", "root@" + BASTION, "-f", key.toString())
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "ssh-keygen made a " + type + " key");
        String[] pub = Files.readString(Path.of(key + ".pub")).split(" ");
        return pub[0] + " " + pub[1];
    }

    @Test
    void knownHostsAddsReplacesAndKeepsOneKeyPerType() throws Exception {
        String ed = hostKey("ed25519");
        String path = at("ssh/known_hosts");
        folder("ssh");
        Result predicted = check(new KnownHostsModule(), args("name", BASTION, "key", BASTION + " " + ed, "path", path));
        assertTrue(predicted.isChanged());
        assertEquals(Map.of("before_header", "/dev/null", "after_header", path, "before", "", "after", BASTION + " " + ed + "\n"),
                predicted.data().get("diff"));
        assertEquals(List.of("diff"), List.copyOf(predicted.data().keySet()), "as Ansible's module in check mode: changed and diff only");
        assertEquals("/dev/null", predicted.diffs().get(0).beforeHeader());
        assertFalse(Files.exists(host.resolve("ssh/known_hosts")), "check mode writes nothing");

        Result added = run(new KnownHostsModule(), args("host", "Bastion.Mesh.example.com", "key", BASTION + " " + ed, "path", path));
        assertTrue(added.isChanged());
        assertEquals(BASTION + " " + ed + "\n", Files.readString(host.resolve("ssh/known_hosts")));
        assertEquals("rw-r--r--", perms(host.resolve("ssh/known_hosts")));
        Map<String, Object> data = added.data();
        assertEquals("Bastion.Mesh.example.com", data.get("name"), "the name as given");
        assertEquals(BASTION + " " + ed, data.get("key"));
        assertEquals(path, data.get("path"));
        assertEquals(false, data.get("hash_host"));
        assertEquals("file", data.get("state"), "Ansible's path facts replace the state");
        assertEquals("0644", data.get("mode"));
        assertEquals(loginUser(), data.get("owner"));
        assertEquals((long) (BASTION + " " + ed + "\n").length(), data.get("size"));
        assertTrue(data.containsKey("uid") && data.containsKey("gid") && data.containsKey("group"), data.toString());

        Result again = run(new KnownHostsModule(), args("name", BASTION, "key", BASTION + " " + ed, "path", path));
        assertFalse(again.isChanged());
        @SuppressWarnings("unchecked")
        Map<String, Object> same = (Map<String, Object>) again.data().get("diff");
        assertEquals(same.get("before"), same.get("after"));
        assertTrue(again.diffs().isEmpty());

        String newer = hostKey("ed25519");
        String ecdsa = hostKey("ecdsa");
        put("ssh/known_hosts", "# fleet\nother.example.com " + ecdsa + "\n" + BASTION + " " + ed + "\n" + "gitlab.example.com " + ed + "\n");
        Result replaced = run(new KnownHostsModule(), args("name", BASTION, "key", BASTION + " " + newer, "path", path));
        assertTrue(replaced.isChanged());
        String replacedText = "# fleet\nother.example.com " + ecdsa + "\ngitlab.example.com " + ed + "\n" + BASTION + " " + newer + "\n";
        assertEquals(replacedText, Files.readString(host.resolve("ssh/known_hosts")), "the old key's line goes, the new one is appended");
        Diff shown = replaced.diffs().get(0);
        assertEquals(path, shown.beforeHeader());
        assertEquals(replacedText, shown.after());

        Result otherType = run(new KnownHostsModule(), args("name", BASTION, "key", BASTION + ",10.20.0.4 " + ecdsa + " root@bastion", "path", path));
        assertTrue(otherType.isChanged());
        assertEquals(replacedText + BASTION + ",10.20.0.4 " + ecdsa + " root@bastion\n", Files.readString(host.resolve("ssh/known_hosts")));
        assertFalse(run(new KnownHostsModule(), args("name", "10.20.0.4", "key", BASTION + ",10.20.0.4 " + ecdsa + " root@bastion",
                "path", path)).isChanged(), "ssh-keygen finds the entry by any of its names");
    }

    @Test
    void knownHostsRemovesOneKeyOrEveryEntryOfTheHost() throws Exception {
        String ed = hostKey("ed25519");
        String ecdsa = hostKey("ecdsa");
        String port = "[" + BASTION + "]:2222 " + ed + "\n";
        put("kh", BASTION + " " + ed + "\n" + BASTION + " " + ecdsa + "\n" + port);
        Files.setPosixFilePermissions(host.resolve("kh"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        String path = at("kh");

        Result notThere = run(new KnownHostsModule(), args("name", "nothere.example.com", "key", "nothere.example.com " + ed,
                "path", path, "state", "absent"));
        assertFalse(notThere.isChanged());
        assertEquals("file", notThere.data().get("state"), "the file exists: its path facts say file");

        Result one = run(new KnownHostsModule(), args("name", BASTION, "key", BASTION + " " + ecdsa, "path", path, "state", "absent"));
        assertTrue(one.isChanged());
        assertEquals(BASTION + " " + ed + "\n" + port, Files.readString(host.resolve("kh")));
        assertEquals("rw-------", perms(host.resolve("kh")), "the file keeps its mode");
        assertFalse(run(new KnownHostsModule(), args("name", BASTION, "key", BASTION + " " + ecdsa, "path", path, "state", "absent"))
                .isChanged());

        Result wouldRemove = check(new KnownHostsModule(), args("name", BASTION, "path", path, "state", "absent"));
        assertTrue(wouldRemove.isChanged());
        assertEquals(BASTION + " " + ed + "\n" + port, Files.readString(host.resolve("kh")));

        Result all = run(new KnownHostsModule(), args("name", BASTION, "path", path, "state", "absent"));
        assertTrue(all.isChanged());
        assertNull(all.data().get("key"));
        assertEquals(port, Files.readString(host.resolve("kh")), "a [host]:port entry is another host");
        assertTrue(Files.exists(host.resolve("kh.old")), "ssh-keygen -R keeps the file as it was");
        assertFalse(run(new KnownHostsModule(), args("name", BASTION, "path", path, "state", "absent")).isChanged());

        Result portGone = run(new KnownHostsModule(), args("name", "[" + BASTION + "]:2222", "path", path, "state", "absent"));
        assertTrue(portGone.isChanged());
        assertEquals("", Files.readString(host.resolve("kh")));

        Result missingFile = run(new KnownHostsModule(), args("name", BASTION, "path", at("none"), "state", "absent"));
        assertFalse(missingFile.isChanged());
        assertEquals("absent", missingFile.data().get("state"), "no file, no path facts: the state as given");
        assertFalse(missingFile.data().containsKey("mode"));
    }

    @Test
    void knownHostsHashesTheNameAndFindsHashedEntries() throws Exception {
        String ed = hostKey("ed25519");
        String path = at("hashed");
        Result hashed = run(new KnownHostsModule(), args("name", "[" + BASTION + "]:2222", "key", "[" + BASTION + "]:2222 " + ed,
                "path", path, "hash_host", true));
        assertTrue(hashed.isChanged());
        String line = Files.readString(host.resolve("hashed"));
        assertTrue(line.matches("\\|1\\|[A-Za-z0-9+/=]{28}\\|[A-Za-z0-9+/=]{28} " + java.util.regex.Pattern.quote(ed) + "\n"), line);
        assertEquals("[" + BASTION + "]:2222 " + ed, hashed.data().get("key"), "the key as given, not hashed");

        assertFalse(run(new KnownHostsModule(), args("name", "[" + BASTION + "]:2222", "key", "[" + BASTION + "]:2222 " + ed,
                "path", path, "hash_host", true)).isChanged(), "a hashed entry is not hashed again");
        Result plain = run(new KnownHostsModule(), args("name", "[" + BASTION + "]:2222", "key", "[" + BASTION + "]:2222 " + ed, "path", path));
        assertTrue(plain.isChanged(), "a plain key replaces the hashed entry");
        assertEquals("[" + BASTION + "]:2222 " + ed + "\n", Files.readString(host.resolve("hashed")));
    }

    @Test
    void knownHostsRefusesAKeyThatDoesNotNameTheHostWithAnsiblesMessages() throws Exception {
        String ed = hostKey("ed25519");
        put("refused", "");
        String path = at("refused");
        ModuleException other = assertThrows(ModuleException.class, () -> run(new KnownHostsModule(),
                args("name", "other.example.com", "key", BASTION + " " + ed, "path", path)));
        assertEquals("Host parameter does not match hashed host field in supplied key", other.getMessage());
        ModuleException list = assertThrows(ModuleException.class, () -> run(new KnownHostsModule(),
                args("name", BASTION + ",10.20.0.4", "key", BASTION + ",10.20.0.4 " + ed, "path", path)));
        assertEquals("Comma separated list of names is not supported. Please pass a single name to lookup in the known_hosts file.",
                list.getMessage());
        ModuleException noKey = assertThrows(ModuleException.class, () -> run(new KnownHostsModule(), args("name", BASTION, "path", path)));
        assertEquals("No key specified when adding a host", noKey.getMessage());
        assertEquals("", Files.readString(host.resolve("refused")));

        ModuleException noFolder = assertThrows(ModuleException.class, () -> run(new KnownHostsModule(),
                args("name", BASTION, "key", BASTION + " " + ed, "path", at("no/.ssh/known_hosts"))));
        assertTrue(noFolder.getMessage().startsWith("Failed to write to file " + at("no/.ssh/known_hosts")
                + ": [Errno 2] No such file or directory: '" + at("no/.ssh") + "'"), noFolder.getMessage());
        assertFalse(Files.exists(host.resolve("no")), "as Ansible's module, it does not create the folder");
    }
}
