package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** run's command line is built in code (RunCommandLine): every option it lists reaches the command's fields. */
class RunCommandLineTest {

    private static RunCommand parse(String... args) {
        RunCommand command = new RunCommand();
        CommandLine cli = new CommandLine(RunCommandLine.spec(command));
        RunCommandLine.read(cli.parseArgs(args), command);
        return command;
    }

    @Test
    void everyOptionReachesItsField() {
        RunCommand c = parse("site.yml", "-i", "a", "--inventory", "b", "-e", "x=1", "-e", "@vars.yml", "-C", "-D",
                "-l", "web*", "-t", "a,b", "--tags", "c", "--skip-tags", "d,e", "--list-tasks", "--list-hosts", "--list-tags",
                "--syntax-check", "-c", "ssh", "--flush-cache", "--force-handlers", "--start-at-task", "copy*", "--step", "-f", "7",
                "-vvv", "--events", "ev.jsonl", "--task-timeout", "30", "--lab-state-dir", "state",
                "--vault-password-file", "p1", "--vault-pass-file", "p2", "--vault-id", "dev@p3", "-J",
                "--journal", "j", "--resume", "run-1", "--resume-changed", "--junit", "r.xml", "--report", "r.html",
                "-u", "deploy", "-b", "--become-method", "su", "--become-user", "app", "-K", "--become-password-file", "bp",
                "--private-key", "k", "-k", "--conn-pass-file", "cp", "-T", "15", "--ssh-common-args", "-o A=1",
                "--ssh-extra-args", "-o B=2");
        assertEquals(List.of(Path.of("site.yml")), c.playbooks);
        assertEquals(List.of("a", "b"), c.inventories);
        assertEquals(List.of("x=1", "@vars.yml"), c.extraVars);
        assertTrue(c.check && c.diff && c.listTasks && c.listHosts && c.listTags && c.syntaxCheck && c.flushCache
                && c.forceHandlers);
        assertEquals("web*", c.limit);
        assertEquals(List.of("a", "b", "c"), c.tags);
        assertEquals(List.of("d", "e"), c.skipTags);
        assertEquals("ssh", c.connection);
        assertEquals("copy*", c.startAtTask);
        assertTrue(c.step);
        assertEquals(7, c.forks);
        assertEquals(3, c.verbose.length);
        assertEquals(Path.of("ev.jsonl"), c.events);
        assertEquals(30, c.taskTimeout);
        assertEquals(Path.of("state"), c.labStateDir);
        assertEquals(List.of(Path.of("p1"), Path.of("p2")), c.vault.passwordFiles);
        assertEquals(List.of("dev@p3"), c.vault.vaultIds);
        assertTrue(c.vault.ask);
        assertEquals(Path.of("j"), c.journal.journal);
        assertEquals("run-1", c.journal.resume);
        assertTrue(c.journal.resumeChanged);
        assertEquals(Path.of("r.xml"), c.journal.junit);
        assertEquals(Path.of("r.html"), c.journal.report);
        assertEquals("deploy", c.become.user);
        assertTrue(c.become.become && c.become.ask);
        assertEquals("su", c.become.method);
        assertEquals("app", c.become.becomeUser);
        assertEquals(Path.of("bp"), c.become.passwordFile);
        assertEquals(Path.of("k"), c.become.privateKey);
        assertTrue(c.become.askPass);
        assertEquals(Path.of("cp"), c.become.connectionPasswordFile);
        assertEquals(15, c.become.timeout);
        assertEquals("-o A=1", c.become.sshCommonArgs);
        assertEquals("-o B=2", c.become.sshExtraArgs);
    }

    @Test
    void ansiblePlaybooksOtherSpellingsAreAccepted() {
        // ansible-playbook 2.14's --help lists these beside the short forms
        RunCommand c = parse("site.yml", "--inventory-file", "a", "--verbose", "--verbose", "--ask-vault-password");
        assertEquals(List.of("a"), c.inventories);
        assertEquals(2, c.verbose.length);
        assertTrue(c.vault.ask);
    }

