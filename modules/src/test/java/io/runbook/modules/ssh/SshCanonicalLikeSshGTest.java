package io.runbook.modules.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.runbook.engine.module.ModuleException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CanonicalizeHostname and its options as the engine applies them beside {@code ssh -G} on the same config file, both
 * resolving names through the C library with this test's hosts file as {@code /etc/hosts} (a mount namespace of their
 * own: ssh's, and the engine's {@code getent}); the hosts file writes the names with their final dot, as glibc's files
 * lookup matches {@code NAME.DOMAIN.}. Needs root (for {@code unshare -m}) and ssh.
 */
class SshCanonicalLikeSshGTest {
    private static final String HOSTS = String.join("\n", "127.0.0.1 localhost", "127.0.0.1 web.rb.test.", "127.0.0.1 deep.x.rb.test.",
            "127.0.0.1 real.rb.test. alias.rb.test.", "127.0.0.1 far.rb.test.", "");
    private static final String CONFIG = String.join("\n",
            "Host far far-always",
            "  ProxyJump nobody@127.0.0.1:9",
            "Host far-always",
            "  HostName far",
            "  CanonicalizeHostname always",
            "Host web far far-always deep.x deeper.x al strict",
            "  CanonicalizeHostname yes",
            "  CanonicalDomains nope.test rb.test",
            "Host deeper.x",
            "  CanonicalizeMaxDots 0",
            "Host al",
            "  HostName Alias",
            "  CanonicalizePermittedCNAMEs *.rb.test:real.rb.test",
            "Host strict",
            "  CanonicalDomains nope.test",
            "  CanonicalizeFallbackLocal no",
            "Host fin",
            "  HostName 127.0.0.1",
            "Match final",
            "Host *.rb.test",
            "  Port 2001",
            "Host 127.0.0.1",
            "  Port 2002",
            "Match canonical host web.rb.test,deep.x.rb.test",
            "  User canon",
            "");
    @TempDir
    Path dir;
    private Path hosts;
    private Path config;

    @BeforeEach
    void files() throws Exception {
        hosts = Files.writeString(dir.resolve("hosts"), HOSTS);
        config = Files.writeString(dir.resolve("config"), CONFIG);
        assumeTrue(inNamespace("getent", "ahosts", "web.rb.test.").exit() == 0, "cannot bind a hosts file in a mount namespace here (not root?)");
    }

    private record Run(int exit, String out) {
    }

    private Run inNamespace(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(resolver());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), out);
    }

    /** A command run with this test's hosts file as /etc/hosts. */
    private List<String> resolver() {
        return List.of("unshare", "-m", "sh", "-c", "h=$1; shift; mount --bind \"$h\" /etc/hosts && exec \"$@\"", "sh", hosts.toString());
    }

    private Map<String, String> openSsh(String host) throws Exception {
        Run r = inNamespace("ssh", "-F", config.toString(), "-G", host);
        assertEquals(0, r.exit(), r.out());
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : r.out().split("\n")) {
            String[] kv = line.split(" ", 2);
            if (List.of("user", "hostname", "port").contains(kv[0])) {
                out.put(kv[0], kv[1]);
            }
        }
        return out;
    }

    private Map<String, String> engine(String host) throws ModuleException {
        List<String> getent = new ArrayList<>(resolver());
        getent.add("getent");
        String user = System.getProperty("user.name");
        SshEnvironment env = new SshEnvironment(dir, dir, user, System.getenv(), new HostKeyChecking.Setting(true, null), null, getent);
        Endpoint e = SshSettings.target(Map.of("ansible_ssh_common_args", "-F " + config), host, env).endpoint();
        Map<String, String> out = new LinkedHashMap<>();
        out.put("user", e.user());
        out.put("hostname", e.host());
        out.put("port", String.valueOf(e.port()));
        return out;
    }

    private Map<String, String> same(String host) throws Exception {
        Map<String, String> ssh = openSsh(host);
        assertEquals(ssh, engine(host), host);
        return ssh;
    }

    @Test
    void theFirstDomainThatResolvesNamesTheHostAndTheConfigIsReadAgainForIt() throws Exception {
        Map<String, String> web = same("web");
        assertEquals("web.rb.test", web.get("hostname"));
        assertEquals("2001", web.get("port"), "Host *.rb.test on the second reading");
        assertEquals("canon", web.get("user"), "Match canonical host");
        assertEquals("deep.x.rb.test", same("deep.x").get("hostname"), "one dot: CanonicalizeMaxDots 1");
        assertEquals("deeper.x", same("deeper.x").get("hostname"), "CanonicalizeMaxDots 0");
    }

    @Test
    void aPermittedCnameReplacesTheName() throws Exception {
        assertEquals("real.rb.test", same("al").get("hostname"));
    }

    @Test
    void aJumpHostsTargetIsCanonicalisedOnlyWithAlways() throws Exception {
        assertEquals("far", same("far").get("hostname"));
        Map<String, String> always = same("far-always");
        assertEquals("far.rb.test", always.get("hostname"));
        assertEquals("2001", always.get("port"));
    }

    @Test
    void aSecondReadingMatchesHostLinesAgainstTheHostName() throws Exception {
        assertEquals("2002", same("fin").get("port"));
    }

    @Test
    void noFallbackAndNothingResolvingIsSshsFatalError() throws Exception {
        Run ssh = inNamespace("ssh", "-F", config.toString(), "-G", "strict");
        assertNotEquals(0, ssh.exit());
        assertEquals("ssh: Could not resolve host \"strict\"", ssh.out().strip());
        ModuleException e = assertThrows(ModuleException.class, () -> engine("strict"));
        assertTrue(e.isUnreachable());
        assertTrue(e.getMessage().startsWith(ssh.out().strip() + " (as ssh says: CanonicalizeFallbackLocal no"), e.getMessage());
    }
}
