package io.runbook.engine.vars;

import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders {@code {{ }}} templates with mustache.java (no HTML escaping) where every tag may hold an expression
 * with filters ({@code {{ cluster.name | upper }}}). A string that is exactly one {@code {{ expression }}} keeps
 * the expression's type, so {@code loop: "{{ clusters }}"} gives a list. Thread-safe; one per run, caching
 * compiled templates and expressions.
 */
public final class Templar {
    private static final int CACHE_LIMIT = 20_000;

    private final ExpressionEngine engine;
    private final UnescapedMustacheFactory mustaches;
    private final Map<String, Mustache> compiled = new ConcurrentHashMap<>();

    public Templar() {
        this(new ExpressionEngine());
    }

    Templar(ExpressionEngine engine) {
        this.engine = engine;
        this.mustaches = new UnescapedMustacheFactory(engine);
    }

    /** True when value is a string containing {@code {{}, or a map or list holding one (keys included). */
    public static boolean isTemplate(Object value) {
        if (value instanceof String s) {
            return s.contains("{{");
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().anyMatch(e -> isTemplate(e.getKey()) || isTemplate(e.getValue()));
        }
        if (value instanceof Collection<?> items) {
            return items.stream().anyMatch(Templar::isTemplate);
        }
        return false;
    }

    /**
     * Renders every string inside value (recursively through maps and lists, map keys too). A string that is
     * exactly one {@code "{{ expr }}"} returns the typed value. Values without templates are returned as they are.
     */
    public Object render(Object value, Map<String, Object> vars, SourcePosition where) {
        if (value instanceof String text) {
            String expression = SingleExpression.of(text);
            return expression != null ? evaluate(expression, vars, where) : renderString(text, vars, where);
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k instanceof String key ? renderString(key, vars, where) : k,
                    render(v, vars, where)));
            return out;
        }
        if (value instanceof List<?> items) {
            List<Object> out = new ArrayList<>(items.size());
            items.forEach(item -> out.add(render(item, vars, where)));
            return out;
        }
        return value;
    }

    /** Renders a template to text; see README-vars.md for how values are written. */
    public String renderString(String template, Map<String, Object> vars, SourcePosition where) {
        if (template == null || !template.contains("{{")) {
            return template;
        }
        String expression = SingleExpression.of(template);
        if (expression != null) {
            return ValueText.of(evaluate(expression, vars, where));
        }
        try {
            StringWriter out = new StringWriter();
            mustache(template).execute(out, (Object) vars);
            return out.toString();
        } catch (MustacheException e) {
            throw templateError(e, template, where);
        } catch (ExpressionFailure failure) {
            throw failure.at(where);
        }
    }

    private Object evaluate(String expression, Map<String, Object> vars, SourcePosition where) {
        try {
            return engine.evaluate(engine.compile(expression), List.of(vars));
        } catch (ExpressionFailure failure) {
            throw failure.at(where);
        }
    }

    private Mustache mustache(String template) {
        Mustache found = compiled.get(template);
        if (found == null) {
            found = mustaches.compile(new StringReader(template), "template");
            if (compiled.size() < CACHE_LIMIT) {
                compiled.putIfAbsent(template, found);
            }
        }
        return found;
    }

    private static UserError templateError(MustacheException e, String template, SourcePosition where) {
        int line = e.getContext() == null ? 0 : e.getContext().line();
        String detail = template.contains("\n") && line > 0 ? " (line " + line + " of the template)" : "";
        ExpressionFailure failure = ExpressionFailure.find(e);
        if (failure != null) {
            return failure.at(where, detail);
        }
        String cause = e.getMessage() == null ? "" : e.getMessage().replaceAll("\\s*@\\[[^\\]]*\\]", "").strip();
        return new UserError(where, "malformed template: " + cause + detail);
    }
}
