package io.runbook.engine.exec;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import io.runbook.engine.playbook.LoopLookup;
import io.runbook.engine.playbook.Task;
import io.runbook.engine.vars.Templar;
import io.runbook.engine.vars.VarScope;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The items of a loop: {@code loop:}/{@code with_list} as rendered, or the items a {@code with_<lookup>} makes from
 * its rendered terms, as Ansible's lookup plugins make them (items, indexed_items, flattened, dict, nested/cartesian,
 * together, sequence, subelements, fileglob, first_found, random_choice; see {@link LookupLoops} for the rest).
 */
final class LoopItems {
    private final RunState run;

    LoopItems(RunState run) {
        this.run = run;
    }

    List<Object> of(Task task, VarScope vars) {
        return of(task.loop(), task.loopPosition(), vars, task);
    }

    /** The items of {@code loop}; {@code context} is the task whose role and folder relative files are found from. */
    List<Object> of(Object loop, SourcePosition where, VarScope vars, Task context) {
        if (!(loop instanceof LoopLookup lookup)) {
            Object items = run.templar.render(loop, vars, where);
            if (!(items instanceof List<?> list)) {
                throw new UserError(where, io.runbook.engine.playbook.KeywordValues.loopError(items));
            }
            List<Object> out = new ArrayList<>(list);
            out.replaceAll(io.runbook.engine.vars.LiteralResults::listsOfTuples);  // pairs are lists, as Ansible's items
            if (Templar.isUnsafe(list)) {
                // items of unsafe data (loop: "{{ out.stdout_lines }}") stay unsafe: never templated as the item
                out.replaceAll(Templar::unsafe);
            }
            return out;
        }
        Object terms = run.templar.render(lookup.terms(), vars, where);
        // as Ansible's: what a with_* lookup gives is unsafe, never templated again (loop: items are not), its text
        // AnsibleUnsafeText as type_debug names it
        List<Object> items = new ArrayList<>();
        lookupItems(lookup, terms, where, vars, context).forEach(item -> items.add(Templar.unsafeRead(item)));
        return items;
    }

    private List<Object> lookupItems(LoopLookup lookup, Object terms, SourcePosition where, VarScope vars, Task context) {
        return switch (lookup.lookup()) {
            case "list" -> listItems(terms, where);
            case "items" -> flatten(asList(terms), 1);
            case "flattened" -> flatten(asList(terms), Integer.MAX_VALUE);
            case "indexed_items" -> indexed(flatten(indexable(terms, where), 1));
            case "dict" -> dictItems(terms, where);
            case "nested", "cartesian" -> io.runbook.engine.vars.ListLookups.nested(asList(terms));
            case "together" -> together(asList(terms), where);
            case "random_choice" -> io.runbook.engine.vars.ListLookups.randomChoice(asList(terms));
            default -> new LookupLoops(run, context, vars).items(lookup.lookup(), terms);
        };
    }

    static List<Object> asList(Object terms) {
        return io.runbook.engine.vars.ListLookups.asList(terms);
    }

    static List<Object> flatten(List<?> items, int depth) {
        List<Object> out = new ArrayList<>();
        for (Object item : items) {
            if (item instanceof Collection<?> c && depth > 0) {
                out.addAll(flatten(new ArrayList<>(c), depth - 1));
            } else {
                out.add(item);
            }
        }
        return out;
    }

    /** with_list: the list as it is; a mapping fails as Ansible's list lookup does. */
    private static List<Object> listItems(Object terms, SourcePosition where) {
        if (terms instanceof Map<?, ?>) {
            throw new UserError(where, "with_list expects a list");
        }
        return asList(terms);
    }

    /** with_indexed_items over a mapping fails as Ansible's indexed_items lookup does (its terms stay a dict). */
    private static List<Object> indexable(Object terms, SourcePosition where) {
        if (terms instanceof Map<?, ?>) {
            throw new UserError(where, "with_indexed_items expects a list");
        }
        return asList(terms);
    }

    private static List<Object> indexed(List<Object> items) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            out.add(List.of(i, items.get(i)));
        }
        return out;
    }

    private static List<Object> dictItems(Object terms, SourcePosition where) {
        List<Object> out = new ArrayList<>();
        for (Object term : terms instanceof Map ? List.of(terms) : asList(terms)) {
            if (!(term instanceof Map<?, ?> m)) {
                throw new UserError(where, "with_dict expects a dict, got " + describe(term));
            }
            m.forEach((k, v) -> {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("key", k);
                item.put("value", v);
                out.add(item);
            });
        }
        return out;
    }

    private static List<Object> together(List<Object> terms, SourcePosition where) {
        List<Object> out = io.runbook.engine.vars.ListLookups.together(terms);
        if (out == null) {
            throw new UserError(where, "with_together requires at least one element in each list");
        }
        return out;
    }

    static String describe(Object v) {
        if (v instanceof Map) {
            return "a mapping";
        }
        return v == null ? "null" : "'" + v + "'";
    }
}
