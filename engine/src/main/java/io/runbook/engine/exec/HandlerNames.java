package io.runbook.engine.exec;

import io.runbook.engine.playbook.Include;
import io.runbook.engine.playbook.Role;
import io.runbook.engine.playbook.Task;
import io.runbook.engine.playbook.TaskNode;
import java.util.List;

/**
 * The names a handler answers to: its name, and {@code role : name} for a role's handler (a collection's role's by its
 * full name and by its own, as Ansible's candidates); and its listen topics.
 */
final class HandlerNames {
    private HandlerNames() {
    }

    static List<String> of(TaskNode handler) {
        if (handler.name() == null) {
            return List.of();
        }
        if (handler instanceof Task && handler.role() != null) {
            return inRole(handler.name(), handler.role().role());
        }
        String display = handler instanceof Task t ? t.displayName() : ((Include) handler).displayName();
        return display.equals(handler.name()) ? List.of(handler.name()) : List.of(handler.name(), display);
    }

    /** The names of a handler named {@code name} in {@code role}. */
    static List<String> inRole(String name, Role role) {
        return role.collection() == null ? List.of(name, role.name() + " : " + name)
                : List.of(name, role.name() + " : " + name, role.fullName() + " : " + name);
    }

    static List<String> listen(TaskNode handler) {
        return handler instanceof Task t ? t.listen() : handler instanceof Include i ? i.listen() : List.of();
    }
}
