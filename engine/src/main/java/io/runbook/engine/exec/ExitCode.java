package io.runbook.engine.exec;

/** The process exit codes; each cause has its own. 0, 2 and 4 keep Ansible's meaning. */
public final class ExitCode {
    public static final int OK = 0;
    /** A task failed on at least one host (and was neither ignored nor rescued). */
    public static final int HOST_FAILED = 2;
    /** The playbook, inventory, variables or a template is wrong; nothing was run. */
    public static final int INPUT_ERROR = 3;
    /** At least one host could not be reached (wins over {@link #HOST_FAILED}). */
    public static final int UNREACHABLE = 4;
    /**
     * Ansible's parser error found only as the run goes, so ansible-playbook's code for it: a play keyword that does
     * not render as its play starts ({@code hosts: "{{ x }}"}, earlier plays may set x), an included file that cannot
     * be parsed, an include_role's public, allow_duplicates or rolespec_validate that does not render.
     */
    public static final int PARSER_ERROR = 4;
    /**
     * Another error ansible-playbook exits 1 for, found only as the run goes: a vars_prompt or an include_role's name or
     * {@code *_from} that does not render.
     */
    public static final int RUN_ERROR = 1;
    /** Bad command-line usage. */
    public static final int USAGE = 5;
    /** Stopped by Ctrl-C or a signal. */
    public static final int INTERRUPTED = 99;
    /** A bug in the engine (please report it), or in a Python plugin of the run's, as ansible-playbook's. */
    public static final int INTERNAL = 250;

    private ExitCode() {
    }

    /**
     * The code of a command stopped by {@code e}: {@link #USAGE} when it is about the command line
     * ({@code commandLine}), {@link #INTERNAL} for a plugin's unexpected exception
     * ({@link io.runbook.engine.error.PluginFailure#unexpected}, ansible-playbook's 250), else {@link #INPUT_ERROR}.
     */
    public static int of(io.runbook.engine.error.UserError e, boolean commandLine) {
        return e instanceof io.runbook.engine.error.PluginFailure p && p.unexpected() ? INTERNAL
                : commandLine ? USAGE : INPUT_ERROR;
    }
}
