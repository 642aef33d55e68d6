package io.runbook.engine.vars;

import java.util.AbstractList;
import java.util.List;

/** A Python tuple: an immutable list that prints as {@code (1, 2)}. */
class PyTuple extends AbstractList<Object> {
    private final List<Object> items;

    PyTuple(List<Object> items) {
        this.items = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(items));
    }

    @Override
    public Object get(int index) {
        return items.get(index);
    }

    @Override
    public int size() {
        return items.size();
    }
}
