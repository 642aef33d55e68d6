package io.runbook.engine.vars;

/**
 * A native lookup's failure with what Ansible's plugin raises for it: an {@code AnsibleLookupError} (a failure the
 * plugin handled) or another exception's class and message. With {@code errors='warn'} Ansible's Templar warns with
 * them, as {@link #warning} words it; the failure's own message (the engine's, often with the places searched) is
 * what a strict lookup fails with.
 */
final class LookupFailure extends ExpressionFailure {
    private final String type;
    private final String original;

    private LookupFailure(String message, String type, String original) {
        super(message);
        this.type = type;
        this.original = original;
    }

    /** A failure Ansible's plugin raises as {@code AnsibleLookupError(original)}. */
    static LookupFailure handled(String message, String original) {
        return new LookupFailure(message, null, original);
    }

    /** A failure Ansible's plugin raises as an exception of class {@code type} (e.g. ansible.errors.AnsibleError). */
    static LookupFailure unhandled(String message, String type, String original) {
        return new LookupFailure(message, type, original);
    }

    /**
     * The warning of Ansible's Templar for the lookup {@code name}'s {@code failure} let pass by {@code errors='warn'};
     * a failure the engine knows no Ansible class of is an AnsibleError with the engine's message.
     */
    static String warning(String name, ExpressionFailure failure) {
        if (failure instanceof LookupFailure known && known.type == null) {
            return "Lookup failed but the error is being ignored: " + known.original;
        }
        String type = failure instanceof LookupFailure known ? known.type : "ansible.errors.AnsibleError";
        String original = failure instanceof LookupFailure known ? known.original : failure.getMessage();
        return "An unhandled exception occurred while running the lookup plugin '" + name + "'. Error was a <class '"
                + type + "'>, original message: " + original;
    }
}
