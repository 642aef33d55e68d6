package io.runbook.engine.vars;

import com.github.mustachejava.Code;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.codes.IterableCode;
import com.github.mustachejava.codes.ValueCode;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders values and mustache templates against variables, and renders variables whose own values are templates
 * when they are used ({@code url: "https://{{ host }}/api"}), as Ansible does. Throws {@link ExpressionFailure};
 * {@link Templar} adds the position. Thread-safe.
 */
final class TemplateRenderer {
    private static final int CACHE_LIMIT = 20_000;
    private static final int MAX_NESTING = 50;
    private static final Pattern MISMATCH = Pattern.compile("Mismatched start/end tags: (.*) != (.*)");
    private static final ThreadLocal<List<String>> RESOLVING = ThreadLocal.withInitial(ArrayList::new);

    private final ExpressionEngine engine;
    private final Map<String, Mustache> compiled = new ConcurrentHashMap<>();
    private volatile UnescapedMustacheFactory mustaches;

    TemplateRenderer(ExpressionEngine engine) {
        this.engine = engine;
    }

    /** Every string inside value rendered; a string that is one {@code {{ expr }}} becomes the typed value. */
    Object render(Object value, Map<String, Object> vars) {
        if (value instanceof String text) {
            String expression = SingleExpression.of(text);
            return expression != null ? engine.evaluate(engine.compile(expression), List.of(vars)) : text(text, vars);
        }
        if (value instanceof UnsafeMap || value instanceof UnsafeList) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k instanceof String key ? text(key, vars) : k, render(v, vars)));
            return out;
        }
        if (value instanceof List<?> items) {
            List<Object> out = new ArrayList<>(items.size());
            items.forEach(item -> out.add(render(item, vars)));
            return out;
        }
        return value;
    }

    /** A template rendered to text; values are written as {@link ValueText} says. */
    String text(String template, Map<String, Object> vars) {
        if (template == null || !template.contains("{{")) {
            return template;
        }
        String expression = SingleExpression.of(template);
        if (expression != null) {
            return ValueText.of(engine.evaluate(engine.compile(expression), List.of(vars)));
        }
        try {
            StringWriter out = new StringWriter();
            mustache(template).execute(out, (Object) vars);
            return out.toString();
        } catch (MustacheException e) {
            throw failure(e, template);
        }
    }

    /** Compiles every template and expression inside value without evaluating: finds syntax errors up front. */
    void check(Object value) {
        if (value instanceof String text && text.contains("{{")) {
            String expression = SingleExpression.of(text);
            if (expression != null) {
                engine.compile(expression);
                return;
            }
            try {
                checkTags(mustache(text).getCodes());
            } catch (MustacheException e) {
                throw failure(e, text);
            }
        } else if (value instanceof Map<?, ?> map && !(value instanceof UnsafeMap)) {
            map.forEach((k, v) -> {
                check(k);
                check(v);
            });
        } else if (value instanceof List<?> items && !(value instanceof UnsafeList)) {
            items.forEach(this::check);
        }
    }

    private void checkTags(Code[] codes) {
        if (codes == null) {
            return;
        }
        for (Code code : codes) {
            if (code instanceof ValueCode || code instanceof IterableCode) {
                engine.compile(code.getName().strip());
            }
            checkTags(code.getCodes());
        }
    }

    /** The value of variable {@code name}, itself rendered; a variable needing itself is an error, not a hang. */
    Object nested(String name, Object value, Map<String, Object> vars) {
        List<String> resolving = RESOLVING.get();
        if (resolving.contains(name) || resolving.size() >= MAX_NESTING) {
            throw new SelfReference(List.copyOf(resolving), name);
        }
        resolving.add(name);
        try {
            return render(value, vars);
        } catch (ExpressionFailure failure) {
            throw failure.withDetail(" (in the value of '" + name + "')");
        } finally {
            resolving.remove(resolving.size() - 1);
        }
    }

    private Mustache mustache(String template) {
        Mustache found = compiled.get(template);
        if (found == null) {
            found = mustaches().compile(new StringReader(template), "template");
            if (compiled.size() < CACHE_LIMIT) {
                compiled.putIfAbsent(template, found);
            }
        }
        return found;
    }

    /** Built on first use: most values are plain text or a single expression and never need mustache. */
    private UnescapedMustacheFactory mustaches() {
        UnescapedMustacheFactory built = mustaches;
        if (built == null) {
            synchronized (this) {
                if (mustaches == null) {
                    mustaches = new UnescapedMustacheFactory(engine);
                }
                built = mustaches;
            }
        }
        return built;
    }

    private static ExpressionFailure failure(MustacheException e, String template) {
        int line = e.getContext() == null ? 0 : e.getContext().line();
        String detail = template.contains("\n") && line > 0 ? " (line " + line + " of the template)" : "";
        ExpressionFailure inner = ExpressionFailure.find(e);
        if (inner != null) {
            return inner.withDetail(detail);
        }
        return new ExpressionFailure("malformed template: " + cause(e.getMessage()) + detail);
    }

    /** mustache.java's message, without its internal template name, in our words where it is cryptic. */
    private static String cause(String message) {
        String cause = message == null ? "" : message.replaceAll("\\s*@\\[[^\\]]*\\]", "")
                .replaceAll("\\s+in template:\\d+", "").strip();
        Matcher mismatch = MISMATCH.matcher(cause);
        if (mismatch.matches()) {
            return mismatch.group(1).equals("null")
                    ? "'{{/" + mismatch.group(2) + "}}' closes a section that was never opened"
                    : "section '{{#" + mismatch.group(1) + "}}' is closed by '{{/" + mismatch.group(2) + "}}'";
        }
        return cause;
    }
}
