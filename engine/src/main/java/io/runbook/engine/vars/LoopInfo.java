package io.runbook.engine.vars;

import java.util.List;
import java.util.Map;

/** Jinja's {@code loop} inside {@code {% for %}}: index, index0, revindex, first, last, length, previtem, nextitem, cycle(). */
final class LoopInfo implements Access.Attributes, Evaluator.Callable {
    private final List<Object> items;
    private final int index0;
    private final int depth;
    private final Evaluator.Callable recurse;

    /** depth: 1, or deeper inside {@code loop(children)} of a recursive loop, which recurse renders (else null). */
    LoopInfo(List<Object> items, int index0, int depth, Evaluator.Callable recurse) {
        this.items = items;
        this.index0 = index0;
        this.depth = depth;
        this.recurse = recurse;
    }

    @Override
    public Object call(List<Object> args, Map<String, Object> kwargs, Frame frame) {
        if (recurse == null) {
            throw new ExpressionFailure("loop() is only callable in a loop marked 'recursive'");
        }
        return recurse.call(args, kwargs, frame);
    }

    @Override
    public Object attribute(String name) {
        int length = items.size();
        return switch (name) {
            case "index" -> index0 + 1;
            case "index0" -> index0;
            case "revindex" -> length - index0;
            case "revindex0" -> length - index0 - 1;
            case "first" -> index0 == 0;
            case "last" -> index0 == length - 1;
            case "length" -> length;
            case "depth" -> depth;
            case "depth0" -> depth - 1;
            case "previtem" -> index0 > 0 ? items.get(index0 - 1) : new Undefined("loop.previtem", "there is no previous item");
            case "nextitem" -> index0 < length - 1 ? items.get(index0 + 1) : new Undefined("loop.nextitem", "there is no next item");
            case "cycle" -> (Evaluator.Callable) (List<Object> args, Map<String, Object> kwargs, Frame frame) -> {
                if (args.isEmpty()) {
                    throw new ExpressionFailure("loop.cycle() needs at least one value");
                }
                return args.get(index0 % args.size());
            };
            case "changed" -> (Evaluator.Callable) (List<Object> args, Map<String, Object> kwargs, Frame frame) ->
                    index0 == 0 || !PyValues.equal(args, List.of());
            default -> PyValues.MISSING;
        };
    }
}
