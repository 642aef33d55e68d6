package io.runbook.modules.core;

import io.runbook.modules.ssh.SshServers;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;

/**
 * The host modules over SSH against a real OpenSSH server (server B of {@code .ci/ssh-setup.sh}), logged in
 * as its non-root test user: the same results as on the controller.
 */
@io.runbook.modules.Exclusive("openssh")
class OpenSshHostModulesTest extends HostModulesContract {
    private SshServers servers;

    @Override
    @BeforeEach
    void prepare() throws Exception {
        servers = SshServers.require();
        super.prepare();
    }

    @Override
    Map<String, Object> connectionVars() {
        return servers.targetVars();
    }

    @Override
    Path hostFolder() throws Exception {
        return servers.userFolder();
    }

    @Override
    String loginUser() {
        return servers.user();
    }

    @Override
    void requestCameFromTheHost(int port) throws Exception {
        long forwards = java.nio.file.Files.readAllLines(Path.of(servers.get("SSH_IT_LOG_B"))).stream()
                .filter(l -> l.contains("server_request_direct_tcpip") && l.contains("target localhost port " + port)).count();
        org.junit.jupiter.api.Assertions.assertTrue(forwards > 0, "server B forwarded the download to localhost:" + port);
    }

    @org.junit.jupiter.api.Test
    void statReadsInodeBlocksAndAttributesWithOneCommandOnTheHost() throws Exception {
        java.nio.file.Files.writeString(host.resolve("one.txt"), "one\n");
        long before = commandsStarted();
        Map<String, Object> stat = (Map<String, Object>) run(new StatModule(), args("path", at("one.txt"), "get_mime", false)).data().get("stat");
        org.junit.jupiter.api.Assertions.assertEquals(1, commandsStarted() - before, "inode, blocks and lsattr in one command");
        org.junit.jupiter.api.Assertions.assertTrue(stat.containsKey("blocks") && stat.containsKey("attr_flags") && stat.containsKey("inode"), stat.toString());
    }

    private long commandsStarted() throws Exception {
        return java.nio.file.Files.readAllLines(Path.of(servers.get("SSH_IT_LOG_B"))).stream()
                .filter(l -> l.contains("Starting session: command for")).count();
    }

    @Override
    void own(Path path) throws Exception {
        java.nio.file.attribute.UserPrincipal user = path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(servers.user());
        java.nio.file.Files.getFileAttributeView(path, java.nio.file.attribute.PosixFileAttributeView.class,
                java.nio.file.LinkOption.NOFOLLOW_LINKS).setOwner(user);
    }
}
