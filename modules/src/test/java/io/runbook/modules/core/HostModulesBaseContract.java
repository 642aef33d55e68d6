package io.runbook.modules.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.module.DirectRun;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The set-up every host-module contract test shares (a host folder, its connection, direct module runs) and the
 * command, shell and copy cases; {@link HostModulesContract} adds the other modules' cases.
 */
abstract class HostModulesBaseContract {
    @TempDir
    Path controller;
    Path host;
    private final Map<Object, Object> shared = new ConcurrentHashMap<>();

    /** The variables that choose and configure the connection. */
    abstract Map<String, Object> connectionVars() throws Exception;

    /** A fresh folder on the host, writable by the login user. */
    abstract Path hostFolder() throws Exception;

    /** The login user's name (owner of what the modules create). */
    abstract String loginUser() throws Exception;

    /** Makes a fixture the test wrote on the host (as itself) the login user's. */
    void own(Path path) throws Exception {
    }

    /** A fixture file on the host, owned by the login user. */
    Path put(String name, String content) throws Exception {
        Path p = host.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        for (Path q = p; !q.equals(host); q = q.getParent()) {
            own(q);
        }
        return p;
    }

    /** A fixture folder on the host, owned by the login user. */
    Path folder(String name) throws Exception {
        Path p = Files.createDirectories(host.resolve(name));
        for (Path q = p; !q.equals(host); q = q.getParent()) {
            own(q);
        }
        return p;
    }

    @BeforeEach
    void prepare() throws Exception {
        host = hostFolder();
    }

