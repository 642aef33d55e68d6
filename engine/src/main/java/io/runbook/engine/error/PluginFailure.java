package io.runbook.engine.error;

/**
 * A Python plugin of the user's (a vars plugin) raised: an {@code AnsibleError}'s message, or for any other exception
 * ({@link #unexpected}) ansible-playbook's {@code Unexpected Exception, this is probably a bug: MESSAGE}, which it ends
 * with exit code 250 (the engine's code for a bug, here the plugin's). Placed at the plugin's line that raised it, said
 * without a stack trace. Found while the run goes on (a host add_host or group_by made), it stops the whole run, as
 * the exception out of ansible-playbook's VariableManager does.
 */
public final class PluginFailure extends UserError {
    private final boolean unexpected;

    public PluginFailure(SourcePosition position, String message, String hint, boolean unexpected) {
        super(position, message, hint);
        this.unexpected = unexpected;
    }

    /** Whether the exception was no AnsibleError (ansible-playbook's exit code 250). */
    public boolean unexpected() {
        return unexpected;
    }
}
