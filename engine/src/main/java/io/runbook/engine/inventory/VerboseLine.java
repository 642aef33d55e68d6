package io.runbook.engine.inventory;

/**
 * A line reading the inventory says at a verbosity, as ansible-core's display does: {@code -v} (1) the auto plugin's
 * {@code Using inventory plugin ...}, {@code -vvv} (3) the inventory manager's {@code ... declined parsing ...} and
 * {@code Parsed ... inventory source with ... plugin}.
 */
public record VerboseLine(int verbosity, String text) {
    static VerboseLine declined(String plugin, String source) {
        return new VerboseLine(3, plugin + " declined parsing " + source + " as it did not pass its verify_file() method");
    }

    static VerboseLine parsed(String plugin, String source) {
        return new VerboseLine(3, "Parsed " + source + " inventory source with " + plugin + " plugin");
    }

    /** What Ansible's file plugins' verify_file says of a source that is not there (or not readable). */
    static VerboseLine notThere() {
        return new VerboseLine(3, "Skipping due to inventory source not existing or not being readable by the current user");
    }
}
