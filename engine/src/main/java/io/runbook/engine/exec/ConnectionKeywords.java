package io.runbook.engine.exec;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import io.runbook.engine.playbook.TemplatedKeyword;
import io.runbook.engine.vars.Templar;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A task's connection keywords ({@code become}, {@code remote_user}, ...) as the variables they stand for, with the
 * ones written as templates ({@link TemplatedKeyword}) rendered as Ansible does: one that renders to {@code omit}
 * takes the value of the level above (a play's {@code become: yes} under a task's {@code become: '{{ omit }}'}), or
 * is not set when no level above sets it.
 */
final class ConnectionKeywords {
    private ConnectionKeywords() {
    }

    /** Whether any keyword is a template (only then is there anything to render). */
    static boolean templated(Map<String, Object> keywords) {
        if (keywords.isEmpty()) {
            return false;
        }
        for (Object v : keywords.values()) {
            if (v instanceof TemplatedKeyword) {
                return true;
            }
        }
        return false;
    }

    /** The keywords with every template as its text, rendered later like any variable's template. */
    static Map<String, Object> written(Map<String, Object> keywords) {
        if (!templated(keywords)) {
            return keywords;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        keywords.forEach((k, v) -> out.put(k, v instanceof TemplatedKeyword t ? t.template() : v));
        return out;
    }

    /**
     * The keywords with every template rendered by {@code render} (the task's variables): omit falls back to the level
     * above. A template that cannot be rendered here is kept as its text, to fail where the keyword is used, as before.
     */
    static Map<String, Object> resolved(Map<String, Object> keywords, Function<String, Object> render) {
        if (!templated(keywords)) {
            return keywords;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        keywords.forEach((k, v) -> {
            Object value = v;
            while (value instanceof TemplatedKeyword t) {
                Object rendered;
                try {
                    rendered = render.apply(t.template());
                } catch (UserError e) {
                    rendered = t.template();
                }
                value = CallInputs.OMIT.equals(rendered) ? t.inherited() : rendered;
            }
            if (value != null) {
                out.put(k, value);
            }
        });
        return out;
    }

    /** {@link #resolved} with {@code vars} rendering the templates. */
    static Map<String, Object> resolved(Map<String, Object> keywords, Templar templar, Map<String, Object> vars) {
        return resolved(keywords, template -> templar.render(template, vars, SourcePosition.of("connection keyword")));
    }
}
