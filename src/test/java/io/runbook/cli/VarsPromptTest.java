package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A play's vars_prompt, as ansible-playbook answers it (the values checked against ansible-playbook 2.14 on the same
 * playbook): without a terminal nothing is asked, Ansible's warning and the defaults; on one (a pseudo-terminal made by
 * util-linux's script) each question is asked, a private answer is read hidden, confirmed, and masked wherever it
 * would be printed.
 */
class VarsPromptTest {
    private static final String PLAYBOOK = EngineRun.fixture("vars-prompt/site.yml");
    private static final String HOSTS = EngineRun.fixture("vars-prompt/hosts.yml");
    /** What ansible-playbook's encrypt: sha512_crypt with salt abcdefgh makes of 'secret'. */
    private static final String HASHED = "$6$abcdefgh$ltjgWl6579NluT/Vi1nwEvcil.G5Nbc4NiXZaNGStk8PSwGfQv72N2CKPPrVACtLtip/cZ/1GM/O6IND4WQhG.";

    @Test
    void withoutATerminalTheDefaultsAreTakenWithAnsiblesWarning() {
        RunResult r = EngineRun.cli(PLAYBOOK, "-i", HOSTS);
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.err().contains("[WARNING]: Not prompting as we are not in interactive mode"), r.toString());
        // the default rendered with the play's vars, the play's name rendered with the answer; 'None' without a default
        assertTrue(r.out().contains("PLAY [Recover staging-eu-west-1]"), r.out());
        assertTrue(r.out().contains("\"msg\": \"env=staging-eu-west-1 password=None length=4 hashed=" + HASHED + "\""), r.out());
    }

    @Test
    void anExtraVarIsNotAskedFor() {
        RunResult r = EngineRun.cli(PLAYBOOK, "-i", HOSTS, "-e", "env=prod", "-e", "admin_password=given", "-e", "hashed=h");
        assertEquals(0, r.exitCode(), r.toString());
        assertFalse(r.err().contains("Not prompting"), r.toString());
        assertTrue(r.out().contains("\"msg\": \"env=prod password=given length=5 hashed=h\""), r.out());
    }

    @Test
    void aTerminalIsAskedAndAHiddenAnswerIsConfirmedAndMasked() throws Exception {
        Path script = Path.of("/usr/bin/script");
        assumeTrue(Files.isExecutable(script), "util-linux's script is not installed");
        List<String> engine = new ArrayList<>(EngineJvm.command("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        engine.addAll(List.of(PLAYBOOK, "-i", HOSTS));
        String line = engine.stream().map(a -> "'" + a.replace("'", "'\\''") + "'").collect(Collectors.joining(" "));
        ProcessBuilder builder = new ProcessBuilder(script.toString(), "-qec", line, "/dev/null").redirectErrorStream(true);
        builder.environment().put("NO_COLOR", "1");
        Process p = builder.start();
        StringBuffer out = new StringBuffer();
        Thread reader = new Thread(() -> copy(p.getInputStream(), out), "script-output");
        reader.start();
        try (OutputStream keys = p.getOutputStream()) {
            answer(p, out, keys, "Environment to recover [staging-eu-west-1]: ", "prod");
            answer(p, out, keys, "Admin password: ", "hunter22pw");
            answer(p, out, keys, "confirm Admin password: ", "mistyped");
            answer(p, out, keys, "***** VALUES ENTERED DO NOT MATCH ****", null);
            answer(p, out, keys, "Admin password: ", "hunter22pw", 2);
            answer(p, out, keys, "confirm Admin password: ", "hunter22pw", 2);
            answer(p, out, keys, "Password to hash [secret]: ", "");
            assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the engine did not end:\n" + out);
        } finally {
            p.destroyForcibly();
        }
        reader.join(60_000);
        String shown = out.toString().replace("\r", "");
        assertEquals(0, p.exitValue(), shown);
        assertTrue(shown.contains("Environment to recover [staging-eu-west-1]: prod"), "a public answer is echoed:\n" + shown);
        assertTrue(shown.contains("PLAY [Recover prod]"), shown);
        assertTrue(shown.contains("\"msg\": \"env=prod password=******** length=10 hashed=" + HASHED + "\""), shown);
        assertFalse(shown.contains("hunter22pw"), "a hidden answer is neither echoed nor printed:\n" + shown);
        assertFalse(shown.contains("Not prompting"), shown);
    }

    private static void answer(Process p, StringBuffer out, OutputStream keys, String question, String typed) throws Exception {
        answer(p, out, keys, question, typed, 1);
    }

    /** Waits for the question's n-th appearance, then types the answer (null: only waits). */
    private static void answer(Process p, StringBuffer out, OutputStream keys, String question, String typed, int nth)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (count(out.toString(), question) < nth) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("no question '" + question + "' (" + nth + ") in:\n" + out);
            }
            Thread.sleep(20);
        }
        if (typed != null) {
            keys.write((typed + "\n").getBytes(StandardCharsets.UTF_8));
            keys.flush();
        }
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }

    private static void copy(InputStream in, StringBuffer out) {
        byte[] buffer = new byte[4096];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // the process ended
        }
    }
}
