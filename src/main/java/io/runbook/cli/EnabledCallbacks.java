package io.runbook.cli;

import io.runbook.engine.report.ProfileRolesReporter;
import io.runbook.engine.report.ProfileTasksReporter;
import io.runbook.engine.report.RunListener;
import io.runbook.engine.report.TimerReporter;
import io.runbook.engine.report.WarningDisplay;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The callbacks {@code callbacks_enabled} (old {@code callback_whitelist}) turns on beside the stdout callback, in its
 * order, each once: ansible.posix's timer, profile_tasks and profile_roles, by those names, their short ones (which
 * ansible-core redirects to them) or as {@code ansible.builtin.NAME}. A stdout callback named there is left out, as
 * Ansible leaves it out; one Ansible has elsewhere is skipped with a warning; a name no callback has is skipped with
 * Ansible's warning.
 */
final class EnabledCallbacks {
    private static final List<String> OWN = List.of("timer", "profile_tasks", "profile_roles");
    private EnabledCallbacks() {
    }

    static List<RunListener> of(Settings settings, PrintWriter out, int verbosity, WarningDisplay warnings, Clock clock) {
        Set<String> names = new LinkedHashSet<>();
        for (String name : settings.callbacksEnabled()) {
            String shortName = name.substring(name.lastIndexOf('.') + 1);
            boolean known = name.equals(shortName) || name.equals("ansible.builtin." + shortName)
                    || name.equals("ansible.legacy." + shortName);
            if (OWN.contains(shortName) && (known || name.equals("ansible.posix." + shortName))) {
                names.add(shortName);
            }
        }
        List<RunListener> all = new ArrayList<>();
        for (String name : names) {
            try {
                all.add(switch (name) {
                    case "timer" -> new TimerReporter(out, clock);
                    case "profile_roles" -> new ProfileRolesReporter(out, clock);
                    default -> new ProfileTasksReporter(out, verbosity, order(settings), limit(settings), clock);
                });
            } catch (IllegalArgumentException e) {
                // as Ansible: an option it cannot take leaves the callback out, with a warning
                warnings.warn("Skipping callback 'ansible.posix." + name + "', unable to load due to: " + e.getMessage());
            }
        }
        return all;
    }

    /**
     * The names of callbacks_enabled that are not the engine's own (a stdout callback among them is left out
     * there, as Ansible leaves it out): ansible-core loads those ({@link io.runbook.engine.pyplugin.PythonCallbacks}), warning about a name no plugin has.
     */
    static List<String> others(Settings settings) {
        List<String> others = new ArrayList<>();
        for (String name : settings.callbacksEnabled()) {
            String shortName = name.substring(name.lastIndexOf('.') + 1);
            boolean own = OWN.contains(shortName) && (name.equals(shortName) || name.equals("ansible.builtin." + shortName)
                    || name.equals("ansible.legacy." + shortName) || name.equals("ansible.posix." + shortName));
            if (!own && !others.contains(name)) {
                others.add(name);
            }
        }
        return others;
    }

    /** Names ansible-core's callback loader is told the engine shows itself (it leaves them out). */
    static Set<String> own() {
        return Set.copyOf(OWN);
    }

    /** The warning for callbacks that cannot be loaded here (no ansible-core on the controller). */
    static void unavailable(List<String> names, String why, WarningDisplay warnings) {
        names.forEach(n -> warnings.warn("callback plugin '" + n + "' is not available here (" + why + "); it is skipped"));
    }

    private static Map<String, Object> options(Settings settings) {
        return settings.values().plugins().getOrDefault("callback/ansible.posix.profile_tasks", Map.of());
    }

    private static ProfileTasksReporter.Order order(Settings settings) {
        String order = String.valueOf(options(settings).get("sort_order"));
        return switch (order) {
            case "descending" -> ProfileTasksReporter.Order.DESCENDING;
            case "ascending" -> ProfileTasksReporter.Order.ASCENDING;
            case "none" -> ProfileTasksReporter.Order.NONE;
            default -> throw new IllegalArgumentException("Invalid value \"" + order + "\" for configuration option "
                    + "sort_order (PROFILE_TASKS_SORT_ORDER, sort_order in [callback_profile_tasks]), valid values are: "
                    + "descending, ascending, none");
        };
    }

    /** Null for {@code all}. */
    private static Integer limit(Settings settings) {
        String limit = String.valueOf(options(settings).get("output_limit")).strip();
        try {
            return limit.equals("all") ? null : Integer.valueOf(limit);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid value \"" + limit + "\" for configuration option output_limit "
                    + "(PROFILE_TASKS_TASK_OUTPUT_LIMIT, task_output_limit in [callback_profile_tasks]): a number or all");
        }
    }
}
