package io.runbook.engine.vars;

import io.runbook.engine.error.SourcePosition;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Renders {@code {{ }}} templates with mustache.java (no HTML escaping) where every tag may hold an expression
 * with filters ({@code {{ cluster.name | upper }}}). A string that is exactly one {@code {{ expression }}} keeps
 * the expression's type, so {@code loop: "{{ clusters }}"} gives a list. Variables whose values are templates
 * are rendered when used. Thread-safe; one per run, caching compiled templates and expressions.
 */
public final class Templar {
    private final TemplateRenderer renderer;

    public Templar() {
        this(new ExpressionEngine());
    }

    Templar(ExpressionEngine engine) {
        this.renderer = engine.templates();
    }

    /** True when value is a string containing {@code {{}, or a map or list holding one (keys included). */
    public static boolean isTemplate(Object value) {
        if (value instanceof String s) {
            return s.contains("{{");
        }
        if (value instanceof UnsafeMap || value instanceof UnsafeList) {
            return false;
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
     * Marks data that must never be templated, like Ansible's "unsafe": registered results, facts, file contents.
     * Returns a read-only view of a map or list (nested values are views too); other values unchanged.
     */
    public static Object unsafe(Object value) {
        if (value instanceof UnsafeMap || value instanceof UnsafeList) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            return new UnsafeMap(map);
        }
        if (value instanceof List<?> list) {
            return new UnsafeList(list);
        }
        return value;
    }

    /**
     * Renders every string inside value (recursively through maps and lists, map keys too). A string that is
     * exactly one {@code "{{ expr }}"} returns the typed value. Values without templates are returned as they are.
     */
    public Object render(Object value, Map<String, Object> vars, SourcePosition where) {
        try {
            return renderer.render(value, vars == null ? Map.of() : vars);
        } catch (ExpressionFailure failure) {
            throw failure.at(where);
        }
    }

    /**
     * Finds malformed templates, unknown filters and unknown tests in value (recursively) without rendering it
     * and without variables, so they can be reported before anything runs. Undefined variables are only found
     * when rendering.
     */
    public void check(Object value, SourcePosition where) {
        try {
            renderer.check(value);
        } catch (ExpressionFailure failure) {
            throw failure.at(where);
        }
    }

    /** Renders a template to text; see README-vars.md for how values are written. */
    public String renderString(String template, Map<String, Object> vars, SourcePosition where) {
        try {
            return renderer.text(template, vars == null ? Map.of() : vars);
        } catch (ExpressionFailure failure) {
            throw failure.at(where);
        }
    }
}
