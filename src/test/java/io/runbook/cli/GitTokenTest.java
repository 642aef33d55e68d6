package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** git/token-url.yml: a deploy token in the repository's URL is masked in git's failure, its command and the events. */
class GitTokenTest {
    @TempDir
    Path dir;

    @Test
    void aTokenInTheRepositoryUrlIsMaskedWhereGitsFailureShowsIt() {
        RunResult r = EngineRun.cli(EngineRun.fixture("git/token-url.yml"), "-v", "-e", "dest=" + dir.resolve("mp-recovery"));
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.out().contains("ls-remote https://deploy:********@127.0.0.1:1/platform/mp-recovery.git -h refs/heads/HEAD"), r.out());
        assertTrue(r.out().contains("fatal: unable to access 'https://127.0.0.1:1/platform/mp-recovery.git/'"), r.out());
        assertFalse((r.out() + r.err() + r.events()).contains("s3cr3t-deploy-token"), "the token is in no output");
        assertFalse(Files.exists(dir.resolve("mp-recovery")));
    }
}
