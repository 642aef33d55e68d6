package io.runbook.modules.core;

import io.runbook.modules.connection.ShellWords;
import io.runbook.engine.module.ModuleException;
import io.runbook.modules.connection.Execution;
import io.runbook.modules.connection.HostConnection;
import io.runbook.modules.connection.CommandLine;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A file's new content checked before it replaces the file, as Ansible's {@code validate} (lineinfile, copy,
 * template): the content is written to a temporary file on the host, {@code %s} in the command is that file's path,
 * the command runs there without a shell, and a non-zero exit fails the task with the file left as it was.
 */
final class Validation {
    /** The argument's description in copy's and template's reference. */
    static final String DESCRIPTION = "a command that checks the new content before it replaces dest (%s: the path of a "
            + "temporary file holding it, given the file's mode, owner and group; %% a literal %), run without a shell, only when "
            + "the content is to change and not in check mode; failing, it fails the task and dest stays as it was";

    private Validation() {
    }

    /** Runs {@code validate} (null: nothing to check) on {@code content} in a 0600 file, as lineinfile does. */
    static void check(io.runbook.engine.module.ModuleContext ctx, HostConnection host, String validate, byte[] content)
            throws ModuleException, InterruptedException {
        check(ctx, host, validate, FileContent.of(content), 0600, FileOwner.NONE);
    }

    /**
     * Runs {@code validate} (null: nothing to check) on {@code content} in a temporary file given {@code mode} and
     * {@code owner} first (as Ansible's copy gives them to the file it validates: visudo checks them). Returns how the
     * command ended (null when there was nothing to check), for modules that register it (assemble's validation).
     *
     * @throws Refused without {@code %s}, or when the command exits non-zero: Ansible's messages and result fields;
     *     the validator's output is not kept when the content is secret (a validator may echo the lines it reads)
     */
    static Execution check(io.runbook.engine.module.ModuleContext ctx, HostConnection host, String validate, FileContent content,
                           int mode, FileOwner owner)
            throws ModuleException, InterruptedException {
        if (validate == null) {
            return null;
        }
        if (!validate.contains("%s")) {
            String msg = "validate must contain %s: " + validate;
            throw new Refused(msg, msg, Map.of());
        }
        String folder = TempfileModule.temporaryFolder(ctx, host);
        String file = null;
        for (int attempt = 0; attempt < 100 && file == null; attempt++) {
            String candidate = folder + "/ansible.validate." + TempfileModule.randomPart();
            if (!host.stat(candidate, false).exists()) {
                file = candidate;
            }
        }
        if (file == null) {
            throw new ModuleException("no free name for the file to validate in " + folder);
        }
        String command = command(validate, file);
        try (java.io.InputStream in = content.open()) {
            host.write(file, in, mode);
        } catch (java.io.IOException e) {
            throw new ModuleException("cannot read what to validate: " + e.getMessage(), e);
        }
        try {
            owner.apply(host, file, host.stat(file, false), null, false);
            Execution run = host.run(new CommandLine(ShellWords.split(command), null, null, Map.of()));
            if (run.rc() != 0) {
                throw failed(run, content.secret());
            }
            return run;
        } finally {
            host.remove(file);
        }
    }

    private static Refused failed(Execution run, boolean secret) {
        String stdout = secret && !run.stdout().isEmpty() ? HIDDEN : run.stdout();
        String stderr = secret && !run.stderr().isEmpty() ? HIDDEN : run.stderr();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("exit_status", run.rc());
        fields.put("stdout", stdout);
        fields.put("stderr", stderr);
        fields.put("stdout_lines", stdout.lines().toList());
        fields.put("stderr_lines", stderr.lines().toList());
        // lineinfile's message holds the validator's stderr, copy's and template's keep it in a field
        return new Refused("failed to validate: rc:" + run.rc() + " error:" + stderr, "failed to validate", fields);
    }

    /** What stands for a validator's output when the content it read is secret. */
    static final String HIDDEN = "(not shown: the validated content is vault-encrypted)\n";

    /**
     * The command with {@code %s} replaced by {@code path}, as Python's {@code validate % path}: {@code %%} is a
     * literal %, a second {@code %s} or any other {@code %} conversion is an error (Ansible's module crashes there).
     */
    static String command(String validate, String path) throws ModuleException {
        StringBuilder out = new StringBuilder();
        boolean used = false;
        for (int i = 0; i < validate.length(); i++) {
            char c = validate.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            char next = i + 1 < validate.length() ? validate.charAt(i + 1) : 0;
            if (next == '%') {
                out.append('%');
            } else if (next == 's' && !used) {
                out.append(path);
                used = true;
            } else if (next == 's') {
                throw new ModuleException("validate: not enough arguments for format string: " + validate
                        + " (%s may appear once; write %% for a literal %)");
            } else {
                throw new ModuleException("validate: unsupported format character '" + (next == 0 ? "" : next) + "' in " + validate
                        + " (write %% for a literal %)");
            }
            i++;
        }
        return out.toString();
    }

    /**
     * The new content refused before it replaced anything (validation, copy's checksum): {@link #getMessage()} is
     * lineinfile's message, {@link #msg()} and {@link #fields()} the failed result of Ansible's copy module.
     */
    static final class Refused extends ModuleException {
        private final String msg;
        private final Map<String, Object> fields;

        Refused(String message, String msg, Map<String, Object> fields) {
            super(message);
            this.msg = msg;
            this.fields = fields;
        }

        String msg() {
            return msg;
        }

        Map<String, Object> fields() {
            return fields;
        }

        /** Ansible's copy (and template) failure: the module's fields and, as its action plugin adds it, the checksum. */
        io.runbook.engine.module.Result result(String checksum) {
            io.runbook.engine.module.Result r = io.runbook.engine.module.Result.failed(msg).withAll(fields);
            return checksum == null || fields.containsKey("checksum") ? r : r.with("checksum", checksum);
        }
    }
}
