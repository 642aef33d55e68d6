package io.runbook.engine.module;

import java.util.List;

/**
 * A way of reaching a host that host modules ({@code command}, {@code copy}, …) work through, named by the
 * host's {@code ansible_connection} (or a play's {@code connection:}), such as {@code local} or {@code ssh}.
 * Found with {@link java.util.ServiceLoader} (list the class in
 * {@code META-INF/services/io.runbook.engine.module.ConnectionType}).
 *
 * <p>The engine only needs the names: before anything runs, a host whose connection is not one of them is an
 * input error, so a task can never run somewhere the user did not mean (such as on the controller instead of
 * on an SSH host). Modules resolve and open the connection themselves.
 */
public interface ConnectionType {
    /** The names this type answers to, the first being its own: {@code ["ssh", "smart"]}. Never empty. */
    List<String> names();

    /**
     * Those of {@link #names()} that are Ansible connection plugins (not aliases such as {@code smart}): they answer to
     * their collection names too, {@code ansible.builtin.NAME} and {@code ansible.legacy.NAME}, as in Ansible.
     */
    default List<String> plugins() {
        return names();
    }

    /** Whether a connection's name is Ansible's {@code local} plugin ({@code local}, {@code ansible.builtin.local}, ...). */
    static boolean isLocal(Object name) {
        return name != null && List.of("local", "ansible.builtin.local", "ansible.legacy.local").contains(String.valueOf(name));
    }

    /** {@code name} as this type knows it (one of {@link #names()}; {@code ansible.builtin.ssh} is {@code ssh}), or null. */
    default String resolve(String name) {
        if (names().contains(name)) {
            return name;
        }
        for (String prefix : List.of("ansible.builtin.", "ansible.legacy.")) {
            if (name.startsWith(prefix) && plugins().contains(name.substring(prefix.length()))) {
                return name.substring(prefix.length());
            }
        }
        return null;
    }

    /**
     * What is wrong with how a host variable this type reads is written (such as a bastion address that is no
     * {@code user@host:port}), as a short clause; {@code null} when nothing is, or the variable is not one of its.
     * Asked before anything runs for literal values (not templates, never for secrets), so a mistake stops the run
     * at the variable's {@code file:line:col} instead of failing every host at its first task.
     */
    default String problem(String variable, Object value) {
        return null;
    }
}
