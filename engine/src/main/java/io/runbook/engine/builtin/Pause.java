package io.runbook.engine.builtin;

import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.ArgType;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.Result;
import io.runbook.engine.module.RawTerminal;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * {@code pause}, as Ansible's action: once for the batch (it bypasses the host loop, so only the batch's first host
 * gets its result), either a number of seconds or minutes with a countdown, or, without one, until Enter is pressed on
 * the terminal ({@code user_input} is what was typed; hidden with {@code echo: false}, and then secret). The terminal
 * is read key by key ({@link RawTerminal}): Ctrl-C asks {@code Press 'C' to continue the play or 'A' to abort}, 'A'
 * fails the task with Ansible's {@code user requested abort!}; at a timed pause other keys (Enter) do nothing. Without a
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
        // Ansible's lines: for a timed pause its whole seconds (at least 1) and the ctrl+C line; the prompt under the
        // task's name (untimed, its default question), the answer typed on the line below
        String hidden = echo ? "" : " (output is hidden)";
        String question = "[" + ctx.taskName().strip() + "]\n"
                + (prompt == null ? "Press enter to continue, Ctrl+C to interrupt" : prompt) + hidden + ":";
        CharSequence typed;
        // the terminal in raw mode (typed keys echoed only at an untimed pause, as Ansible's) before the lines are shown,
        // and what was typed before discarded: a Ctrl-C typed once the prompt is seen is a key, never a signal
        try (RawTerminal terminal = RawTerminal.open(!timed && echo)) {
            Instant end = null;
            if (timed) {
                double secs = ctx.args().has("seconds") ? ctx.args().number("seconds") : ctx.args().number("minutes") * 60;
                end = start.plus(Duration.ofMillis(Math.round(secs * 1000)));
                ctx.displayNow("Pausing for " + Math.max(1, (long) secs) + " seconds" + hidden);
                ctx.displayNow("(ctrl+C then 'C' = continue early, ctrl+C then 'A' = abort)\r");
                if (prompt != null) {
                    ctx.displayNow(question);
                }
            } else {
                ctx.displayNow(question);
            }
            if (terminal == null) {
                typed = withoutTerminal(ctx, end);
            } else {
                byte[] read = keys(ctx, terminal, end, echo);
                if (read == null) {
                    return Result.failed("user requested abort!");
                }
                String text = new String(read, StandardCharsets.UTF_8);
                typed = echo || text.isEmpty() ? text : ctx.secretText(text);
            }
        }
        double took = Duration.between(start, Instant.now()).toMillis() / 1000.0;
        boolean minutes = !ctx.args().has("seconds");
        double shownDuration = Math.round((minutes ? took / 60 : took) * 100) / 100.0;
        return Result.ok()
                .with("rc", 0).with("stderr", "").with("stdout", "Paused for " + shownDuration + (minutes ? " minutes" : " seconds"))
                .with("start", PYTHON_NOW.format(startedAt)).with("stop", PYTHON_NOW.format(LocalDateTime.now()))
                .with("delta", (int) took).with("echo", echo).with("user_input", typed);
    }

    /** No terminal to read (CI, a pipe, a run in the background): a timed pause sleeps, a prompt does not wait. */
    private static CharSequence withoutTerminal(ModuleContext ctx, Instant end) throws InterruptedException {
        if (end == null) {
            ctx.warnNow("Not waiting for response to prompt as stdin is not interactive");
            return "";
        }
        for (long left; (left = Duration.between(Instant.now(), end).toMillis()) > 0; ) {
            Thread.sleep(Math.min(1000, left));
        }
        return "";
    }

    /**
     * What is typed until Enter (untimed) or the end (timed; other keys are ignored then), as Ansible's pause reads the
     * terminal in raw mode: backspace takes back the last byte, and the line is shown again when echoed; Ctrl-C asks
     * whether to continue ('C', the answer so far kept) or abort ('A': null).
     */
    private static byte[] keys(ModuleContext ctx, RawTerminal terminal, Instant end, boolean echo) throws InterruptedException {
        ByteArrayOutputStream typed = new ByteArrayOutputStream();
        while (true) {
            long wait = end == null ? Long.MAX_VALUE : Duration.between(Instant.now(), end).toMillis();
            int key = wait > 0 ? terminal.read(wait) : -1;
            if (key < 0 && end != null) {
                return typed.toByteArray();
            }
            if (key < 0) {
                continue;
            }
            if (terminal.isInterrupt(key)) {
                clearLine(ctx);
                ctx.terminal("Press 'C' to continue the play or 'A' to abort \r\n");
                boolean goOn = continueOrAbort(terminal);
                clearLine(ctx);
                return goOn ? typed.toByteArray() : null;
            }
            if (end != null) {
                continue;
            }
            if (key == '\r' || key == '\n') {
                clearLine(ctx);
                return typed.toByteArray();
            } else if (terminal.isErase(key)) {
                byte[] kept = java.util.Arrays.copyOf(typed.toByteArray(), Math.max(0, typed.size() - 1));
                typed.reset();
                typed.writeBytes(kept);
                clearLine(ctx);
                if (echo) {
                    ctx.terminal(new String(kept, StandardCharsets.UTF_8));
                }
            } else {
                typed.write(key);
            }
        }
    }

    /** Waits for 'C' (true) or 'A' (false), either case; other keys are ignored. */
    private static boolean continueOrAbort(RawTerminal terminal) throws InterruptedException {
        while (true) {
            int key = Character.toLowerCase(terminal.read(Long.MAX_VALUE));
            if (key == 'c' || key == 'a') {
                return key == 'c';
            }
        }
    }

    /** The line the cursor is on cleared, where the run's output goes (as Ansible's pause writes it to stdout). */
    private static void clearLine(ModuleContext ctx) {
        ctx.terminal("\r\u001b[K");
    }
}
