package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A config file others could have written is not trusted: as ansible-playbook 2.14 (checked: run in a directory
 * with mode 0777 it prints "Ansible is being run in a world writable directory (DIR), ignoring it as an ansible.cfg
 * source" and takes its default forks instead of the file's 7), the engine ignores the working directory's
 * ansible.cfg there, and a runbook.yml in a world-writable directory above it, with a warning each.
 */
class WorldWritableConfigTest {
    private static final String PLAYBOOK = """
            - hosts: localhost
              gather_facts: false
              tasks:
                - name: forks
                  debug: {msg: "forks={{ ansible_forks }}"}
            """;

    @TempDir
    Path dir;

    private static String run(Path cwd) throws Exception {
        return run(cwd, java.util.Map.of());
    }

    /** The exit code, a line break, then the output of the engine run on playbook.yml in {@code cwd}. */
    private static String run(Path cwd, java.util.Map<String, String> env) throws Exception {
        try (EngineProcess engine = EngineProcess.start(cwd, env, "playbook.yml")) {
            int code = engine.exitCode(Duration.ofMinutes(3));
            return code + "\n" + engine.output();
        }
    }

    /** A folder holding playbook.yml and an ansible.cfg that sets forks to 7. */
    private Path projectWithAnsibleCfg() throws Exception {
        Path cwd = Files.createDirectories(dir.resolve("shared"));
        Files.writeString(cwd.resolve("playbook.yml"), PLAYBOOK);
        Files.writeString(cwd.resolve("ansible.cfg"), "[defaults]\nforks = 7\n");
        return cwd;
    }

    private static void mode(Path p, String perms) throws Exception {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
    }

    @Test
    void anAnsibleCfgInAWorldWritableWorkingDirectoryIsIgnoredWithAnsiblesWarning() throws Exception {
        Path cwd = projectWithAnsibleCfg();
        mode(cwd, "rwxr-xr-x");
        String trusted = run(cwd);
        assertTrue(trusted.startsWith("0\n"), trusted);
        assertTrue(trusted.contains("\"msg\": \"forks=7\""), trusted);
        assertFalse(trusted.contains("world writable"), trusted);

        mode(cwd, "rwxrwxrwx");
        String out = run(cwd);
        assertTrue(out.startsWith("0\n"), out);
        assertTrue(out.contains("\"msg\": \"forks=20\""), out);
        assertTrue(out.replace("\n", " ").contains("[WARNING]: Ansible is being run in a world writable directory (" + cwd
                + "), ignoring it as an ansible.cfg source."), out);
    }

    @Test
    void ansibleConfigNamingTheFileStillReadsIt() throws Exception {
        Path cwd = projectWithAnsibleCfg();
        mode(cwd, "rwxrwxrwx");
        String out = run(cwd, java.util.Map.of("ANSIBLE_CONFIG", cwd.resolve("ansible.cfg").toString()));
        assertTrue(out.startsWith("0\n"), out);
        assertTrue(out.contains("\"msg\": \"forks=7\""), out);
        assertFalse(out.contains("world writable"), out);
    }

    @Test
    void aRunbookYmlInAWorldWritableDirectoryAboveIsIgnoredWithAWarning() throws Exception {
        Path shared = Files.createDirectories(dir.resolve("shared"));
        Path cwd = Files.createDirectories(shared.resolve("project"));
        Files.writeString(cwd.resolve("playbook.yml"), PLAYBOOK);
        Files.writeString(shared.resolve("runbook.yml"), "forks: 9\n");
        mode(shared, "rwxr-xr-x");
        String trusted = run(cwd);
        assertTrue(trusted.contains("\"msg\": \"forks=9\""), trusted);

        mode(shared, "rwxrwxrwx");
        String out = run(cwd);
        assertTrue(out.startsWith("0\n"), out);
        assertTrue(out.contains("\"msg\": \"forks=20\""), out);
        assertTrue(out.replace("\n", " ").contains("[WARNING]: ignoring " + shared.resolve("runbook.yml")
                + " as the project's defaults: its directory is world writable"), out);
    }
}
