package io.runbook.modules.connection;

/**
 * The Python a module uses on the host, picked as Ansible's interpreter discovery ends on a Debian host: the one the
 * host's {@code ansible_python_interpreter} gives, else /usr/bin/python3, else python3 along the PATH.
 */
public final class HostPython {
    private HostPython() {
    }

    /** Shell words that set {@code variable} to that Python: {@code given} (a shell word such as {@code "$1"}) unless empty. */
    public static String choose(String variable, String given) {
        return choose(variable, given, "python3");
    }

    /** As {@link #choose(String, String)}, with {@code fallback} (a shell word) where /usr/bin/python3 is missing. */
    public static String choose(String variable, String given, String fallback) {
        return variable + "=" + given + "; [ -n \"$" + variable + "\" ] || { [ -x /usr/bin/python3 ] && " + variable
                + "=/usr/bin/python3 || " + variable + "=" + fallback + "; }";
    }
}
