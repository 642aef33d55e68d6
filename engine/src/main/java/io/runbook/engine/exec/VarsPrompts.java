package io.runbook.engine.exec;

import io.runbook.engine.error.UserError;
import io.runbook.engine.module.ArgValidator;
import io.runbook.engine.playbook.Play;
import io.runbook.engine.playbook.VarPrompt;
import io.runbook.engine.vars.SecretText;
import io.runbook.engine.vars.Templar;
import java.io.Console;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A play's {@code vars_prompt}, answered when the play starts (before its banner), as ansible-playbook's
 * PlaybookExecutor and {@code Display.do_var_prompt} do: each entry rendered with the play's vars and the extra vars; a
 * variable the extra vars already set is not asked for; on a terminal the question is {@code prompt [default]: } (the
 * prompt is the variable's name when the entry has none; {@code input for name: } when it is empty)
 * — asked whenever standard input is a terminal, as Ansible asks, even with standard output redirected to a file
 * (the question of a shown answer then goes to standard output, a hidden one's to the terminal, as Python's input
 * and getpass put them)
 * (hidden input unless {@code private: false}, asked twice with {@code confirm}); without one nothing is asked, Ansible's
 * warning is printed once for the play and the default is taken. An empty answer takes the default; with none, the
 * value is Ansible's {@code 'None'}. {@code encrypt} hashes the answer as {@code password_hash} does ({@code salt},
 * {@code salt_size}); {@code unsafe: true} keeps it from being templated. What was typed at a hidden prompt is secret:
 * masked wherever it would be printed.
 */
final class VarsPrompts {
    private VarsPrompts() {
    }

    /** The play with its questions answered (the play itself when it asks none). */
    static Play answered(RunState run, Play play) throws InterruptedException {
        if (play.varsPrompt().isEmpty()) {
            return play;
        }
        Map<String, Object> vars = new LinkedHashMap<>(play.vars());
        vars.putAll(run.options.extraVars());
        Map<String, Object> answers = new LinkedHashMap<>();
        boolean warned = false;
        Console console = System.console();
        // as Ansible's do_var_prompt, which asks when standard input is a terminal, whatever standard output is
        boolean interactive = console != null || io.runbook.engine.module.RawTerminal.onStandardInput();
        for (VarPrompt entry : play.varsPrompt()) {
            if (run.options.extraVars().containsKey(entry.name())) {
                continue;
            }
            run.listeners.varsPrompt(entry.name(), entry.fields());
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = (Map<String, Object>) run.templar.render(entry.fields(), vars, entry.position());
            Object fallback = fields.get("default");
            Object answer = null;
            if (interactive) {
                answer = ask(run, console, entry, fields);
            } else if (!warned) {
                run.listeners.warning("Not prompting as we are not in interactive mode");
                warned = true;
            }
            if ((answer == null || answer.toString().isEmpty()) && fallback != null) {
                answer = fallback;
            }
            Object encrypt = fields.get("encrypt");
            if (encrypt != null) {
                answer = encrypted(run, entry, answer, encrypt, fields);
            }
            if (answer == null) {
                answer = "None";  // as Ansible's to_text(None)
            }
            if (flag(entry, fields, "unsafe", false)) {
                answer = Templar.unsafe(answer);
            }
            answers.put(entry.name(), answer);
        }
        return play.answered(answers);
    }

    /** The typed answer: hidden and registered as a secret when the entry is private. */
    private static Object ask(RunState run, Console console, VarPrompt entry, Map<String, Object> fields)
            throws InterruptedException {
        // the variable's name when the entry has no prompt, as ansible-playbook's var.get("prompt", vname)
        Object prompt = fields.containsKey("prompt") ? fields.get("prompt") : entry.name();
        Object fallback = fields.get("default");
        String message = prompt != null && !prompt.toString().isEmpty()
                ? (fallback != null ? prompt + " [" + fallback + "]: " : prompt + ": ")
                : "input for " + entry.name() + ": ";
        boolean hidden = flag(entry, fields, "private", true);
        boolean confirm = flag(entry, fields, "confirm", false);
        while (true) {
            String typed = read(run, console, message, hidden);
            if (confirm) {
                String again = read(run, console, "confirm " + message, hidden);
                if (!typed.equals(again)) {
                    // Ansible's display: standard output, where the run's output goes
                    run.listeners.terminal("***** VALUES ENTERED DO NOT MATCH ****\n");
                    continue;
                }
            }
            if (hidden && !typed.isEmpty()) {
                run.redactor.add(typed);
                return new SecretText(typed);
            }
            return typed;
        }
    }

    /**
     * Read at the console, or, without one (standard output redirected), as
     * {@link io.runbook.engine.module.TerminalInput#readLineOffConsole}: a shown answer's question written where the
     * run's output goes (Python's {@code input} writes it to standard output), a hidden one's on the terminal (as
     * {@code getpass}).
     */
    private static String read(RunState run, Console console, String message, boolean hidden) throws InterruptedException {
        if (console == null) {
            return io.runbook.engine.module.TerminalInput.readLineOffConsole(message, hidden, run.listeners::terminal);
        }
        if (!hidden) {
            run.listeners.terminal(message);
        }
        return io.runbook.engine.module.TerminalInput.readLine(console, hidden ? message : "", hidden);
    }

    private static Object encrypted(RunState run, VarPrompt entry, Object answer, Object type, Map<String, Object> fields) {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("answer", answer == null ? "None" : answer);
        vars.put("type", type);
        vars.put("salt", fields.get("salt"));
        vars.put("salt_size", fields.getOrDefault("salt_size", type.toString().startsWith("md5") ? 8 : 16));
        return run.templar.render("{{ answer | password_hash(type, salt=salt, salt_size=salt_size | int) }}", vars, entry.position());
    }

    private static boolean flag(VarPrompt entry, Map<String, Object> fields, String key, boolean fallback) {
        Object value = fields.get(key);
        if (value == null) {
            return fallback;
        }
        Boolean parsed = ArgValidator.parseBool(value);
        if (parsed == null) {
            throw new UserError(entry.position(), "vars_prompt '" + key + "' must be a boolean, got '" + value + "'");
        }
        return parsed;
    }
}
