package io.runbook.engine.vars;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A {@code {% macro %}} (or the body of a {@code {% call %}}): called like a function, it renders its body. */
final class Macro implements Evaluator.Callable {
    private static final int MAX_DEPTH = 100;
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private final String name;
    private final List<String> params;
    private final List<Ast> defaults;
    private final List<TNode> body;
    private final Frame defined;

    Macro(String name, List<String> params, List<Ast> defaults, List<TNode> body, Frame defined) {
        this.name = name;
        this.params = params;
        this.defaults = defaults;
        this.body = body;
        this.defined = defined;
    }

    @Override
    public Object call(List<Object> args, Map<String, Object> kwargs, Frame caller) {
        int[] depth = DEPTH.get();
        if (depth[0] >= MAX_DEPTH) {
            throw new ExpressionFailure("macro '" + name + "' calls itself more than " + MAX_DEPTH + " levels deep");
        }
        Frame frame = defined.child();
        Map<String, Object> extra = new LinkedHashMap<>(kwargs);
        for (int i = 0; i < params.size(); i++) {
            String p = params.get(i);
            if (i < args.size()) {
                frame.set(p, args.get(i));
                if (extra.containsKey(p)) {
                    throw new ExpressionFailure("macro '" + name + "' got multiple values for argument '" + p + "'");
                }
            } else if (extra.containsKey(p)) {
                frame.set(p, extra.remove(p));
            } else if (defaults.get(i) != null) {
                frame.set(p, Evaluator.eval(defaults.get(i), frame));
            } else {
                frame.set(p, new Undefined(p, "macro '" + name + "' was called without it"));
            }
        }
        frame.set("varargs", args.size() > params.size() ? new ArrayList<>(args.subList(params.size(), args.size())) : List.of());
        if (extra.containsKey("caller")) {
            frame.set("caller", extra.remove("caller"));
        }
        frame.set("kwargs", extra);
        Output out = new Output(defined.jinja);
        depth[0]++;
        try {
            Renderer.render(body, frame, out);
        } finally {
            depth[0]--;
        }
        return out.concatenated();
    }

    @Override
    public String toString() {
        return "<Macro '" + name + "'>";
    }
}
