package io.runbook.engine.playbook;

import io.runbook.engine.error.Suggestions;
import io.runbook.engine.error.UserError;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every {@code notify} of a play must name one of its handlers (by name, as {@code role : name}, or a {@code listen}
 * topic). Ansible stops the whole run with "The requested handler ... was not found" when such a notification
 * fires; here the mistake is found before anything runs. Names that are templates, and plays whose include_role
 * may bring handlers at run time, are left to run time.
 */
final class NotifyCheck {
    private NotifyCheck() {
    }

    static void check(List<TaskNode> handlers, List<List<TaskNode>> sections) {
        Set<String> known = new LinkedHashSet<>();
        for (TaskNode h : handlers) {
            if (h.name() != null) {
                known.add(h.name());
                known.add(h instanceof Task t ? t.displayName() : ((Include) h).displayName());
            }
            if (h instanceof Task t) {
                known.addAll(t.listen());
            } else if (h instanceof Include i) {
                known.addAll(i.listen());
            }
        }
        List<TaskNode> all = new ArrayList<>(handlers);
        sections.forEach(all::addAll);
        if (known.stream().anyMatch(NotifyCheck::templated) || containsIncludeRole(all)) {
            return;
        }
        check(all, known);
    }

    private static void check(List<TaskNode> nodes, Set<String> known) {
        for (TaskNode node : nodes) {
            if (node instanceof Block b) {
                check(b.block(), known);
                check(b.rescue(), known);
                check(b.always(), known);
            } else if (node instanceof Task t) {
                for (String name : t.notifies()) {
                    if (!templated(name) && !known.contains(name)) {
                        throw new UserError(t.position(), "The requested handler '" + name + "' was not found in either "
                                + "the main handlers list nor in the listening handlers list",
                                Suggestions.didYouMean(name, known));
                    }
                }
            }
        }
    }

    private static boolean containsIncludeRole(List<TaskNode> nodes) {
        for (TaskNode node : nodes) {
            if (node instanceof Include inc && inc.isRole()
                    || node instanceof Block b && (containsIncludeRole(b.block()) || containsIncludeRole(b.rescue())
                    || containsIncludeRole(b.always()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean templated(String s) {
        return s.contains("{{") || s.contains("{%");
    }
}
