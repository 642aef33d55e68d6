package io.runbook.engine.exec;

import io.runbook.engine.error.UserError;

/**
 * A mistake found while the run goes on that stops all of it, as ansible-playbook's parser errors do: a file
 * included at run time that cannot be parsed, a notify that no handler answers to, a vars plugin that raised about a
 * host or group made at run time. The run ends at once with {@code ERROR!} and no recap, exit code
 * {@link ExitCode#INPUT_ERROR 3} (ansible-playbook's is 4), or {@link ExitCode#of} of the mistake (a vars plugin's
 * unexpected exception: 250, as ansible-playbook's), or the code it was given (1 or 4, as Ansible's: {@link ExitCode#RUN_ERROR},
 * {@link ExitCode#PARSER_ERROR}).
 */
final class RunAborted extends RuntimeException {
    private final UserError mistake;
    private final Integer code;

    RunAborted(UserError mistake) {
        this(mistake, null);
    }

    /** {@code code}: the run's exit code, or null for {@link ExitCode#of} of the mistake. */
    RunAborted(UserError mistake, Integer code) {
        super(mistake.format(), null, false, false);
        this.mistake = mistake;
        this.code = code;
    }

    Integer code() {
        return code;
    }

    UserError mistake() {
        return mistake;
    }
}