    @AfterEach
    void closeConnections() {
        for (Object o : shared.values()) {
            if (o instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // test cleanup
                }
            }
        }
    }

    Result run(Module module, Map<String, Object> args) throws Exception {
        return direct(module).run(args);
    }

    Result check(Module module, Map<String, Object> args) throws Exception {
        return direct(module).check(true).diff(true).run(args);
    }

    DirectRun direct(Module module) throws Exception {
        return DirectRun.of(module).host("target").vars(connectionVars()).baseDir(controller).sharing(shared).diff(true);
    }

    String at(String name) {
        return host.resolve(name).toString();
    }

    static Map<String, Object> args(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static String perms(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    // ---- command and shell

    @Test
    void commandWordsArriveUnchangedWithoutAShell() throws Exception {
        Result r = run(new CommandModule(), args("argv", List.of("printf", "%s|", "a b", "it's", "$HOME", "*", "")));
        assertTrue(r.isChanged());
        assertEquals("a b|it's|$HOME|*||", r.data().get("stdout"));
        assertEquals(0, r.data().get("rc"));
    }

    @Test
    void rawGivesTheOutputAsWrittenAndFailsOnANonZeroExit() throws Exception {
        Result r = run(new RawModule(), args("_raw_params", "echo 'Zażółć gęślą jaźń'; echo err >&2"));
        assertTrue(r.isChanged());
        assertFalse(r.isFailed());
        assertEquals("Zażółć gęślą jaźń\n", r.data().get("stdout"), "as Ansible's raw: not stripped");
        assertEquals(List.of("err"), r.data().get("stderr_lines"));
        assertEquals(0, r.data().get("rc"));
        assertFalse(new RawModule().supportsCheckMode(), "skipped in check mode, as Ansible's raw");
        Result failed = run(new RawModule(), args("_raw_params", "exit 3"));
        assertTrue(failed.isFailed());
        assertEquals("non-zero return code", failed.msg());
        assertEquals(3, failed.data().get("rc"));
    }

    @Test
    void scriptRunsAControllerScriptOnTheHostWithItsArgumentsAndRemovesIt() throws Exception {
        Files.createDirectories(controller.resolve("files"));
        Files.writeString(controller.resolve("files/args.sh"), "#!/bin/sh\necho \"$@\"; echo \"$option\"; pwd\n");
        Result r = run(new ScriptModule(), args("_raw_params", "args.sh --option \"Zażółć gęślą jaźń\"", "chdir", host.toString()));
        assertTrue(r.isChanged());
        assertEquals(List.of("--option Zażółć gęślą jaźń", "", host.toString()), r.data().get("stdout_lines"));
        assertEquals(0, r.data().get("rc"));
        Result skipped = run(new ScriptModule(), args("_raw_params", "args.sh", "creates", host.toString()));
        assertTrue(skipped.isSkipped());
        assertEquals(host + " exists, matching creates option", skipped.msg());
        Result predicted = check(new ScriptModule(), args("_raw_params", "args.sh"));
        assertTrue(predicted.isSkipped());
        Files.writeString(controller.resolve("files/fail.sh"), "#!/bin/sh\nexit 4\n");
        Result failed = run(new ScriptModule(), args("_raw_params", "fail.sh"));
        assertEquals("non-zero return code", failed.msg());
        assertEquals(4, failed.data().get("rc"));
    }

    @Test
    void shellRunsPipesVariablesAndRedirectionsInChdir() throws Exception {
        Result r = run(new ShellModule(), args("cmd", "echo one two | wc -w; echo \"$GREETING\" >&2; pwd",
                "chdir", host.toString()));
        assertEquals(List.of("2", host.toString()), r.data().get("stdout_lines"));
        assertEquals("echo one two | wc -w; echo \"$GREETING\" >&2; pwd", r.data().get("cmd"));
    }

    @Test
    void shellCreatesAndRemovesDecideWhetherItRuns() throws Exception {
        String marker = at("made");
        Result first = run(new ShellModule(), args("cmd", "touch made", "chdir", host.toString(), "creates", "made"));
        assertTrue(first.isChanged());
        Result second = run(new ShellModule(), args("cmd", "touch made", "chdir", host.toString(), "creates", "made"));
        assertFalse(second.isChanged());
        assertEquals("Did not run command since '" + marker + "' exists", second.msg());
        assertEquals(List.of("skipped, since " + marker + " exists"), second.data().get("stdout_lines"));
        Result removes = run(new ShellModule(), args("cmd", "rm gone", "chdir", host.toString(), "removes", at("gone")));
        assertFalse(removes.isChanged());
    }

    @Test
    void shellExecutableAndStdinAndFailure() throws Exception {
        Result bash = run(new ShellModule(), args("cmd", "read x; echo \"[[${x}]]\"", "executable", "/bin/bash", "stdin", "typed"));
        assertEquals("[[typed]]", bash.data().get("stdout"));
        Result failed = run(new ShellModule(), args("cmd", "echo broken >&2; exit 4"));
        assertTrue(failed.isFailed());
        assertEquals(4, failed.data().get("rc"));
        assertEquals("broken", failed.data().get("stderr"));
        assertEquals("non-zero return code", failed.msg());
    }

    @Test
    void missingProgramFailsWithRcTwoAndOneLine() throws Exception {
        Result r = run(new CommandModule(), args("cmd", "no-such-program-xyz --help"));
        assertTrue(r.isFailed());
        assertEquals(2, r.data().get("rc"));
        assertTrue(r.msg().startsWith("cannot run 'no-such-program-xyz'"), r.msg());
        assertTrue(r.msg().contains("no such program on the PATH"), r.msg());
    }

    // ---- copy

    @Test
    void copyContentWritesOnceWithModeAndReportsAnsiblesKeys() throws Exception {
        Map<String, Object> a = args("content", "hello\n", "dest", at("a.txt"), "mode", "0640");
        Result first = run(new CopyModule(), a);
        assertTrue(first.isChanged());
        assertEquals("hello\n", Files.readString(host.resolve("a.txt")));
        assertEquals("rw-r-----", perms(host.resolve("a.txt")));
        assertEquals("f572d396fae9206628714fb2ce00f72e94f2258f", first.data().get("checksum"));
        assertEquals(6L, first.data().get("size"));
        assertEquals("0640", first.data().get("mode"));
        assertEquals("file", first.data().get("state"));
        assertEquals(loginUser(), first.data().get("owner"));
        Result second = run(new CopyModule(), a);
        assertFalse(second.isChanged(), "idempotent");
    }

    @Test
    void copyCheckModePredictsAndWritesNothingAndDiffShowsTheText() throws Exception {
        put("c.conf", "old\n");
        Result predicted = check(new CopyModule(), args("content", "new\n", "dest", at("c.conf")));
        assertTrue(predicted.isChanged());
        assertEquals("old\n", Files.readString(host.resolve("c.conf")));
        assertEquals(1, predicted.diffs().size());
        assertEquals("old\n", predicted.diffs().get(0).before());
        assertEquals("new\n", predicted.diffs().get(0).after());
        assertEquals(at("c.conf"), predicted.diffs().get(0).label());
    }

    @Test
    void copyBackupKeepsThePreviousFile() throws Exception {
        put("b.conf", "v1\n");
        Result r = run(new CopyModule(), args("content", "v2\n", "dest", at("b.conf"), "backup", true));
        Path backup = Path.of((String) r.data().get("backup_file"));
        assertEquals("v1\n", Files.readString(backup));
        assertTrue(backup.getFileName().toString().matches("b\\.conf\\.\\d+\\.\\d{4}-\\d\\d-\\d\\d@\\d\\d:\\d\\d:\\d\\d~"), backup.toString());
        assertEquals("v2\n", Files.readString(host.resolve("b.conf")));
    }

    @Test
    void copySrcFromFilesFolderIntoADestFolderAndPreserveMode() throws Exception {
        Files.createDirectories(controller.resolve("files"));
        Path src = Files.writeString(controller.resolve("files/app.sh"), "#!/bin/sh\necho app\n");
        Files.setPosixFilePermissions(src, PosixFilePermissions.fromString("rwxr-x---"));
        Result r = run(new CopyModule(), args("src", "app.sh", "dest", host + "/", "mode", "preserve"));
        assertTrue(r.isChanged());
        assertEquals(at("app.sh"), r.data().get("dest"));
        assertEquals("rwxr-x---", perms(host.resolve("app.sh")));
        assertFalse(run(new CopyModule(), args("src", "app.sh", "dest", host.toString(), "mode", "preserve")).isChanged());
    }

    @Test
    void copyFolderWithAndWithoutTrailingSlash() throws Exception {
        Files.createDirectories(controller.resolve("conf/sub"));
        Files.writeString(controller.resolve("conf/a.yaml"), "a: 1\n");
        Files.writeString(controller.resolve("conf/sub/b.yaml"), "b: 2\n");
        Result whole = run(new CopyModule(), args("src", "conf", "dest", host.toString()));
        assertTrue(whole.isChanged());
        assertEquals("b: 2\n", Files.readString(host.resolve("conf/sub/b.yaml")));
        Result contents = run(new CopyModule(), args("src", "conf/", "dest", at("flat"), "directory_mode", "0750"));
        assertTrue(contents.isChanged());
        assertEquals("a: 1\n", Files.readString(host.resolve("flat/a.yaml")));
        assertEquals("rwxr-x---", perms(host.resolve("flat/sub")));
        assertFalse(run(new CopyModule(), args("src", "conf/", "dest", at("flat"), "directory_mode", "0750")).isChanged());
    }

    @Test
    void copyOfAFolderHoldingOneFileRegistersThatFilesCopyAsAnsibleDoes() throws Exception {
        Files.createDirectories(controller.resolve("one"));
        Files.writeString(controller.resolve("one/a.txt"), "a\n");
        Result predicted = check(new CopyModule(), args("src", "one", "dest", at("out")));
        assertTrue(predicted.isChanged());
        assertFalse(Files.exists(host.resolve("out")), "check mode changes nothing");
        assertEquals(java.util.Set.of("diff"), predicted.data().keySet(), "as Ansible's action predicts it: changed and diff only");
        List<?> diff = (List<?>) predicted.data().get("diff");
        assertEquals("a\n", ((Map<?, ?>) diff.get(0)).get("after"));
        assertEquals(controller.resolve("one/a.txt").toString(), ((Map<?, ?>) diff.get(0)).get("after_header"));
        Result copied = run(new CopyModule(), args("src", "one", "dest", at("out")));
        assertTrue(copied.isChanged());
        assertEquals("3f786850e387550fdab836ed7e6dc881de23001b", copied.data().get("checksum"));
        assertFalse(run(new CopyModule(), args("src", "one", "dest", at("out"))).isChanged());
        Files.writeString(controller.resolve("one/b.txt"), "b\n");
        Result two = check(new CopyModule(), args("src", "one", "dest", at("out")));
        assertTrue(two.isChanged());
        assertFalse(two.data().containsKey("diff"), "several files: Ansible registers dest, src and changed only");
        assertEquals(at("out/one") + "/", two.data().get("dest"));
    }

    @Test
    void copyForceFalseKeepsAnExistingFileAndRemoteSrcCopiesOnTheHost() throws Exception {
        put("keep.txt", "mine\n");
        Result kept = run(new CopyModule(), args("content", "theirs\n", "dest", at("keep.txt"), "force", false));
        assertFalse(kept.isChanged());
        assertEquals("mine\n", Files.readString(host.resolve("keep.txt")));
        Result onHost = run(new CopyModule(), args("src", at("keep.txt"), "remote_src", true, "dest", at("copy.txt")));
        assertTrue(onHost.isChanged());
        assertEquals("mine\n", Files.readString(host.resolve("copy.txt")));
    }

    @Test
    void copyContentToAFolderIsRefused() throws Exception {
        ModuleException e = assertThrows(ModuleException.class, () -> run(new CopyModule(), args("content", "x", "dest", host.toString())));
        assertTrue(e.getMessage().startsWith("can not use content with a dir as dest"), e.getMessage());
    }
}
