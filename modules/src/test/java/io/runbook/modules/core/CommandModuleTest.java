package io.runbook.modules.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.module.DirectRun;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandModuleTest {
    @TempDir
    Path dir;

    private Result run(Map<String, Object> args) throws Exception {
        return DirectRun.of(new CommandModule()).baseDir(dir).run(args);
    }

    @Test
    void commandReportsRcStdoutAndStderrAndChanged() throws Exception {
        Result r = run(Map.of("argv", List.of("sh", "-c", "echo out; echo err >&2; printf 'two\\nlines\\n'")));
        assertTrue(r.isChanged());
        assertFalse(r.isFailed());
        assertEquals(0, r.data().get("rc"));
        assertEquals("out\ntwo\nlines", r.data().get("stdout"));
        assertEquals(List.of("out", "two", "lines"), r.data().get("stdout_lines"));
        assertEquals("err", r.data().get("stderr"));
        assertEquals(List.of("err"), r.data().get("stderr_lines"));
        assertTrue(((String) r.data().get("delta")).matches("0:00:\\d\\d\\.\\d{6}"));
        assertTrue(((String) r.data().get("start")).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6}"));
    }

    @Test
    void nonZeroReturnCodeFailsWithAnsiblesMessageAndKeepsOutput() throws Exception {
        Result r = run(Map.of("cmd", "sh -c 'echo boom >&2; exit 3'"));
        assertTrue(r.isFailed());
        assertEquals("non-zero return code", r.msg());
        assertEquals(3, r.data().get("rc"));
        assertEquals("boom", r.data().get("stderr"));
    }

    @Test
    void environmentVariablesAndTildeAreExpandedAsAnsiblesCommandDoes() throws Exception {
        Result r = run(Map.of("cmd", "echo $HOME ${HOME}x '$NOT_SET_ANYWHERE_42'"));
        String home = System.getenv("HOME");
        assertEquals(home + " " + home + "x $NOT_SET_ANYWHERE_42", r.data().get("stdout"), r.toString());
        assertEquals(List.of("echo", "$HOME", "${HOME}x", "$NOT_SET_ANYWHERE_42"), r.data().get("cmd"), "cmd as written");
        assertEquals(List.of("ido", "/srv/elsewhere/x", "/srv/elsewhere", "~user"),
                CommandModule.expanded(List.of("$LOLA", "~/x", "~", "~user"), Map.of("LOLA", "ido", "HOME", "/srv/elsewhere/")),
                "the task's environment counts, its HOME for ~ too (as the module's expanduser)");
        assertEquals(List.of(System.getProperty("user.home") + "/x"), CommandModule.expanded(List.of("~/x"), Map.of()),
                "without a HOME, the account's home");
    }

    @Test
    void freeFormCommandIsSplitRespectingQuotes() throws Exception {
        Result r = run(Map.of("_raw_params", "printf '%s|%s' \"a b\" 'c  d'"));
        assertEquals("a b|c  d", r.data().get("stdout"));
        assertEquals(List.of("printf", "%s|%s", "a b", "c  d"), r.data().get("cmd"));
    }

    @Test
    void argvKeepsSpacesInsideArguments() throws Exception {
        Files.writeString(dir.resolve("file with spaces.txt"), "hello");
        Result r = run(Map.of("argv", List.of("cat", "file with spaces.txt"), "chdir", dir.toString()));
        assertEquals("hello", r.data().get("stdout"));
    }

    @Test
    void chdirRunsInThatFolder() throws Exception {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        Result r = run(Map.of("cmd", "pwd", "chdir", "sub"));
        assertEquals(sub.toRealPath().toString(), r.data().get("stdout"));
    }

    @Test
    void missingChdirFolderIsNamedWithAnsiblesMessage() throws Exception {
        Result r = run(Map.of("cmd", "pwd", "chdir", "nope"));
        assertTrue(r.isFailed());
        assertEquals("Unable to change directory before execution: [Errno 2] No such file or directory: b'" + dir.resolve("nope") + "'",
                r.msg());
    }

    @Test
    void createsSkipsTheCommandWhenThePathExists() throws Exception {
        Path marker = Files.writeString(dir.resolve("done"), "");
        Path touched = dir.resolve("touched");
        Result r = run(Map.of("argv", List.of("touch", touched.toString()), "creates", marker.toString()));
        assertFalse(r.isChanged());
        assertFalse(r.isFailed());
        assertEquals("Did not run command since '" + marker + "' exists", r.msg());
        assertFalse(Files.exists(touched));
    }

    @Test
    void createsRunsTheCommandWhenThePathIsMissing() throws Exception {
        Path touched = dir.resolve("touched");
        Result r = run(Map.of("argv", List.of("touch", touched.toString()), "creates", "touched"));
        assertTrue(r.isChanged());
        assertTrue(Files.exists(touched));
    }

    @Test
    void removesSkipsTheCommandWhenThePathIsMissing() throws Exception {
        Result r = run(Map.of("argv", List.of("rm", "gone"), "removes", "gone", "chdir", dir.toString()));
        assertFalse(r.isChanged());
        assertEquals("Did not run command since '" + dir.resolve("gone") + "' does not exist", r.msg());
    }

    @Test
    void removesRunsTheCommandWhenThePathExists() throws Exception {
        Files.writeString(dir.resolve("old"), "");
        Result r = run(Map.of("argv", List.of("rm", "old"), "removes", "old", "chdir", dir.toString()));
        assertTrue(r.isChanged());
        assertFalse(Files.exists(dir.resolve("old")));
    }

    @Test
    void stdinIsWrittenToTheProcess() throws Exception {
        Result r = run(Map.of("cmd", "cat", "stdin", "from stdin"));
        assertEquals("from stdin", r.data().get("stdout"));
    }

    @Test
    void missingExecutableFailsWithOneLineNamingItAndAnsiblesRc() throws Exception {
        Result r = run(Map.of("cmd", "no-such-program-xyz --help"));
        assertTrue(r.isFailed());
        assertTrue(r.msg().startsWith("cannot run 'no-such-program-xyz': no such program on the PATH"), r.msg());
        assertFalse(r.msg().contains("\n"));
        assertEquals(2, r.data().get("rc"));
        // as Ansible's run_command when the program cannot start: the command line as text (shlex-quoted words)
        assertEquals("no-such-program-xyz --help", r.data().get("cmd"));
        assertEquals("no-such-program-xyz 'a b'", run(Map.of("argv", List.of("no-such-program-xyz", "a b"))).data().get("cmd"));
    }

    @Test
    void missingExecutableGivenByPathSaysNoSuchFile() throws Exception {
        Result r = run(Map.of("argv", List.of(dir.resolve("bin/tool").toString())));
        assertEquals("cannot run '" + dir.resolve("bin/tool") + "': no such file", r.msg());
    }

    @Test
    void unclosedQuoteIsReported() {
        ModuleException e = assertThrows(ModuleException.class, () -> run(Map.of("cmd", "echo 'oops")));
        assertEquals("unclosed single quote at character 6 of: echo 'oops", e.getMessage());
    }

    @Test
    void checkModeSkipsWithAReasonUnlessCreatesDecides() throws Exception {
        Path touched = dir.resolve("touched");
        Result skipped = DirectRun.of(new CommandModule()).baseDir(dir).check(true)
                .run(Map.of("argv", List.of("touch", touched.toString())));
        assertTrue(skipped.isSkipped());
        // Ansible's message alone: no skip_reason beside it
        assertEquals("Command would have run if not in check mode", skipped.toMap().get("msg"));
        assertFalse(skipped.toMap().containsKey("skip_reason"), skipped.toString());
        assertFalse(Files.exists(touched));

        Result wouldRun = DirectRun.of(new CommandModule()).baseDir(dir).check(true)
                .run(Map.of("argv", List.of("touch", touched.toString()), "creates", dir.resolve("touch*").toString()));
        assertTrue(wouldRun.isChanged(), "creates lets it run: changed, as Ansible's");
        assertFalse(Files.exists(touched));

        Files.writeString(touched, "");
        Result decided = DirectRun.of(new CommandModule()).baseDir(dir).check(true)
                .run(Map.of("argv", List.of("touch", touched.toString()), "creates", touched.toString()));
        assertFalse(decided.isSkipped());
        assertFalse(decided.isChanged());
    }

    @Test
    void commandTimeoutKillsTheProcessAndItsChildren() throws Exception {
        Path pids = dir.resolve("pids");
        String script = "sleep 30 & echo $$ $! > " + pids + "; wait";
        AtomicReference<Result> result = new AtomicReference<>();
        AtomicReference<Throwable> error = new AtomicReference<>();
        Thread runner = new Thread(() -> {
            try {
                result.set(run(Map.of("argv", List.of("sh", "-c", script))));
            } catch (Throwable t) {
                error.set(t);
            }
        });
        runner.start();
        long deadline = System.currentTimeMillis() + 300_000;
        while (!(Files.exists(pids) && Files.readString(pids).trim().contains(" ")) && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        runner.interrupt();
        runner.join(300_000);
        assertFalse(runner.isAlive(), "the module returned after the interrupt");
        assertEquals(null, error.get());
        Result r = result.get();
        assertTrue(r.isFailed());
        assertTrue(r.msg().startsWith("interrupted (task timeout or Ctrl-C): killed process"), r.msg());
        for (String pid : Files.readString(pids).trim().split(" ")) {
            long p = Long.parseLong(pid);
            assertFalse(ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false), "process " + p + " is dead");
        }
    }
}
