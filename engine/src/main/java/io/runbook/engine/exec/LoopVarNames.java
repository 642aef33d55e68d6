package io.runbook.engine.exec;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.module.ArgValidator;
import io.runbook.engine.playbook.LoopControl;
import io.runbook.engine.vars.Templar;
import java.util.Map;

/**
 * The names a loop gives its item and index ({@code loop_control.loop_var}, {@code index_var}) for one host: Ansible
 * templates them with the task's variables before the loop starts ({@code loop_var: "{{ name }}"}).
 */
record LoopVarNames(String loopVar, String indexVar) {
    static LoopVarNames of(LoopControl lc, Templar templar, Map<String, Object> vars, SourcePosition where) {
        return new LoopVarNames(rendered(lc.loopVar(), templar, vars, where), rendered(lc.indexVar(), templar, vars, where));
    }

    /**
     * The loop variable and {@code ansible_loop_var} for the item at {@code index}, and with an index_var the index and
     * {@code ansible_index_var} (a new map, to add to), as each item's result carries them in Ansible.
     */
    Map<String, Object> itemKeys(Object item, int index) {
        Map<String, Object> keys = new java.util.LinkedHashMap<>();
        keys.put(loopVar, item);
        keys.put("ansible_loop_var", loopVar);
        if (indexVar != null) {
            keys.put(indexVar, index);
            keys.put("ansible_index_var", indexVar);
        }
        return keys;
    }

    private static String rendered(String name, Templar templar, Map<String, Object> vars, SourcePosition where) {
        return name == null || !ArgValidator.isTemplate(name) ? name : templar.renderString(name, vars, where).trim();
    }
}
