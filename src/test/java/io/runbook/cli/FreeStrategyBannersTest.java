package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The free strategy's task banners: {@code engine/callbacks/free/free.yml} on two hosts, one held in the first task
 * until the other's second task lets it go, run as a user runs it in the folder's ansible.cfg (skipped results hidden);
 * its output compared with what ansible-playbook 2.14 printed (the folder's README): a task's banner before each result
 * of another task than the last banner's, the first task's again before the held host's result. The engine's own
 * progress lines of the wait ({@code   [b] waiting for …}), which ansible-playbook has not, are left out.
 */
class FreeStrategyBannersTest {
    private static final String DIR = "callbacks/free/";

    @Test
    void aResultOfAnotherTaskThanTheLastBannersHasItsBannerAgain(@TempDir Path flags) throws IOException {
        RunResult r = EngineRun.cliIn(Map.of("PATH", System.getenv("PATH"), "HOME", System.getProperty("user.home"),
                        "ANSIBLE_CONFIG", EngineRun.fixture(DIR + "ansible.cfg")),
                EngineRun.fixture(DIR + "free.yml"), "-i", "a,b,", "-c", "local", "-e", "flags=" + flags);
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(Files.readString(EngineRun.FIXTURES.resolve(DIR + "free.stdout")), r.out().replaceAll("(?m)^  \\[b\\] waiting for .*\n", ""),
                r.toString());
    }
}
