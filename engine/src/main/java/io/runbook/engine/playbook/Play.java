package io.runbook.engine.playbook;

import io.runbook.engine.error.SourcePosition;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One play. Task lists carry the play's keywords already; the play's own {@code vars} and {@code vars_files} are
 * kept apart because their precedence differs from block and task vars. {@code hosts}, {@code serial},
 * {@code strategy}, {@code order}, {@code max_fail_percentage} and {@code gather_facts} are kept as written: they
 * may be templates, rendered with the play's vars and extra vars when the play starts ({@link PlaySettings}).
 * {@code connection} is the play's {@code connection:} keyword (null when unset): as in Ansible, a host's
 * own {@code ansible_connection} wins over it.
 *
 * @param roles      the roles of {@code roles:} and import_role, whose defaults and vars the whole play sees
 * @param roleCache  the roles loaded for this play, for include_role at run time
 * @param varPositions where each of the play's own {@code vars} is written (its key); those an import_playbook
 *                   passes have none
 */
public record Play(String name, SourcePosition position, Object hosts, SourcePosition hostsPosition,
                   Map<String, Object> vars, List<VarsFile> varsFiles, List<Object> serial, Object maxFailPercentage,
                   boolean anyErrorsFatal, Object strategy, Object forceHandlers, Keywords keywords,
                   List<TaskNode> preTasks, List<TaskNode> tasks, List<TaskNode> postTasks, List<TaskNode> handlers,
                   Path baseDir, Object gatherFacts, Map<String, Object> factSettings, Object order, List<Role> roles,
                   RoleCache roleCache, String connection, SourcePosition connectionPosition,
                   Map<String, SourcePosition> varPositions, List<VarPrompt> varsPrompt) {

    public Play {
        varsPrompt = List.copyOf(varsPrompt);
    }

    /**
     * The play once its {@code vars_prompt} is answered: the answers among its vars (over a play var of the same
     * name, as Ansible sets them), nothing left to ask.
     */
    public Play answered(Map<String, Object> answers) {
        Map<String, Object> merged = new java.util.LinkedHashMap<>(vars);
        merged.putAll(answers);
        return new Play(name, position, hosts, hostsPosition, merged, varsFiles, serial, maxFailPercentage, anyErrorsFatal,
                strategy, forceHandlers, keywords, preTasks, tasks, postTasks, handlers, baseDir, gatherFacts, factSettings,
                order, roles, roleCache, connection, connectionPosition, varPositions, List.of());
    }

    /** The hosts pattern as written, for messages: a list is joined with commas. */
    public String hostsText() {
        return hosts instanceof List<?> l ? String.join(",", l.stream().map(String::valueOf).toList()) : String.valueOf(hosts);
    }

    public String displayName() {
        return name != null ? name : hostsText();
    }
}
