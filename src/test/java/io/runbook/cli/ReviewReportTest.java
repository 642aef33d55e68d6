package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.runbook.engine.exec.ExitCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --report FILE.html} of a run that failed and was resumed, opened in a real headless browser (Debian's
 * chromium): the page renders, shows every host on the timeline, links each failure to its line of the playbook
 * (embedded in the page), loads nothing from anywhere, and holds no secret.
 */
class ReviewReportTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final List<String> SECRETS = List.of("iam-Pa55-word", "c2VjcmV0LXRzaWcta2V5LWRhdGE=", "alice-admin-user");
    @TempDir
    Path dir;

    @Test
    void theReportOfAResumedRunRendersInABrowserWithEveryHostEveryFailureAndNoSecret() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "chromium is not installed: run the test setup (bin/test) to install it");
        Path gates = Files.createDirectories(dir.resolve("gates"));
        Files.writeString(gates.resolve("web1"), "");
        String book = EngineRun.fixture("journal/review.yml");
        String pass = EngineRun.fixture("vault/vault-pass.txt");
        Path journal = dir.resolve("run");
        RunResult first = EngineRun.playbook("journal/review.yml", "--journal", journal.toString(), "-e", "gate_dir=" + gates,
                "--vault-password-file", pass);
        assertEquals(ExitCode.HOST_FAILED, first.exitCode(), first.toString());
        Files.writeString(gates.resolve("web2"), "");
        Files.writeString(gates.resolve("web3"), "");
        Path html = dir.resolve("review.html");
        RunResult resumed = EngineRun.cli(book, "--resume", journal.toString(), "--vault-password-file", pass, "--report", html.toString());
        assertEquals(ExitCode.OK, resumed.exitCode(), resumed.toString());

        String page = Files.readString(html);
        SECRETS.forEach(s -> assertFalse(page.contains(s), "the page holds " + s));
        for (String external : List.of("<script", "<link", "<img", "<iframe", "src=", "url(", "http:", "https:", "@import")) {
            assertFalse(page.contains(external), "the page loads nothing (found " + external + ")");
        }
        String dom = chromium("--dump-dom", html);
        assertTrue(dom.contains("<title>review.yml — run review</title>"), dom);
        for (String host : List.of("web1", "web2", "web3")) {
            assertTrue(dom.contains("<div class=\"host\">" + host + "</div>"), "a timeline lane for " + host);
        }
        assertTrue(dom.contains("session 2"), "both sessions are on the timeline");
        assertTrue(dom.contains("in 2 sessions (resumed once;"), "the RTO counts from the first start");
        // every failure links to its line, and that line is in the page
        Matcher links = Pattern.compile("(web[23]): Retry until the gate is open</a> — failed in session 1 at <a href=\"#(src0-L(\\d+))\">"
                + "[^<]*review\\.yml:(\\d+)</a>").matcher(dom);
        List<String> failed = new ArrayList<>();
        while (links.find()) {
            failed.add(links.group(1));
            assertEquals(links.group(3), links.group(4));
            assertTrue(dom.contains("<span id=\"" + links.group(2) + "\"><i>" + links.group(3) + "</i>    - name: Retry until the gate is open"),
                    "the failure's line is shown: " + links.group(2));
        }
        failed.sort(null);
        assertEquals(List.of("web2", "web3"), failed, dom);
        assertTrue(dom.contains("↻1"), "retries are marked");
        assertTrue(dom.contains("class=\"wait\""), "waits are shown");
        SECRETS.forEach(s -> assertFalse(dom.contains(s), "the rendered page holds " + s));

        Path png = Path.of(System.getProperty("java.io.tmpdir"), "review.png");
        chromium("--screenshot=" + png, html);
        assertTrue(Files.size(png) > 10_000, "a screenshot of the rendered page: " + Files.size(png) + " bytes");
    }

    /** Runs headless chromium on the page with its own new profile, nothing fetched, and returns its output. */
    private String chromium(String what, Path page) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(dir, "chromium-profile");
        Process p = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1400,1800", what, page.toUri().toString())
                .redirectError(dir.resolve("chromium.log").toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 180 s");
        }
        assertEquals(0, p.exitValue(), "chromium failed:\n" + Files.readString(dir.resolve("chromium.log")));
        return out;
    }
}
