package io.runbook.engine.vars;

import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code .mustache} files: mustache.java sections ({@code {{#items}}…{{/items}}}) whose tags hold Jinja expressions
 * ({@code {{ metadata.name | upper }}}), with no HTML escaping and no partials.
 */
final class MustacheTemplates {
    private static final int CACHE_LIMIT = 2_000;
    private final Map<String, Mustache> compiled = new ConcurrentHashMap<>();
    private final UnescapedMustacheFactory factory;

    MustacheTemplates(Jinja jinja) {
        this.factory = new UnescapedMustacheFactory(jinja);
    }

    String render(String template, Map<String, Object> vars) {
        try {
            StringWriter out = new StringWriter();
            mustache(template).execute(out, (Object) vars);
            return out.toString();
        } catch (MustacheException e) {
            int line = e.getContext() == null ? 0 : e.getContext().line();
            ExpressionFailure inner = ExpressionFailure.find(e);
            if (inner != null) {
                throw inner.withLine(line);
            }
            String cause = e.getMessage() == null ? "" : e.getMessage().replaceAll("\\s*@\\[[^\\]]*\\]", "")
                    .replaceAll("\\s+in template:\\d+", "").strip();
            throw new ExpressionFailure("malformed mustache template: " + cause).withLine(line);
        }
    }

    private Mustache mustache(String template) {
        Mustache found = compiled.get(template);
        if (found == null) {
            found = factory.compile(new StringReader(template), "template");
            if (compiled.size() < CACHE_LIMIT) {
                compiled.putIfAbsent(template, found);
            }
        }
        return found;
    }
}