    @Test
    void optionsNotGivenKeepTheDefaults() {
        RunCommand c = parse("site.yml");
        assertEquals(List.of(), c.inventories);
        assertEquals(List.of(), c.extraVars);
        assertEquals(List.of(), c.tags);
        assertFalse(c.check || c.diff || c.syntaxCheck || c.vault.ask || c.journal.resumeChanged);
        assertNull(c.forks);
        assertNull(c.limit);
        assertArrayEquals(new boolean[0], c.verbose);
        assertEquals(0, c.taskTimeout);
        assertNull(c.journal.resume, "not resuming");
        assertFalse(c.journal.resuming());
        assertEquals(List.of(), c.vault.passwordFiles);
    }

    @Test
    void resumeWithoutARunResumesTheLatest() {
        RunCommand c = parse("--resume");
        assertEquals("", c.journal.resume);
        assertTrue(c.journal.resuming());
        assertEquals(List.of(), c.playbooks);
    }

    @Test
    void aPlaybookAfterResumeStaysAPlaybook() {
        RunCommand c = parse("site.yml", "--resume", "verify.yml", "-i", "hosts.yml");
        assertEquals("", c.journal.resume, "resumes the latest run of the playbooks");
        assertEquals(List.of(Path.of("site.yml"), Path.of("verify.yml")), c.playbooks);
        c = parse("--resume", "site.YAML");
        assertEquals("", c.journal.resume);
        assertEquals(List.of(Path.of("site.YAML")), c.playbooks);
        c = parse("--resume", "20261204T091500Z-site+verify", "site.yml");
        assertEquals("20261204T091500Z-site+verify", c.journal.resume, "a run's name");
        assertEquals(List.of(Path.of("site.yml")), c.playbooks);
        c = parse("--resume=odd.yml", "site.yml");
        assertEquals("odd.yml", c.journal.resume, "an attached value is always the run");
    }

    @Test
    void severalPlaybooksInTheOrderGivenAlsoBetweenOptions() {
        // as ansible-playbook takes them: every word that is not an option or its value is a playbook
        RunCommand c = parse("site.yml", "-i", "hosts.yml", "verify.yml", "-C", "sub/cleanup.yml");
        assertEquals(List.of(Path.of("site.yml"), Path.of("verify.yml"), Path.of("sub/cleanup.yml")), c.playbooks);
        assertEquals(List.of("hosts.yml"), c.inventories);
        assertTrue(c.check);
    }

    @Test
    void everyListedOptionChangesTheCommand() {
        // an option added to the model but not read into the command would be accepted and then ignored
        for (OptionSpec option : RunCommandLine.spec(new RunCommand()).options()) {
            if (option.usageHelp() || option.versionHelp()) {
                continue;
            }
            List<String> args = new ArrayList<>(List.of("site.yml", option.longestName()));
            if (option.arity().min() > 0) {
                args.add(option.type() == int.class || option.type() == Integer.class ? "3" : "v");
            }
            RunCommand given = parse(args.toArray(String[]::new));
            assertFalse(sameFields(given, parse("site.yml")), option.longestName() + " is parsed but never read");
        }
    }

    private static boolean sameFields(RunCommand a, RunCommand b) {
        return java.util.Objects.equals(describe(a), describe(b));
    }

    private static String describe(RunCommand c) {
        return List.of(c.playbooks, c.inventories, c.extraVars, c.check, c.diff, String.valueOf(c.limit), c.tags, c.skipTags, c.listTasks,
                c.listHosts, c.listTags, c.syntaxCheck, String.valueOf(c.connection), c.flushCache, c.forceHandlers,
                String.valueOf(c.startAtTask), c.step, String.valueOf(c.forks), c.verbose.length, String.valueOf(c.events), c.taskTimeout,
                String.valueOf(c.labStateDir), c.vault.passwordFiles, c.vault.vaultIds, c.vault.ask,
                String.valueOf(c.journal.journal), String.valueOf(c.journal.resume), c.journal.resumeChanged,
                String.valueOf(c.journal.junit), String.valueOf(c.journal.report), String.valueOf(c.become.user), c.become.become,
                String.valueOf(c.become.method), String.valueOf(c.become.becomeUser), c.become.ask,
                String.valueOf(c.become.passwordFile), String.valueOf(c.become.privateKey), c.become.askPass,
                String.valueOf(c.become.connectionPasswordFile), String.valueOf(c.become.timeout),
                String.valueOf(c.become.sshCommonArgs), String.valueOf(c.become.sshExtraArgs)).toString();
    }
}
