package io.runbook.engine.playbook;

import io.runbook.engine.error.SourcePosition;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One action. {@code action} is a module name or one of the engine's own actions ({@code set_fact},
 * {@code meta}). {@code args} are the written arguments (templates not yet rendered); {@code async}: the task's
 * {@code async} as written, or null (see the engine's AsyncKeyword); {@code writtenAction}: the action as the task names
 * it when that is not {@code action} ({@code ansible.builtin.debug}), shown for a task without a name, else null;
 * {@code module}: the full name the {@code collections:} keyword resolved a short name to ({@code ns.coll.NAME}), which
 * the module is looked up by, else null; {@code collections}: the {@code collections:} keyword's list the task was read
 * under, by which a module named by a template is looked up when the task runs ({@link TemplatedAction}).
 */
public record Task(String name, String action, Map<String, Object> args, Map<String, SourcePosition> argPositions,
                   SourcePosition position, Keywords keywords, String register, Object loop, SourcePosition loopPosition,
                   LoopControl loopControl, Expr until, Object retries, Object delay, List<Expr> failedWhen,
                   List<Expr> changedWhen, List<String> listen, Path baseDir, RoleScope role, AsyncSetting async,
                   String writtenAction, String module, List<String> collections)
        implements TaskNode {

    public Task {
        collections = collections == null ? List.of() : List.copyOf(collections);
    }

    /** A task read under no {@code collections:} keyword. */
    public Task(String name, String action, Map<String, Object> args, Map<String, SourcePosition> argPositions,
                SourcePosition position, Keywords keywords, String register, Object loop, SourcePosition loopPosition,
                LoopControl loopControl, Expr until, Object retries, Object delay, List<Expr> failedWhen,
                List<Expr> changedWhen, List<String> listen, Path baseDir, RoleScope role, AsyncSetting async,
                String writtenAction, String module) {
        this(name, action, args, argPositions, position, keywords, register, loop, loopPosition, loopControl, until,
                retries, delay, failedWhen, changedWhen, listen, baseDir, role, async, writtenAction, module, List.of());
    }

    /** A task whose module no {@code collections:} keyword resolved. */
    public Task(String name, String action, Map<String, Object> args, Map<String, SourcePosition> argPositions,
                SourcePosition position, Keywords keywords, String register, Object loop, SourcePosition loopPosition,
                LoopControl loopControl, Expr until, Object retries, Object delay, List<Expr> failedWhen,
                List<Expr> changedWhen, List<String> listen, Path baseDir, RoleScope role, AsyncSetting async,
                String writtenAction) {
        this(name, action, args, argPositions, position, keywords, register, loop, loopPosition, loopControl, until,
                retries, delay, failedWhen, changedWhen, listen, baseDir, role, async, writtenAction, null);
    }

    /**
     * The name shown in banners: the task's name, or the action when it has none; in a role "role : name" (a
     * collection's role by its full name).
     */
    /** What Ansible's profile_roles callback times the task under: its role's name, else its action as written. */
    public String timedAs() {
        return role != null ? role.role().fullName() : writtenAction != null ? writtenAction : action;
    }

    public String displayName() {
        String base = name != null ? name : writtenAction != null ? writtenAction : action;
        return role == null ? base : role.role().fullName() + " : " + base;
    }

    /**
     * The name the task's module is looked up by: as written when the task names it so ({@code ansible.builtin.ping}
     * runs the built-in module even beside a {@code library/ping}), else the action; the collection's full name when
     * the {@code collections:} keyword resolved it.
     */
    public String moduleName() {
        if (module != null) {
            return module;
        }
        return writtenAction != null && !ActionReader.isTemplate(writtenAction) ? writtenAction : action;
    }

    /** The handlers or listen topics this task notifies when it changes something. */
    public List<String> notifies() {
        return keywords.notifications();
    }

    /** The same task shown under another name (its name rendered with variables). */
    public Task withName(String shown) {
        return new Task(shown, action, args, argPositions, position, keywords, register, loop, loopPosition, loopControl,
                until, retries, delay, failedWhen, changedWhen, listen, baseDir, role, async, writtenAction, module,
                collections);
    }

    public Task withKeywords(Keywords k) {
        return new Task(name, action, args, argPositions, position, k, register, loop, loopPosition, loopControl, until,
                retries, delay, failedWhen, changedWhen, listen, baseDir, role, async, writtenAction, module, collections);
    }
}
