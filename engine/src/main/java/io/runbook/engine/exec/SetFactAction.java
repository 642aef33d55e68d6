package io.runbook.engine.exec;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.module.ArgValidator;
import io.runbook.engine.playbook.Task;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The set_fact action (the engine's own: it sets variables rather than running a module). */
final class SetFactAction {
    private SetFactAction() {
    }

    /**
     * set_fact: keys may be templates; a value that renders to the text true/false/yes/no (any case) becomes a
     * boolean, as Ansible's set_fact does (not in jinja2_native mode, as there); {@code cacheable: yes} makes them host facts too. A value is kept as it
     * rendered: text holding {@code {{ }}} that the template wrote itself is templated again when the fact is read,
     * as in Ansible; text that came from unsafe data (a registered result, a lookup) stays unsafe.
     */
    static ModuleCall.Outcome run(io.runbook.engine.vars.Templar templar, Task task, Map<String, Object> vars) {
        Map<String, Object> facts = new LinkedHashMap<>();
        boolean cacheable = false;
        for (Map.Entry<String, Object> e : task.args().entrySet()) {
            SourcePosition where = task.argPositions().getOrDefault(e.getKey(), task.position());
            Object value = UndefinedOption.render(templar, e.getValue(), vars, where);
            if (e.getKey().equals("cacheable")) {
                cacheable = Boolean.TRUE.equals(ArgValidator.parseBool(value));
                continue;
            }
            if (CallInputs.OMIT.equals(templar.plain(value))) {
                continue;  // a value rendered to omit sets nothing, as Ansible leaves omitted arguments out of every action's
            }
            value = CallInputs.withoutOmitted(value);
            String key = templar.renderString(e.getKey(), vars, where);
            if (!io.runbook.engine.vars.VariableNames.isValid(key)) {
                return ModuleCall.failed("The variable name '" + key + "' is not valid. Variables must start with a letter or "
                        + "underscore character, and contain only letters, numbers and underscores.");
            }
            if (!templar.jinja2Native() && value instanceof String s && s.toLowerCase().matches("true|false|yes|no")) {
                value = ArgValidator.parseBool(s.toLowerCase());
            }
            facts.put(key, io.runbook.engine.vars.LiteralResults.listsOfTuples(value));  // a fact holds lists, as Ansible's
        }
        // the host gets them when the task ended ok (TaskFacts), as Ansible's strategy sets them only then
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("ansible_facts", facts);
        r.put("changed", false);
        r.put("failed", false);
        if (cacheable) {
            r.put(TaskFacts.CACHEABLE, true);
        }
        return new ModuleCall.Outcome(r, List.of(), List.of(), true);
    }
}
