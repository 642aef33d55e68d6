package io.runbook.engine.exec;

import io.runbook.engine.playbook.Include;
import io.runbook.engine.playbook.Task;
import io.runbook.engine.playbook.TaskNode;
import java.util.List;

/** The names a handler answers to: its name, and {@code role : name} for a role's handler; and its listen topics. */
final class HandlerNames {
    private HandlerNames() {
    }

    static List<String> of(TaskNode handler) {
        if (handler.name() == null) {
            return List.of();
        }
        String display = handler instanceof Task t ? t.displayName() : ((Include) handler).displayName();
        return display.equals(handler.name()) ? List.of(handler.name()) : List.of(handler.name(), display);
    }

    static List<String> listen(TaskNode handler) {
        return handler instanceof Task t ? t.listen() : handler instanceof Include i ? i.listen() : List.of();
    }
}
