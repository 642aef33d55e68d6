package io.runbook.engine.vars;

import com.github.mustachejava.Binding;
import com.github.mustachejava.Code;
import com.github.mustachejava.Iteration;
import com.github.mustachejava.TemplateContext;
import com.github.mustachejava.reflect.AbstractObjectHandler;
import com.github.mustachejava.util.Wrapper;
import java.io.Writer;
import java.util.Collection;
import java.util.List;

/**
 * Lets mustache tags hold expressions: the whole tag name ({@code clusters[0].name | upper}) is compiled by the
 * {@link Jinja} and evaluated against mustache's scope stack (a section's item first, then outwards).
 * Sections use Jinja truthiness, so an empty map or 0 hides {@code {{#x}}} too. No Java reflection is involved.
 */
final class ExpressionObjectHandler extends AbstractObjectHandler {
    private final Jinja jinja;

    ExpressionObjectHandler(Jinja jinja) {
        this.jinja = jinja;
    }

    @Override
    public Wrapper find(String name, List<Object> scopes) {
        return current -> evaluate(name, current);
    }

    /** Compiled on first use: mustache also creates bindings for comments, which are never evaluated. */
    @Override
    public Binding createBinding(String name, TemplateContext context, Code code) {
        return scopes -> evaluate(name, scopes);
    }

    private Object evaluate(String name, List<Object> scopes) {
        return jinja.evaluateInScopes(name.strip(), scopes);
    }

    @Override
    public String stringify(Object value) {
        return value == null ? "" : PyValues.str(value);
    }

    @Override
    public Writer iterate(Iteration iteration, Writer writer, Object value, List<Object> scopes) {
        if (!Truthiness.of(value)) {
            return writer;
        }
        Writer out = writer;
        if (value instanceof Collection<?> items) {
            for (Object item : items) {
                out = iteration.next(out, item, scopes);
            }
            return out;
        }
        return iteration.next(out, value, scopes);
    }

    @Override
    public Writer falsey(Iteration iteration, Writer writer, Object value, List<Object> scopes) {
        return Truthiness.of(value) ? writer : iteration.next(writer, value, scopes);
    }
}
