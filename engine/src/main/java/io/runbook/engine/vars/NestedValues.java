package io.runbook.engine.vars;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Variables whose values are templates themselves, rendered when read: the chain of variables being rendered (a
 * variable that needs itself fails naming the chain, {@code a → b → a}, instead of looping), a bound on how many
 * values one value may render, and Ansible's {@code hostvars} reading that keeps a value as written when it needs a
 * variable that is not defined.
 */
final class NestedValues {
    private static final int MAX_NESTING = 50;
    /** How many variables one variable's value may render in all (s1: "{{ s0 }}{{ s0 }}" … s40 is 2^40 renders). */
    private static final int MAX_NESTED_RENDERS = 100_000;
    private static final ThreadLocal<Deque<String>> RESOLVING = ThreadLocal.withInitial(ArrayDeque::new);
    private static final ThreadLocal<int[]> NESTED_RENDERS = ThreadLocal.withInitial(() -> new int[1]);

    private NestedValues() {
    }

    /** The value of a variable (or a key inside one) that is itself a template, as a template sees it. */
    static Object of(Jinja jinja, String name, Object raw, Map<String, Object> vars) {
        return LazyData.wrap(raw, name, jinja, vars);
    }

    /**
     * As Ansible templates {@code hostvars}: the value rendered, except that a string needing a variable that is not
     * defined stays as written (its items one by one in a list or dict), instead of failing.
     */
    static Object orRaw(Jinja jinja, String name, Object raw, Map<String, Object> vars) {
        if (raw instanceof String s) {
            if (!Jinja.hasTemplate(s)) {
                return s;
            }
            try {
                Object value = LazyData.materialize(text(jinja, name, s, vars));
                return value instanceof Undefined ? s : value;
            } catch (MissingVariable missing) {
                return s;
            }
        }
        if (raw instanceof LazyVariables || raw instanceof UnsafeMap || raw instanceof UnsafeList || !Templar.isTemplate(raw)) {
            return raw;
        }
        if (raw instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, orRaw(jinja, name, v, vars)));
            return out;
        }
        if (raw instanceof List<?> items) {
            List<Object> out = new ArrayList<>(items.size());
            items.forEach(item -> out.add(orRaw(jinja, name, item, vars)));
            return out;
        }
        return raw;
    }

    /** A variable's own template text rendered, tracking the chain of variables being rendered. */
    static Object text(Jinja jinja, String name, String raw, Map<String, Object> vars) {
        Deque<String> resolving = RESOLVING.get();
        if (resolving.contains(name) || resolving.size() >= MAX_NESTING) {
            List<String> chain = new ArrayList<>(resolving);
            Collections.reverse(chain);
            int from = chain.indexOf(name);
            throw new SelfReference(from < 0 ? chain : chain.subList(from, chain.size()), name);
        }
        int[] renders = NESTED_RENDERS.get();
        renders[0] = resolving.isEmpty() ? 0 : renders[0] + 1;
        if (renders[0] > MAX_NESTED_RENDERS) {
            throw new ExpressionFailure("rendering it needs more than " + MAX_NESTED_RENDERS + " variable values: do"
                    + " variables repeat or double each other? (in the value of '" + resolving.peekLast() + "')");
        }
        resolving.push(name);
        try {
            return jinja.render(raw, vars, null);
        } catch (SelfReference failure) {
            throw failure;
        } catch (ExpressionFailure failure) {
            throw failure.getMessage().contains("(in the value of") ? failure
                    : failure.withDetail(" (in the value of '" + name + "')");
        } finally {
            resolving.pop();
        }
    }
}
