package io.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code completion} prints a script that real bash completes with, and that zsh loads. */
class CompletionTest {
    @TempDir
    Path dir;

    @Test
    void bashCompletesCommandsAndTheirOptions() throws Exception {
        Path script = script("runbook");
        assertEquals(List.of("modules"), complete(script, "runbook", "mo"));
        assertEquals(List.of("--limit", "--list-hosts", "--list-tags", "--list-tasks"),
                complete(script, "runbook", "run", "--li").stream().sorted().toList());
        assertEquals(List.of("--json-schema"), complete(script, "runbook", "modules", "--js"));
        assertEquals(List.of("adhoc"), complete(script, "runbook", "ad"));
        assertEquals(List.of("--module-name"), complete(script, "runbook", "adhoc", "--mod"));
        assertEquals(List.of("--one-line"), complete(script, "runbook", "adhoc", "--one"));
        assertEquals(List.of("encrypt", "encrypt_string"), complete(script, "runbook", "vault", "en").stream().sorted().toList());
    }

    @Test
    void bashCompletesEveryVaultSubcommandAndItsOptions() throws Exception {
        Path script = script("runbook");
        assertEquals(List.of("create", "decrypt", "edit", "encrypt", "encrypt_string", "rekey", "view"),
                complete(script, "runbook", "vault", "").stream().filter(w -> !w.startsWith("-")).sorted().toList());
        assertEquals(List.of("--new-vault-id", "--new-vault-password-file"),
                complete(script, "runbook", "vault", "rekey", "--new").stream().sorted().toList());
        assertEquals(List.of("--encrypt-vault-id"), complete(script, "runbook", "vault", "encrypt", "--enc"));
        assertEquals(List.of("--output"), complete(script, "runbook", "vault", "decrypt", "--out"));
        assertEquals(List.of("--show-input", "--stdin-name"), complete(script, "runbook", "vault", "encrypt_string", "--s").stream().sorted().toList());
        assertEquals(List.of("--prompt"), complete(script, "runbook", "vault", "encrypt_string", "--pr"));
        assertEquals(List.of("--verbose"), complete(script, "runbook", "vault", "view", "--verb"));
    }

    @Test
    void everyPlaybookOfRunCompletesToFilesNotOnlyTheFirst() throws Exception {
        Path script = script("runbook");
        Files.writeString(dir.resolve("site.yml"), "");
        Files.writeString(dir.resolve("verify.yml"), "");
        assertEquals(List.of(dir.resolve("site.yml").toString()), complete(script, "runbook", "run", dir.resolve("si").toString()));
        // ansible-playbook takes several playbooks: the second and third are files as well
        assertEquals(List.of(dir.resolve("verify.yml").toString()),
                complete(script, "runbook", "run", dir.resolve("site.yml").toString(), dir.resolve("ve").toString()));
        assertEquals(List.of(dir.resolve("verify.yml").toString()), complete(script, "runbook", "run", dir.resolve("site.yml").toString(),
                "-i", "hosts", dir.resolve("site.yml").toString(), dir.resolve("ve").toString()));
    }

    @Test
    void theScriptCompletesTheNameItIsGiven() throws Exception {
        String text = Files.readString(script("rb"));
        assertTrue(text.contains("complete -F _complete_rb -o default rb"), text.lines().reduce((a, b) -> b).orElse(""));
    }

    @Test
    void zshLoadsItThroughBashcompinit() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/zsh")) || Files.isExecutable(Path.of("/bin/zsh")), "zsh is not installed");
        Path script = script("runbook");
        String out = run(List.of("zsh", "-c", "autoload -U compinit && compinit -u -d \"$2\"; source \"$1\"; print -r -- ${_comps[runbook]}",
                "zsh", script.toString(), dir.resolve("zcompdump").toString()));
        assertTrue(out.contains("_complete_runbook"), out);
    }

    private Path script(String name) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), "completion", "--name", name), err.toString());
        Path file = dir.resolve(name + "-completion.sh");
        Files.writeString(file, out.toString());
        return file;
    }

    /** What bash's completion function offers for the words typed (the last one being completed). */
    private List<String> complete(Path script, String... words) throws Exception {
        String line = String.join(" ", words);
        String program = "source \"$1\"; shift; COMP_WORDS=(\"$@\"); COMP_CWORD=$(($# - 1)); COMP_LINE=\"$*\"; "
                + "COMP_POINT=${#COMP_LINE}; _complete_" + words[0] + " 2>/dev/null; printf '%s\\n' \"${COMPREPLY[@]}\"";
        List<String> command = new java.util.ArrayList<>(List.of("bash", "-c", program, "bash", script.toString()));
        command.addAll(List.of(words));
        String out = run(command);
        return out.lines().filter(l -> !l.isBlank()).map(String::strip).toList();
    }

    private static String run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the shell ended");
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
