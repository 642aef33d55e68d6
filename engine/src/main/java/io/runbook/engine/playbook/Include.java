package io.runbook.engine.playbook;

import io.runbook.engine.error.SourcePosition;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code include_tasks} or {@code include_role}: resolved per host at run time; the file or role name may be a
 * template and the include may loop. The include's {@code vars} become include parameters of the included tasks.
 *
 * @param action   {@code include_tasks} or {@code include_role}
 * @param args     the include's arguments as written: {@code file} for include_tasks; {@code name},
 *                 {@code tasks_from}, {@code public}... for include_role (templates not rendered yet)
 * @param apply    keywords that the included tasks inherit ({@code apply:}), on top of {@link Keywords#forInclude()}
 *                 of {@code inherits}
 * @param register where to register the include's result
 * @param writtenAction the action as the task names it when that is not {@code action} ({@code include} for a legacy
 *                 include, {@code ansible.builtin.include_tasks}), shown for an include without a name; else null
 * @param listen   the topics a handler that is an include answers to besides its name (Ansible's HandlerTaskInclude)
 * @param inherits the keywords its tasks inherit: those around the include, with its vars (see
 *                 {@link Keywords#ownForIncluded()})
 */
public record Include(String name, String action, Map<String, Object> args, SourcePosition position, Keywords keywords,
                      Object loop, SourcePosition loopPosition, LoopControl loopControl, Keywords apply,
                      String register, RoleScope role, Path baseDir, String writtenAction, List<String> listen, Keywords inherits)
        implements TaskNode {

    public boolean isRole() {
        return action.equals("include_role");
    }

    /** The include_tasks file (as written), or the include_role role name. */
    public String file() {
        Object f = args.get(isRole() ? "name" : "file");
        return f == null ? null : String.valueOf(f);
    }

    /**
     * The {@code key=value} words of a dynamic legacy {@code include:}, as written: rendered when it runs (with them as
     * the include's task vars, below set_fact), they are include parameters too, over its vars.
     */
    public Map<String, Object> legacyArgs() {
        if (isRole()) {
            return Map.of();
        }
        Map<String, Object> out = new java.util.LinkedHashMap<>(args);
        out.remove("file");
        return out;
    }

    /** The same include with other arguments (as the task debugger changed them). */
    public Include withArgs(Map<String, Object> newArgs) {
        return new Include(name, action, java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(newArgs)), position,
                keywords, loop, loopPosition, loopControl, apply, register, role, baseDir, writtenAction, listen, inherits);
    }

    /** Include parameters: the include's vars. */
    public Map<String, Object> params() {
        return keywords.vars();
    }

    /**
     * The include seen as a task (for listings, and for finding files relative to it): without a name, listed as its
     * action alone, as ansible-playbook's {@code --list-tasks} lists it.
     */
    public Task asTask() {
        return new Task(name, action, args, Map.of(), position, keywords, register, loop, loopPosition, loopControl, null,
                null, null, java.util.List.of(), java.util.List.of(), java.util.List.of(), baseDir, role, null, writtenAction);
    }

    /**
     * The name shown in banners, as Ansible shows it: an unnamed include_role's with the role ({@code include_role : web});
     * inside a role, an include_tasks' with that role in front, an include_role's without (ansible-core's IncludeRole
     * names itself, where a task's name gets its role's).
     */
    /** What Ansible's profile_roles callback times the task under: its role's name, else its action as written. */
    public String timedAs() {
        return role != null ? role.role().fullName() : writtenAction != null ? writtenAction : action;
    }

    public String displayName() {
        String shown = writtenAction != null ? writtenAction : action;
        String base = name != null ? name : isRole() ? shown + " : " + file() : shown;
        return role == null || isRole() ? base : role.role().fullName() + " : " + base;
    }
}
