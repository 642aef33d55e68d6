package io.runbook.modules.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's reading of a user's and the system's ssh config ({@code Include}, {@code Match exec}/{@code final}/
 * {@code canonical}/{@code localuser}/{@code !}) beside OpenSSH's own: {@code ssh -G} run on the same files, in a mount
 * namespace where the controller user's home and {@code /etc/ssh} are this test's folders (so neither root's
 * {@code ~/.ssh} nor the machine's {@code /etc/ssh} is read). Needs root (for {@code unshare -m}) and ssh.
 */
class SshConfigLikeSshGTest {
    private static final Path TREE = Path.of("src/test/resources/ssh-config/include").toAbsolutePath();
    private static final String USER = System.getProperty("user.name");
    @TempDir
    Path dir;
    private Path home;
    private Path etc;

    @BeforeEach
    void copyTheFiles() throws Exception {
        home = dir.resolve("home");
        etc = dir.resolve("etc");
        copy(TREE.resolve("home"), home);
        copy(TREE.resolve("etc"), etc);
        for (String key : List.of("global_key", "web_key", "web2_key", "db_key")) {
            Files.writeString(home.resolve(".ssh").resolve(key), "not a key: its name is what counts");
        }
        assumeTrue(ssh("-G", "probe").exit() == 0, "ssh -G cannot run in a mount namespace of its own here (not root?)");
    }

    private static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private record Run(int exit, String out) {
    }

    /** {@code ssh ARGS} with this test's home as the user's and its etc as /etc/ssh. */
    private Run ssh(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("unshare", "-m", "sh", "-c",
                "h=$1; u=$2; e=$3; shift 3; mount --bind \"$h\" \"$u\" && mount --bind \"$e\" /etc/ssh && exec ssh \"$@\"", "sh",
                home.toString(), System.getProperty("user.home"), etc.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), out);
    }

    /** What ssh -G says of the options the engine uses; identity files with ~ expanded, those that exist. */
    private Map<String, Object> openSsh(String host, String... flags) throws Exception {
        List<String> args = new ArrayList<>(List.of(flags));
        args.add("-G");
        args.add(host);
        Run r = ssh(args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.out());
        Map<String, Object> out = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>();
        String alias = null;
        for (String line : r.out().split("\n")) {
            String[] kv = line.split(" ", 2);
            switch (kv[0]) {
                case "user", "hostname", "port", "identitiesonly" -> out.put(kv[0], kv[1]);
                case "hostkeyalias" -> alias = kv[1];
                case "identityfile" -> {
                    Path key = Path.of(kv[1].replaceFirst("^~", home.toString()));
                    if (Files.exists(key)) {
                        keys.add(key.toString());
                    }
                }
                default -> { }
            }
        }
        out.put("hostkeyalias", alias);
        out.put("identityfile", keys);
        return out;
    }

    private SshEnvironment env() {
        return new SshEnvironment(home, home, USER, System.getenv(), new HostKeyChecking.Setting(true, null), etc.resolve("ssh_config"));
    }

    private Map<String, Object> engine(String host, String commonArgs) throws ModuleException {
        Endpoint e = SshSettings.target(commonArgs == null ? Map.of() : Map.of("ansible_ssh_common_args", commonArgs), host, env()).endpoint();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("user", e.user());
        out.put("hostname", e.host());
        out.put("port", String.valueOf(e.port()));
        out.put("identitiesonly", e.identitiesOnly() ? "yes" : "no");
        out.put("hostkeyalias", e.hostKeyAlias());
        out.put("identityfile", e.identityFiles());
        return out;
    }

    private void same(String host, String... flags) throws Exception {
        Map<String, Object> ssh = openSsh(host, flags);
        assertEquals(ssh, engine(host, flags.length == 0 ? null : String.join(" ", flags)), host + " " + List.of(flags));
    }

    @Test
    void includedFilesAreReadInTheirSortedOrderAndTheirHostBlocksEndWithThem() throws Exception {
        same("web");
        // what the comparison stands on: ssh's own answer
        assertEquals("webuser", openSsh("web").get("user"));
        assertEquals("2201", openSsh("web").get("port"));
        assertEquals(List.of(home.resolve(".ssh/web_key").toString(), home.resolve(".ssh/web2_key").toString(),
                home.resolve(".ssh/global_key").toString()), openSsh("web").get("identityfile"), "the included files' first");
        same("web-2");
        same("web", "-l", "someone", "-p", "2999");
        same("plain");
        assertEquals("from-system", openSsh("plain").get("user"), "no dot file, no README: the system config's user");
    }

    @Test
    void anIncludeInAHostBlockIsReadForThatHostOnly() throws Exception {
        same("inc-db");
        assertEquals("dbuser@inc-db:2203", openSsh("inc-db").get("user") + "@inc-db:" + openSsh("inc-db").get("port"));
        same("inc-other");
        same("guarded");
        assertEquals("2601", openSsh("guarded").get("port"));
        same("unguarded");
        same("bracket");
        assertEquals("bracket-user@2701", openSsh("bracket").get("user") + "@" + openSsh("bracket").get("port"), "[!a-z], ? and a dot pattern");
        assertEquals("22", openSsh("unguarded").get("port"), "the included Host * is not for other hosts");
    }

    @Test
    void theSystemConfigsRelativeIncludeIsUnderItsFolder() throws Exception {
        same("sys-1");
        assertEquals("2501", openSsh("sys-1").get("port"));
        assertEquals("sys.example", openSsh("sys-1").get("hostname"));
    }

    @Test
    void matchExecRunsTheCommandThroughTheShellTrueOnExitZero() throws Exception {
        same("exec-yes");
        assertEquals("ran", openSsh("exec-yes").get("user"));
        assertEquals("2301", openSsh("exec-yes").get("port"), "!exec of a command exiting 3");
        same("exec-no");
        assertFalse(Files.exists(home.resolve("not-run.out")), "a command after a criterion that failed is not run");
    }

    @Test
    void matchExecsTokensAreSshs() throws Exception {
        Path tokens = home.resolve("tokens.out");
        Map<String, Object> ssh = openSsh("tokens", "-p", "2022");
        String bySsh = Files.readString(tokens).replace(System.getProperty("user.home"), "HOME");
        Files.delete(tokens);
        assertEquals(ssh, engine("tokens", "-p 2022"));
        String byEngine = Files.readString(tokens).replace(home.toString(), "HOME");
        assertEquals(bySsh, byEngine);
        // ssh's words: "%h %p %r %n %u %l %L %C %d %k %%", once per reading (a Match final is in the file: two)
        assertEquals(2, bySsh.lines().count(), bySsh);
        assertTrue(bySsh.startsWith("tokens 2022 " + USER + " tokens " + USER + " "), bySsh);
        assertTrue(bySsh.contains(" HOME tokens %"), bySsh);
    }

    @Test
    void matchFinalAndCanonicalHoldOnTheSecondReadingOnly() throws Exception {
        same("fin");
        Map<String, Object> ssh = openSsh("fin");
        assertEquals("2401", ssh.get("port"));
        assertEquals(List.of(home.resolve(".ssh/global_key").toString(), home.resolve(".ssh/db_key").toString()), ssh.get("identityfile"));
        assertEquals("first-reading", ssh.get("hostkeyalias"));
        same("all-of-it");
        assertEquals("all-matched", openSsh("all-of-it").get("hostkeyalias"));
        assertNotEquals("9", openSsh("all-of-it").get("port"));
    }

    @Test
    void anIncludeLoopAndAnUnknownTokenAreSshsErrors() throws Exception {
        Path loop = home.resolve(".ssh/loop");
        Run ssh = ssh("-F", loop.toString(), "-G", "h");
        assertNotEquals(0, ssh.exit());
        assertTrue(ssh.out().contains("Too many recursive configuration includes"), ssh.out());
        ModuleException e = assertThrows(ModuleException.class, () -> engine("h", "-F " + loop));
        assertTrue(e.getMessage().contains("Too many recursive configuration includes"), e.getMessage());
        assertTrue(e.isUnreachable());
        Path bad = home.resolve(".ssh/badtoken");
        Run sshBad = ssh("-F", bad.toString(), "-G", "h");
        assertNotEquals(0, sshBad.exit());
        assertTrue(sshBad.out().contains("unknown key %z"), sshBad.out());
        ModuleException token = assertThrows(ModuleException.class, () -> engine("h", "-F " + bad));
        assertTrue(token.getMessage().endsWith("badtoken line 1: Match exec \"test %z\": percent_expand: unknown key %z (as ssh says;"
                + " known: %C %L %d %h %k %l %n %p %r %u %%)"), token.getMessage());
    }

    @Test
    void anIncludedFileOthersMayWriteAndAMatchAttributeSsh92DoesNotKnowAreSshsErrors() throws Exception {
        Path open = Files.writeString(home.resolve(".ssh/open"), "User open\n");
        Files.setPosixFilePermissions(open, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--rw-"));
        Path including = Files.writeString(home.resolve(".ssh/including"), "Include open\n");
        Run ssh = ssh("-F", including.toString(), "-G", "h");
        assertNotEquals(0, ssh.exit());
        assertTrue(ssh.out().contains("Bad owner or permissions on " + System.getProperty("user.home") + "/.ssh/open"), ssh.out());
        ModuleException e = assertThrows(ModuleException.class, () -> engine("h", "-F " + including));
        assertTrue(e.getMessage().startsWith("Bad owner or permissions on " + open + " (as ssh says"), e.getMessage());
        Files.setPosixFilePermissions(open, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-r--"));
        same("h", "-F", including.toString());
        assertEquals("open", openSsh("h", "-F", including.toString()).get("user"), "group-writable, the group the owner's own: read");
        for (String match : List.of("Match tagged x", "Match all host h")) {
            Path bad = Files.writeString(home.resolve(".ssh/bad"), match + "\n  User z\n");
            Run sshBad = ssh("-F", bad.toString(), "-G", "h");
            assertTrue(sshBad.out().contains("Bad Match condition"), sshBad.out());
            ModuleException engineBad = assertThrows(ModuleException.class, () -> engine("h", "-F " + bad));
            String words = match.contains("all") ? "'all' cannot be combined with other Match attributes" : "Unsupported Match attribute tagged";
            assertTrue(sshBad.out().contains(words), sshBad.out());
            assertTrue(engineBad.getMessage().startsWith(bad + " line 1: " + words), engineBad.getMessage());
        }
    }
    /** ssh's lines of a fatal config error, joined as the engine's message joins them. */
    private static String sshsWords(Run r, String... markers) {
        return String.join("; ", r.out().lines().filter(l -> Stream.of(markers).anyMatch(l::contains)).toList());
    }

    @Test
    void aKeywordSshDoesNotKnowIsAnErrorUnlessIgnoreUnknownListsIt() throws Exception {
        Path unknown = Files.writeString(home.resolve(".ssh/unknown"), "Host other\n  Foobar yes\nHost *\n  BarBaz 1\n  User u\n");
        Run ssh = ssh("-F", unknown.toString(), "-G", "h");
        assertNotEquals(0, ssh.exit());
        String words = sshsWords(ssh, "Bad configuration option", "terminating");
        assertEquals(unknown + ": line 2: Bad configuration option: foobar; " + unknown + ": line 4: Bad configuration option: barbaz; "
                + unknown + ": terminating, 2 bad configuration options", words, "in a block that applies or not, each named");
        ModuleException e = assertThrows(ModuleException.class, () -> engine("h", "-F " + unknown));
        assertTrue(e.isUnreachable());
        assertTrue(e.getMessage().startsWith(words + " (as ssh says"), e.getMessage());
        Path ignored = Files.writeString(home.resolve(".ssh/ignored"), "IgnoreUnknown foo*,barbaz\nFoobar yes\nBarBaz 1\n"
                + "Host h\n  User ign\n  UseRoaming no\n  RhostsRSAAuthentication yes\n");
        same("h", "-F", ignored.toString());
        assertEquals("ign", openSsh("h", "-F", ignored.toString()).get("user"), "ignored, and ssh's deprecated and unsupported keywords read");
    }

    @Test
    void aMatchExecCommandKilledByASignalIsSshsErrorAndAnExitOf137IsFalse() throws Exception {
        Path killed = Files.writeString(home.resolve(".ssh/killed"), "Match exec \"kill -9 $$\"\n  User k\n");
        Run ssh = ssh("-F", killed.toString(), "-G", "h");
        assertNotEquals(0, ssh.exit());
        assertTrue(ssh.out().contains(killed + " line 1: match exec 'kill -9 $$' error"), ssh.out());
        ModuleException e = assertThrows(ModuleException.class, () -> engine("h", "-F " + killed));
        assertTrue(e.getMessage().startsWith(killed + " line 1: match exec 'kill -9 $$' error (as ssh says: the command exited abnormally,"
                + " killed by signal 9)"), e.getMessage());
        Path exited = Files.writeString(home.resolve(".ssh/exited"), "Match exec \"exit 137\"\n  User k\nHost *\n  User after\n");
        same("h", "-F", exited.toString());
        assertEquals("after", openSsh("h", "-F", exited.toString()).get("user"));
    }

    @Test
    void includeOfAnotherAccountsHomeIsThatAccountsAndOfNoAccountIsNoFile() throws Exception {
        assumeTrue(Files.readAllLines(Path.of("/etc/passwd")).stream().anyMatch(l -> l.startsWith("sys:") && l.split(":")[5].equals("/dev")),
                "no account sys whose home is /dev");
        Path other = Files.writeString(home.resolve(".ssh/other"), "Include ~sys/null\n");
        Run ssh = ssh("-F", other.toString(), "-G", "h");
        assertNotEquals(0, ssh.exit());
        assertTrue(ssh.out().contains("Bad owner or permissions on /dev/null"), "~sys is /dev: " + ssh.out());
        ModuleException e = assertThrows(ModuleException.class, () -> engine("h", "-F " + other));
        assertTrue(e.getMessage().startsWith("Bad owner or permissions on /dev/null (as ssh says"), e.getMessage());
        Path none = Files.writeString(home.resolve(".ssh/none"), "Include ~no-such-account-here/x\nUser none\n");
        same("h", "-F", none.toString());
        assertEquals("none", openSsh("h", "-F", none.toString()).get("user"));
    }
}
