package io.runbook.engine.yaml;

import io.runbook.engine.error.SourcePosition;
import java.util.ArrayList;
import java.util.List;

/** A YAML sequence with its position. */
public record YList(List<YNode> items, SourcePosition position) implements YNode {
    public YList {
        items = List.copyOf(items);
    }

    @Override
    public Object toPlain() {
        List<Object> out = new ArrayList<>(items.size());
        for (YNode item : items) {
            out.add(item.toPlain());
        }
        return out;
    }

    @Override
    public String describe() {
        return "a list";
    }
}
