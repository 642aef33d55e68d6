package io.runbook.engine.vars;

import java.util.ArrayList;
import java.util.List;

/**
 * Filters that cut and combine sequences: batch and slice, and Ansible's itertools filters (zip, zip_longest,
 * product, permutations, combinations), as Jinja 3.1 and ansible-core 2.14 define them.
 */
final class SequenceFilters {
    private static final int MAX_ITEMS = 1_000_000;

    private SequenceFilters() {
    }

    static void register(CollectionFilters.Registry r) {
        r.add("batch", 2, List.of("linecount", "fill_with"), SequenceFilters::batch);
        r.add("slice", 2, List.of("slices", "fill_with"), SequenceFilters::slice);
        r.add("zip", -1, List.of(), (v, a) -> zip(v, a.positional(), false, null));
        r.add("zip_longest", -1, List.of("fillvalue"), (v, a) -> zip(v, a.positional(), true, a.get(-1, "fillvalue", null)));
        r.add("product", -1, List.of("repeat"), SequenceFilters::product);
        r.add("permutations", 1, List.of("r"), (v, a) -> Combinatorics.permutations(Renderer.iterate(v), a.get(0, "r", null)));
        r.add("combinations", 1, List.of("r"), (v, a) -> Combinatorics.combinations(Renderer.iterate(v), a.get(0, "r", null)));
    }

    /** Jinja's batch(linecount, fill_with=None): lists of linecount items, the last filled up when asked. */
    private static Object batch(Object value, Arguments args) {
        Object count = args.get(0, "linecount", 1);
        if (count instanceof CharSequence) {
            // as Jinja's: a batch's size never equals a text, so all items are one batch (which filling compares)
            List<Object> all = new ArrayList<>(Renderer.iterate(value));
            if (args.has(1, "fill_with") && args.get(1, "fill_with", null) != null && !all.isEmpty()) {
                throw new ExpressionFailure("'<' not supported between instances of 'int' and 'str'");
            }
            return all.isEmpty() ? List.of() : List.of(all);
        }
        int size = Numbers.whole(count, "batch");
        if (size <= 0) {
            throw new ExpressionFailure("batch: linecount must be greater than 0");
        }
        Object fill = args.get(1, "fill_with", null);
        boolean filling = args.has(1, "fill_with") && fill != null;
        List<Object> out = new ArrayList<>();
        List<Object> items = Renderer.iterate(value);
        for (int i = 0; i < items.size(); i += size) {
            List<Object> chunk = new ArrayList<>(items.subList(i, Math.min(items.size(), i + size)));
            while (filling && chunk.size() < size) {
                chunk.add(fill);
            }
            out.add(chunk);
        }
        return out;
    }

    /** Jinja's slice(slices, fill_with=None): the items in that many columns, earlier columns one longer. */
    private static Object slice(Object value, Arguments args) {
        int slices = Numbers.whole(args.get(0, "slices", 1), "slice");
        if (slices <= 0) {
            throw new ExpressionFailure("slice: slices must be greater than 0");
        }
        Object fill = args.get(1, "fill_with", null);
        List<Object> items = Renderer.iterate(value);
        int perSlice = items.size() / slices;
        int withExtra = items.size() % slices;
        int offset = 0;
        List<Object> out = new ArrayList<>();
        for (int n = 0; n < slices; n++) {
            int start = offset + n * perSlice;
            if (n < withExtra) {
                offset++;
            }
            int end = offset + (n + 1) * perSlice;
            List<Object> part = new ArrayList<>(items.subList(start, end));
            if (fill != null && n >= withExtra) {
                part.add(fill);
            }
            out.add(part);
        }
        return out;
    }

    private static Object zip(Object value, List<Object> others, boolean longest, Object fill) {
        List<List<Object>> lists = new ArrayList<>();
        lists.add(Renderer.iterate(value));
        others.forEach(o -> lists.add(Renderer.iterate(o)));
        int n = longest ? lists.stream().mapToInt(List::size).max().orElse(0) : lists.stream().mapToInt(List::size).min().orElse(0);
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<Object> row = new ArrayList<>();
            for (List<Object> l : lists) {
                row.add(i < l.size() ? l.get(i) : fill);
            }
            out.add(new PyTuple(row));
        }
        return out;
    }

    private static Object product(Object value, Arguments args) {
        List<List<Object>> lists = new ArrayList<>();
        lists.add(Renderer.iterate(value));
        args.positional().forEach(o -> lists.add(Renderer.iterate(o)));
        int repeat = Numbers.whole(args.get(-1, "repeat", 1), "product");
        List<List<Object>> pools = new ArrayList<>();
        for (int r = 0; r < repeat; r++) {
            pools.addAll(lists);
        }
        return Combinatorics.product(pools, MAX_ITEMS);
    }
}
