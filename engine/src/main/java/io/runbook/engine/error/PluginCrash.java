package io.runbook.engine.error;

/**
 * A Python plugin of the user's (a vars plugin) raised an exception that is no {@code AnsibleError}: ansible-playbook's
 * {@code ERROR! Unexpected Exception, this is probably a bug: MESSAGE}, which it ends with exit code 250 (the engine's
 * code for a bug, here the plugin's); placed at the plugin's line that raised it, said without a stack trace.
 */
public final class PluginCrash extends UserError {
    public PluginCrash(SourcePosition position, String message, String hint) {
        super(position, message, hint);
    }
}
