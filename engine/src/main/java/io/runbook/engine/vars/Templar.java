package io.runbook.engine.vars;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.error.UserError;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders Jinja templates ({@code {{ }}}, {@code {% %}}, {@code {# #}}) in values as Ansible's Templar does, on
 * Jinjava behind our Python-semantics layer. A string that is exactly one {@code {{ expression }}} keeps the
 * expression's type, so {@code loop: "{{ clusters }}"} gives a list. Variables whose values are templates are
 * rendered when used. Secret text stays secret through every operation, and every secret value a render gives
 * back is handed to the run's secret sink (its redactor). Thread-safe; one per run.
 */
public final class Templar {
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);
    final Jinja jinja;
    private final Consumer<String> secrets;
    private volatile MustacheTemplates mustaches;
    /** Where filter warnings go when no task's run on a host opened its own ({@link FilterWarnings}). */
    private volatile Consumer<String> warnings;

    public Templar() {
        this(s -> { });
    }

    /** A Templar that reports the text of every secret value it gives back to {@code secrets}. */
    public Templar(Consumer<String> secrets) {
        this(new Jinja(), secrets);
    }

    Templar(Jinja jinja, Consumer<String> secrets) {
        this.jinja = jinja;
        this.secrets = secrets;
    }

    /** Filter warnings of templates rendered outside a task's run on a host (the controller's): to {@code sink}. */
    public void warnings(Consumer<String> sink) {
        this.warnings = sink;
    }

    /**
     * The items of a {@code with_<lookup>} loop: {@code template} (its {@code lookup(…, wantlist=True)}) rendered as
     * Ansible's task executor runs the loop's lookup: a Python lookup plugin's failure is its own message, unwrapped.
     */
    public Object renderLoopLookup(String template, VarScope vars, io.runbook.engine.error.SourcePosition where) {
        return renderWhile(Lookups.LOOP, template, vars, where);
    }

    /** The lookups that live outside the engine (such as {@code k8s}), for this run. */
    public void lookups(LookupPlugin.Registry registry) {
        jinja.plugins(registry);
    }

    /** The run's environment, for {@code lookup('env', …)}, {@code expandvars} and {@code expanduser} (none unless given). */
    public void environment(io.runbook.engine.env.RunEnvironment env) {
        jinja.environment(env);
    }

    /**
     * Ansible's jinja2_native mode (DEFAULT_JINJA2_NATIVE) for this run: a template's result is read as Python's
     * {@code ast.literal_eval} reads it ({@link LiteralResults#nativeOf}), and None stays None.
     */
    public void jinja2Native(boolean on) {
        jinja.jinja2Native(on);
    }

    /** Whether this run templates in jinja2_native mode. */
    public boolean jinja2Native() {
        return jinja.jinja2Native();
    }

    /** The filters and tests of the run's Python plugins (found before the engine's own of the same name). */
    public void templatePlugins(TemplatePlugins found) {
        jinja.templatePlugins(found);
    }

    /** True when value is a string holding {@code {{}, {@code {%} or {@code {#}, or a map or list holding one. */
    public static boolean isTemplate(Object value) {
        if (value instanceof String s) {
            return Jinja.hasTemplate(s);
        }
        if (value instanceof UnsafeMap || value instanceof UnsafeList || value instanceof LazyVariables) {
            return false;
        }
        if (value instanceof Map<?, ?> map) {
            // loops, not streams: asked for every argument of every task on every host
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (isTemplate(e.getKey()) || isTemplate(e.getValue())) {
                    return true;
                }
            }
            return false;
        }
        if (value instanceof Collection<?> items) {
            for (Object item : items) {
                if (isTemplate(item)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether {@link #render} could give back anything but an equal copy of {@code value}: it holds a template or
     * secret text (which a render reports to the secret sink).
     */
    public static boolean rendersToOtherThanItself(Object value) {
        return isTemplate(value) || Secrets.isSecret(value);
    }

    /**
     * Marks data that must never be templated, like Ansible's "unsafe": registered results, facts, file contents,
     * {@code !unsafe} values. Maps and lists become read-only views; strings become {@link UnsafeText}.
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
        if (value instanceof String s && Jinja.hasTemplate(s)) {
            return new UnsafeText(s);
        }
        return value;
    }

    /**
     * As {@link #unsafe}, with text always {@link UnsafeText} ({@code {{ }}} in it or not): a value a template reads out of
     * unsafe data or a lookup gives, which {@code type_debug} names AnsibleUnsafeText as Ansible's class does.
     */
    public static Object unsafeRead(Object value) {
        return value instanceof String s ? new UnsafeText(s) : unsafe(value);
    }

    /** Whether value is data marked unsafe by {@link #unsafe}. */
    public static boolean isUnsafe(Object value) {
        return value instanceof UnsafeMap || value instanceof UnsafeList || value instanceof UnsafeText;
    }

    /**
     * Text that a filter or a string method made from unsafe data is unsafe too (Ansible's unsafe text keeps its
     * mark through {@code strip}, {@code first}, {@code replace}…); joining with {@code ~} does not keep it.
     */
    static Object keptUnsafe(Object result, Object source) {
        return result instanceof String && isUnsafe(source) ? (source instanceof UnsafeText ? unsafeRead(result) : unsafe(result)) : result;
    }

    /** Maps and lists as unsafe views; anything else as it is (inside an unsafe container, text is safe already). */
    static Object unsafeContainer(Object value) {
        return value instanceof Map<?, ?> || value instanceof List<?> ? unsafe(value) : value;
    }

    /**
     * The value with secret and unsafe text turned into plain Strings (for modules, which need Java strings);
     * every secret text met is reported to the secret sink first.
     */
    public Object plain(Object value) {
        if (value instanceof SecretText s) {
            s.pieces().forEach(secrets);
            return s.toString();
        }
        if (value instanceof CharSequence s && !(value instanceof String)) {
            return s.toString();
        }
        if (value instanceof LazyVariables) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(plain(k), plain(v)));
            return out;
        }
        if (value instanceof List<?> items) {
            List<Object> out = new ArrayList<>(items.size());
            items.forEach(i -> out.add(plain(i)));
            return out;
        }
        return value;
    }

    /** Ansible's Templar.SINGLE_VAR: a template that is one variable's name alone (Python's {@code $} allows one newline). */
    private static final Pattern SINGLE_VAR = Pattern.compile(
            "\\{\\{\\s*(\\w*)\\s*}}\n?", Pattern.UNICODE_CHARACTER_CLASS);

    /**
     * Whether a template whose value is None gives None rather than nothing: as Ansible's Templar, only when the
     * template is one variable ({@code "{{ name }}"}) whose value, as written, is None (its fast path returns that
     * value; any other template goes through Jinja, whose finalize writes None as nothing). {@code debug}'s
     * {@code var=name} is such a template.
     */
    static boolean keepsNull(String template, Map<String, Object> vars) {
        Matcher m = SINGLE_VAR.matcher(template);
        if (!m.matches() || vars == null) {
            return false;
        }
        String name = m.group(1);
        if (vars instanceof VarScope scope) {
            return scope.writtenNull(name);
        }
        return vars.containsKey(name) && vars.get(name) == null;
    }

    /**
     * Renders every string inside value (recursively through maps and lists, map keys too). A string that is
     * exactly one {@code "{{ expr }}"} returns the typed value, except None, which is '' unless {@link #keepsNull}.
     * Values without templates are returned as they are.
     */
    public Object render(Object value, Map<String, Object> vars, SourcePosition where) {
        return reported(call(where, () -> jinja.render(value, vars == null ? Map.of() : vars, baseDir(where))));
    }

    /**
     * As {@link #render}, with {@code lookup()}, {@code query()} and {@code q()} failing as Ansible's Templar fails them
     * with {@code disable_lookups} (an inventory plugin's {@code compose} and keyed group keys).
     */
    public Object renderWithoutLookups(Object value, Map<String, Object> vars, SourcePosition where) {
        return renderWhile(Lookups.DISABLED, value, vars, where);
    }

    /** As {@link #render}, with {@code flag} set on this thread meanwhile. */
    private Object renderWhile(ThreadLocal<Boolean> flag, Object value, Map<String, Object> vars, SourcePosition where) {
        boolean before = flag.get();
        flag.set(true);
        try {
            return render(value, vars, where);
        } finally {
            flag.set(before);
        }
    }

    /** Renders a template to text, as a template file is rendered. */
    public String renderString(String template, Map<String, Object> vars, SourcePosition where) {
        Object text = reported(call(where, () -> jinja.text(template, vars == null ? Map.of() : vars, baseDir(where))));
        return text == null ? null : text.toString();
    }

    /**
     * As {@link #renderString(String, Map, SourcePosition)}, for the template module: read with its options, and
     * the templates it includes or imports also looked for beside source, the template's file.
     */
    public String renderTemplateFile(String template, Path source, Map<String, Object> vars, SourcePosition where,
                                     TemplateOptions options) {
        Path folder = source == null ? null : source.toAbsolutePath().getParent();
        Object text = reported(call(where, () -> jinja.text(template, vars == null ? Map.of() : vars, baseDir(where), folder, options)));
        return text == null ? null : text.toString();
    }

    /** Renders a {@code .mustache} file: mustache sections whose tags hold Jinja expressions. */
    public String renderMustache(String template, Map<String, Object> vars, SourcePosition where) {
        MustacheTemplates m = mustaches;
        if (m == null) {
            synchronized (this) {
                if (mustaches == null) {
                    mustaches = new MustacheTemplates(jinja);
                }
                m = mustaches;
            }
        }
        MustacheTemplates engine = m;
        Object text = call(where, () -> {
            try {
                return engine.render(template, vars == null ? Map.of() : vars);
            } catch (ExpressionFailure failure) {
                throw failure.line() > 0 && template.contains("\n")
                        ? failure.withDetail(" (line " + failure.line() + " of the template)") : failure;
            }
        });
        return (String) text;
    }

    /**
     * The value of variable {@code name} whose raw value is a template, rendered with {@code vars}; a variable that
     * needs itself is an error naming the chain. Inside another render the failure is reported at that render's
     * place; on its own, at the variable.
     */
    public Object variable(String name, Object raw, Map<String, Object> vars) {
        if (DEPTH.get()[0] > 0) {
            return NestedValues.of(jinja, name, raw, vars);
        }
        return reported(call(SourcePosition.of("variable '" + name + "'"), () -> NestedValues.of(jinja, name, raw, vars)));
    }

    /**
     * The value of variable {@code name} as Ansible's {@code hostvars} gives it: rendered with {@code vars}, or as
     * written where it needs a variable that {@code vars} does not define.
     */
    public Object variableOrRaw(String name, Object raw, Map<String, Object> vars) {
        if (DEPTH.get()[0] > 0) {
            return NestedValues.orRaw(jinja, name, raw, vars);
        }
        return reported(call(SourcePosition.of("variable '" + name + "'"), () -> NestedValues.orRaw(jinja, name, raw, vars)));
    }

    /**
     * A chain of variables among vars whose templates always need each other ({@code [a, b, a]}), found without
     * rendering; empty when there is none. Such a variable fails whenever it is used.
     */
    public List<String> selfReference(Map<String, Object> vars) {
        return VarCycles.find(jinja, vars);
    }

    /**
     * Finds malformed templates, unknown tags, filters, tests and lookups in value (recursively) without rendering
     * it and without variables, so they can be reported before anything runs. Undefined variables are only found
     * when rendering.
     */
    public void check(Object value, SourcePosition where) {
        call(where, () -> {
            jinja.check(value);
            return null;
        });
    }

    Object call(SourcePosition where, java.util.function.Supplier<Object> body) {
        Consumer<String> sink = warnings;
        if (sink != null && !FilterWarnings.open()) {
            return FilterWarnings.to(sink, () -> call(where, body));
        }
        int[] depth = DEPTH.get();
        depth[0]++;
        try {
            return body.get();
        } catch (ExpressionFailure failure) {
            if (depth[0] > 1) {
                throw failure;
            }
            throw failure.at(where);
        } finally {
            depth[0]--;
        }
    }

    Object reported(Object value) {
        if (DEPTH.get()[0] == 0 && !(value instanceof LazyVariables) && Secrets.isSecret(value)) {
            report(value, 0);
        }
        return value;
    }

    private void report(Object value, int depth) {
        if (value instanceof SecretText s) {
            s.pieces().forEach(secrets);
        } else if (depth < 100 && value instanceof Map<?, ?> m && !(value instanceof LazyVariables)) {
            m.values().forEach(v -> report(v, depth + 1));
        } else if (depth < 100 && value instanceof Collection<?> c) {
            c.forEach(v -> report(v, depth + 1));
        }
    }

    static Path baseDir(SourcePosition where) {
        if (where == null || !where.hasLine() || where.file() == null) {
            return null;
        }
        Path parent = where.file().toAbsolutePath().getParent();
        return parent;
    }

    /** For callers that need a failure outside a render to look like one. */
    static UserError error(SourcePosition where, String message) {
        return new UserError(where, message);
    }
}
