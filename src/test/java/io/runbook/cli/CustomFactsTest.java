package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Custom facts as ansible-playbook reads them (it ends this play the same): each *.fact of fact_path under
 * ansible_local, JSON or INI, executables run, failures as Ansible's messages. Folders of our own, never
 * /etc/ansible/facts.d (other runs on the machine use it).
 */
class CustomFactsTest {
    @TempDir
    Path facts;

    @Test
    void factsOfTheFactPathAreReadAsAnsibleReadsThem() throws Exception {
        Files.writeString(facts.resolve("data.fact"), "{\"a\": 1, \"b\": [true, null]}\n");
        Files.writeString(facts.resolve("settings.fact"), "[main]\nPort = 8443\nname: mp\n");
        script("script.fact", "#!/bin/sh\necho '\"from a script\"'\n");
        script("failing.fact", "#!/bin/sh\necho broken >&2\nexit 3\n");
        Files.writeString(facts.resolve("bad.fact"), "neither json nor ini\n");
        Files.writeString(facts.resolve("ignored.txt"), "{}");
        Files.createSymbolicLink(facts.resolve("dead.fact"), facts.resolve("nothing-here"));
        // executable for its group only: Ansible looks at the owner's execute bit, so it reads it as text
        Files.writeString(facts.resolve("group_x.fact"), "{\"read_as\": \"text\"}\n");
        Files.setPosixFilePermissions(facts.resolve("group_x.fact"), PosixFilePermissions.fromString("rw-r-xr--"));
        RunResult r = EngineRun.cli(EngineRun.fixture("facts/custom.yml"), "-i", "localhost,", "-c", "local",
                "-e", "facts_dir=" + facts);
        assertEquals(0, r.exitCode(), r.toString());
        r.assertRecap("localhost", 2, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void playsGatherFromTheFactPathOfTheEnvironment() throws Exception {
        // src/pom.xml gives the tests ANSIBLE_FACT_PATH, a folder of the build's, so that no test reads the machine's
        // /etc/ansible/facts.d (where the 'gathering' compat target writes, and other runs leave files)
        String configured = System.getenv("ANSIBLE_FACT_PATH");
        assertTrue(configured != null && !configured.startsWith("/etc/"), "ANSIBLE_FACT_PATH of the tests: " + configured);
        Path dir = Files.createDirectories(Path.of(configured));
        Path fact = dir.resolve("from_env.fact");
        Files.writeString(fact, "{\"read\": true}\n");
        try {
            RunResult r = EngineRun.cli(EngineRun.fixture("facts/default_path.yml"), "-i", "localhost,", "-c", "local");
            assertEquals(0, r.exitCode(), r.toString());
            r.assertRecap("localhost", 2, 0, 0, 0, 0, 0, 0);
        } finally {
            Files.delete(fact);
        }
    }

    private void script(String name, String text) throws Exception {
        Path p = facts.resolve(name);
        Files.writeString(p, text);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
