package io.runbook.engine.vars;

import java.util.AbstractList;
import java.util.List;

/** A read-only view of a list that is never re-templated (see {@link Templar#unsafe}); items are views too. */
final class UnsafeList extends AbstractList<Object> {
    private final List<?> data;

    UnsafeList(List<?> data) {
        this.data = data;
    }

    @Override
    public Object get(int index) {
        return Templar.unsafeContainer(data.get(index));
    }

    @Override
    public int size() {
        return data.size();
    }
}
