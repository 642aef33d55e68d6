package io.runbook.modules.core;

import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgValidator;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.modules.connection.HostConnection;

/**
 * Ansible's {@code unsafe_writes}, an argument of every module that writes files as its {@code add_file_common_args}
 * gives it: when a file cannot be replaced in one rename ({@link io.runbook.modules.connection.AtomicWriteFailure}),
 * it is written in place instead of failing. {@link FileWrite} falls back; the modules only declare {@link #ARG}.
 */
final class UnsafeWrites {
    static final String NAME = "unsafe_writes";
    private static final String ENV = "ANSIBLE_UNSAFE_WRITES";

    /** The argument as the modules declare it (unset: {@code ANSIBLE_UNSAFE_WRITES}, else false). */
    static final Arg ARG = Arg.bool(NAME).description("when the file cannot be replaced in one rename (a folder that is "
            + "read-only or immutable, a file mounted on its own), write it in place instead of failing (readers may see "
            + "it half written); unset: ANSIBLE_UNSAFE_WRITES of the task's environment (on the controller, the engine's "
            + "too), else false");

    /**
     * The argument as modules declare it that take it, as Ansible's do, but write no file through a rename that could
     * fall back ({@code file}, {@code unarchive}; {@code uri}'s atomic_move is never given it).
     */
    static final Arg ACCEPTED = Arg.bool(NAME).description("accepted, as Ansible's module takes it: this module writes "
            + "no file that falls back to writing in place");

    private UnsafeWrites() {
    }

    /**
     * The task's {@code unsafe_writes}, else {@code ANSIBLE_UNSAFE_WRITES} of the module's environment, as Ansible's
     * {@code env_fallback}: the task's {@code environment}, and on the controller the run's; a value that is
     * no boolean (also an empty one) fails the task with Ansible's message.
     */
    static boolean allowed(ModuleContext ctx, HostConnection host) throws ModuleException {
        if (ctx.args().has(NAME)) {
            return ctx.args().bool(NAME);
        }
        String value = ctx.environment().get(ENV);
        if (value == null && host.isLocal()) {
            value = ctx.runEnvironment().get(ENV);
        }
        if (value == null) {
            return false;
        }
        Boolean b = ArgValidator.parseBool(value);
        if (b == null) {
            throw new ModuleException("argument '" + NAME + "' is of type <class 'str'> and we were unable to convert to "
                    + "bool: The value '" + value + "' is not a valid boolean.  Valid booleans include: 0, 1, 'y', 'n', "
                    + "'off', 'yes', 'on', 'true', 't', 'no', '0', 'f', 'false', '1'");
        }
        return b;
    }
}
