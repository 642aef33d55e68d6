package io.runbook.engine.vars;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.jexl3.JexlBuilder;
import org.apache.commons.jexl3.JexlContext;
import org.apache.commons.jexl3.JexlEngine;
import org.apache.commons.jexl3.JexlException;
import org.apache.commons.jexl3.JexlFeatures;

/**
 * Compiles Jinja-style expressions (through {@link ExpressionTranslator}) into JEXL and evaluates them. JEXL is
 * locked down: expressions only, no assignments, loops, lambdas or {@code new}, one namespace ({@code r}), and
 * the only Java class it may call is {@link ExpressionFunctions}. Thread-safe; compiled expressions are cached.
 */
final class ExpressionEngine {
    private static final int CACHE_LIMIT = 20_000;

    private final Map<String, CompiledExpression> cache = new ConcurrentHashMap<>();
    private final TemplateRenderer templates = new TemplateRenderer(this);
    private volatile JexlEngine jexl;

    /** Renders templates, including variables whose values are templates themselves. */
    TemplateRenderer templates() {
        return templates;
    }

    /** The locked-down JEXL engine, built on first use so that creating a Templar costs nothing at start-up. */
    JexlEngine jexl() {
        JexlEngine built = jexl;
        if (built == null) {
            synchronized (this) {
                if (jexl == null) {
                    jexl = build();
                }
                built = jexl;
            }
        }
        return built;
    }

    private static JexlEngine build() {
        JexlFeatures features = JexlFeatures.createDefault()
                .script(false).sideEffect(false).sideEffectGlobal(false).loops(false).lambda(false)
                .newInstance(false).pragma(false).annotation(false).localVar(false).register(false)
                .importPragma(false).namespacePragma(false).namespaceTest("r"::equals);
        return new JexlBuilder()
                .features(features)
                .permissions(new FunctionsOnlyPermissions())
                .arithmetic(new JinjaArithmetic())
                .strict(true).silent(false).safe(false).antish(false)
                .cache(0)
                .create();
    }

    CompiledExpression compile(String source) {
        CompiledExpression compiled = cache.get(source);
        if (compiled != null) {
            return compiled;
        }
        Translation translation = ExpressionTranslator.translate(source);
        try {
            compiled = new CompiledExpression(source, jexl().createExpression(translation.jexl()), translation.paths());
        } catch (JexlException e) {
            throw new ExpressionFailure("cannot parse expression '" + source + "'" + near(e.getDetail()));
        }
        if (cache.size() < CACHE_LIMIT) {
            cache.putIfAbsent(source, compiled);
        }
        return compiled;
    }

    /** Evaluates against scopes searched from last to first. Throws {@link ExpressionFailure}. */
    Object evaluate(CompiledExpression compiled, List<Object> scopes) {
        try {
            return compiled.jexl().evaluate(new Context(new ExpressionFunctions(scopes, compiled.paths(), templates)));
        } catch (JexlException e) {
            ExpressionFailure failure = ExpressionFailure.find(e);
            if (failure != null) {
                throw failure;
            }
            throw new ExpressionFailure("cannot evaluate '" + compiled.source() + "': " + reason(e));
        }
    }

    /** Where JEXL stopped, in the user's words; nothing when the place is inside our own rewriting. */
    private static String near(String detail) {
        String near = switch (detail == null ? "" : detail.strip()) {
            case "||" -> "or";
            case "&&" -> "and";
            case "=~" -> "in";
            case "!~" -> "not in";
            default -> detail == null ? "" : detail.strip();
        };
        boolean ours = near.isEmpty() || near.matches("r|r:.*|[()\\[\\],]|\\.\\.\\.");
        return ours ? "" : " near '" + near + "'";
    }

    private static String reason(JexlException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (message.contains("null operand") || message.contains("null value")) {
            return "a value is null";
        }
        if (e instanceof JexlException.Operator || message.contains("operator")) {
            return "the operator does not apply to these values";
        }
        return "the expression cannot be evaluated for these values";
    }

    /** No variables of its own: every name goes through the functions of namespace {@code r}. */
    private record Context(ExpressionFunctions functions) implements JexlContext, JexlContext.NamespaceResolver {
        @Override
        public Object get(String name) {
            return null;
        }

        @Override
        public void set(String name, Object value) {
            throw new ExpressionFailure("expressions cannot assign variables");
        }

        @Override
        public boolean has(String name) {
            return false;
        }

        @Override
        public Object resolveNamespace(String name) {
            return "r".equals(name) ? functions : null;
        }
    }
}
