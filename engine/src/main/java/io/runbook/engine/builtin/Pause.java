package io.runbook.engine.builtin;

import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.ArgType;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.Result;
import java.io.Console;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * {@code pause}, as Ansible's action: once for the batch (it bypasses the host loop, so only the batch's first host
 * gets its result), either a number of seconds or minutes with a countdown, or, without one, until Enter is pressed on
 * the terminal ({@code user_input} is what was typed; hidden with {@code echo: false}, and then secret). Without a
 * terminal (CI, a pipe) a prompt does not wait: Ansible's warning, and the run goes on, so a recovery run never stops
 * for input nobody can give.
 */
public final class Pause implements Module {
    private static final DateTimeFormatter PYTHON_NOW = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    @Override
    public boolean bypassesHostLoop() {
        return true;
    }

    @Override
    public String name() {
        return "pause";
    }

    @Override
    public String description() {
        return "Wait for a number of seconds or minutes, or (on a terminal) until Enter is pressed.";
    }

    @Override
    public ArgSpec spec() {
        return ArgSpec.builder()
                .arg(Arg.of("seconds", ArgType.FLOAT).description("how long to wait, in seconds"))
                .arg(Arg.of("minutes", ArgType.FLOAT).description("how long to wait, in minutes"))
                .arg(Arg.str("prompt").description("text shown while waiting, or the question asked without a duration"))
                .arg(Arg.bool("echo").defaultValue(true).description("show what is typed at the prompt (false: hidden, and secret)"))
                .mutuallyExclusive("seconds", "minutes")
                .build();
    }

    @Override
    public Result run(ModuleContext ctx) throws InterruptedException {
        boolean timed = ctx.args().has("seconds") || ctx.args().has("minutes");
        boolean echo = ctx.args().bool("echo");
        String prompt = ctx.args().has("prompt") ? ctx.args().string("prompt") : null;
        Instant start = Instant.now();
        LocalDateTime startedAt = LocalDateTime.now();
        CharSequence typed = "";
        // Ansible's lines: for a timed pause its whole seconds (at least 1) and the ctrl+C line; the prompt under the
        // task's name (untimed, its default question), the answer typed on the line below
        String hidden = echo ? "" : " (output is hidden)";
        String question = "[" + ctx.taskName().strip() + "]\n"
                + (prompt == null ? "Press enter to continue, Ctrl+C to interrupt" : prompt) + hidden + ":";
        if (timed) {
            double secs = ctx.args().has("seconds") ? ctx.args().number("seconds") : ctx.args().number("minutes") * 60;
            Instant end = start.plus(Duration.ofMillis(Math.round(secs * 1000)));
            ctx.displayNow("Pausing for " + Math.max(1, (long) secs) + " seconds" + hidden);
            ctx.displayNow("(ctrl+C then 'C' = continue early, ctrl+C then 'A' = abort)\r");
            if (prompt != null) {
                ctx.displayNow(question);
            }
            while (Instant.now().isBefore(end)) {
                Thread.sleep(Math.min(1000, Math.max(1, Duration.between(Instant.now(), end).toMillis())));
            }
        } else {
            typed = answer(ctx, question, echo);
        }
        double took = Duration.between(start, Instant.now()).toMillis() / 1000.0;
        boolean minutes = !ctx.args().has("seconds");
        double shownDuration = Math.round((minutes ? took / 60 : took) * 100) / 100.0;
        return Result.ok()
                .with("rc", 0).with("stderr", "").with("stdout", "Paused for " + shownDuration + (minutes ? " minutes" : " seconds"))
                .with("start", PYTHON_NOW.format(startedAt)).with("stop", PYTHON_NOW.format(LocalDateTime.now()))
                .with("delta", (int) took).with("echo", echo).with("user_input", typed);
    }

    /** The line typed at the terminal (Ctrl-C is not held up by the read); "" without a terminal, with Ansible's warning. */
    private static CharSequence answer(ModuleContext ctx, String question, boolean echo) throws InterruptedException {
        Console console = System.console();
        if (console == null) {
            ctx.displayNow(question);
            ctx.warnNow("Not waiting for response to prompt as stdin is not interactive");
            return "";
        }
        // the terminal shows the question once its echo is off for a hidden answer: nothing typed after it is echoed
        String read = io.runbook.engine.module.TerminalInput.readLine(console, question + "\n", !echo);
        return echo || read.isEmpty() ? read : ctx.secretText(read);
    }
}
