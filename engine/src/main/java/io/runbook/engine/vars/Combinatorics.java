package io.runbook.engine.vars;

import java.util.ArrayList;
import java.util.List;

/** Python's itertools.product, permutations and combinations, as lists of tuples, bounded in size. */
final class Combinatorics {
    private static final int MAX_ITEMS = 1_000_000;

    private Combinatorics() {
    }

    static List<Object> product(List<List<Object>> pools, int max) {
        List<Object> out = new ArrayList<>();
        List<List<Object>> partial = new ArrayList<>();
        partial.add(new ArrayList<>());
        for (List<Object> pool : pools) {
            List<List<Object>> next = new ArrayList<>();
            for (List<Object> prefix : partial) {
                for (Object item : pool) {
                    List<Object> row = new ArrayList<>(prefix);
                    row.add(item);
                    next.add(row);
                    bound(next.size(), max);
                }
            }
            partial = next;
        }
        partial.forEach(row -> out.add(new PyTuple(row)));
        return out;
    }

    static List<Object> permutations(List<Object> items, Object r) {
        int n = items.size();
        int k = r == null ? n : Numbers.whole(r, "permutations");
        List<Object> out = new ArrayList<>();
        if (k < 0) {
            throw new ExpressionFailure("r must be non-negative");
        }
        if (k <= n) {
            permute(items, k, new ArrayList<>(), new boolean[n], out);
        }
        return out;
    }

    private static void permute(List<Object> items, int k, List<Object> row, boolean[] used, List<Object> out) {
        if (row.size() == k) {
            out.add(new PyTuple(row));
            bound(out.size(), MAX_ITEMS);
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            if (!used[i]) {
                used[i] = true;
                row.add(items.get(i));
                permute(items, k, row, used, out);
                row.remove(row.size() - 1);
                used[i] = false;
            }
        }
    }

    static List<Object> combinations(List<Object> items, Object r) {
        if (r == null) {
            throw new ExpressionFailure("combinations() missing required argument 'r'");
        }
        int k = Numbers.whole(r, "combinations");
        if (k < 0) {
            throw new ExpressionFailure("r must be non-negative");
        }
        List<Object> out = new ArrayList<>();
        combine(items, k, 0, new ArrayList<>(), out);
        return out;
    }

    private static void combine(List<Object> items, int k, int from, List<Object> row, List<Object> out) {
        if (row.size() == k) {
            out.add(new PyTuple(row));
            bound(out.size(), MAX_ITEMS);
            return;
        }
        for (int i = from; i < items.size(); i++) {
            row.add(items.get(i));
            combine(items, k, i + 1, row, out);
            row.remove(row.size() - 1);
        }
    }

    private static void bound(int size, int max) {
        if (size > max) {
            throw new ExpressionFailure("the result has more than " + max + " items");
        }
    }
}
