package io.runbook.engine.vars;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The run's Jinja: the caches of compiled templates (scanned by Jinjava, {@link Template}) and expressions, shared by
 * every fork. Renders values the way Ansible's Templar does, with our
 * Python semantics ({@link Evaluator}) and strict undefined. Thread-safe.
 */
final class Jinja {
    /** The most text one template, value or string operation may produce: a self-doubling template fails fast. */
    static final int MAX_TEXT = 4 * 1024 * 1024;
    private static final int CACHE_LIMIT = 20_000;

    private final Template templates;
    private final Template taskTemplates;
    private final Map<String, List<TNode>> compiled = new ConcurrentHashMap<>();
    private final Map<String, List<TNode>> compiledTasks = new ConcurrentHashMap<>();
    private final Map<String, Ast> expressions = new ConcurrentHashMap<>();
    /** Templates read with other options than the defaults (the template module's arguments), per options. */
    private final Map<TemplateOptions, Map<String, List<TNode>>> compiledWith = new ConcurrentHashMap<>();
    private volatile LookupPlugin.Registry plugins = LookupPlugin.Registry.NONE;
    private volatile TemplatePlugins templatePlugins = TemplatePlugins.NONE;
    private volatile io.runbook.engine.env.RunEnvironment environment = io.runbook.engine.env.RunEnvironment.EMPTY;
    /** Ansible's jinja2_native mode: results read as {@link LiteralResults#nativeOf} reads them. */
    private volatile boolean nativeMode;

    Jinja() {
        this.templates = new Template(false);
        this.taskTemplates = new Template(true);
    }

    void plugins(LookupPlugin.Registry registry) {
        this.plugins = registry == null ? LookupPlugin.Registry.NONE : registry;
    }

    void templatePlugins(TemplatePlugins found) {
        this.templatePlugins = found == null ? TemplatePlugins.NONE : found;
    }

    void environment(io.runbook.engine.env.RunEnvironment env) {
        this.environment = env == null ? io.runbook.engine.env.RunEnvironment.EMPTY : env;
    }

    /** The run's environment: what {@code lookup('env', …)}, {@code expandvars} and {@code expanduser} read. */
    io.runbook.engine.env.RunEnvironment environment() {
        return environment;
    }

    void jinja2Native(boolean on) {
        this.nativeMode = on;
    }

    boolean jinja2Native() {
        return nativeMode;
    }

    TemplatePlugins templatePlugins() {
        return templatePlugins;
    }

    static boolean hasTemplate(String s) {
        return s.contains("{{") || s.contains("{%") || s.contains("{#");
    }

    /**
     * Every string inside value rendered; a string that is exactly one {@code {{ expr }}} keeps the value's type, but
     * None only for a variable written alone ({@link Templar#keepsNull}).
     */
    Object render(Object value, Map<String, Object> vars, Path baseDir) {
        if (value instanceof String text) {
            if (!hasTemplate(text)) {
                return text;
            }
            return renderText(text, new Frame(this, vars, baseDir));
        }
        if (value instanceof UnsafeMap || value instanceof UnsafeList || value instanceof LazyVariables) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k instanceof String key ? render(key, vars, baseDir) : k, render(v, vars, baseDir)));
            return out;
        }
        if (value instanceof List<?> items) {
            List<Object> out = new ArrayList<>(items.size());
            items.forEach(item -> out.add(render(item, vars, baseDir)));
            return out;
        }
        return value;
    }

    private Object renderText(String text, Frame frame) {
        return Concat.task(() -> renderTaskText(text, frame));
    }

    private Object renderTaskText(String text, Frame frame) {
        List<TNode> nodes = compileTask(text);
        Object out;
        if (nodes.size() == 1 && nodes.get(0) instanceof TNode.Output o) {
            boolean keepsText = LiteralResults.keepsText(o.expr());
            if (keepsText) {
                frame.trackAnsibleUnsafe();  // a string filter's text read from unsafe data is NativeJinjaUnsafeText
            }
            Object result = LazyData.materialize(defined(Evaluator.output(o.expr(), frame)));
            if (result == null && !nativeMode && !Templar.keepsNull(text, frame.vars())) {
                result = "";  // None is nothing (Ansible's finalize), unless the template is one variable that holds None
            }
            Object read = keepsText || NativeText.is(result) ? NativeText.kept(result, frame) : read(result);
            // "{{ text }}\n": the newline Jinja drops comes back, as Ansible's preserve_trailing_newlines does
            out = read instanceof CharSequence t ? TrailingNewlines.kept(t, text) : read;
        } else {
            out = read(LazyData.materialize(text(text, nodes, frame, true)));
        }
        if (!nativeMode) {
            out = LiteralResults.tuplesAsLists(out);  // jinja2_native keeps a result's tuples (until it is a task's result)
        }
        return frame.hasReadUnsafe() ? UnsafeWalk.kept(out) : out;
    }

    /** A template's result read as data: as jinja2_native does in that mode, else as ansible-playbook's default. */
    private Object read(Object result) {
        return nativeMode ? LiteralResults.nativeOf(result) : LiteralResults.of(result);
    }

    /**
     * A condition written with {@code {{ }}} rendered as {@link #render} does, except that text Ansible's Templar would
     * mark unsafe comes back as {@link UnsafeText} (numbers as their text, which Ansible's concat gives): a variable
     * holding unsafe data was read, a lookup gave something, or an output was unsafe text. A boolean, list or mapping
     * stays as it is, as Ansible's literal_eval of {@code True}, {@code [..]} or {@code {..}} keeps no mark.
     */
    Object renderCondition(String text, Map<String, Object> vars, Path baseDir) {
        if (!hasTemplate(text)) {
            return text;
        }
        Frame frame = new Frame(this, vars, baseDir);
        frame.trackAnsibleUnsafe();
        Object out = renderText(text, frame);
        if (!frame.isMarkedUnsafe() || out instanceof Boolean) {
            return out;
        }
        if (out instanceof CharSequence || out instanceof Number) {
            return new UnsafeText(PyValues.str(out));
        }
        return out;
    }

    /** A template rendered to text (String, or SecretText when a secret went into it). */
    Object text(String template, Map<String, Object> vars, Path baseDir) {
        if (!template.startsWith("#jinja2:")) {
            return hasTemplate(template) ? text(template, compile(template), new Frame(this, vars, baseDir), false) : template;
        }
        return rendered(Delimiters.withOverrides(template, TemplateOptions.DEFAULT), new Frame(this, vars, baseDir));
    }

    /**
     * A template file in templateDir rendered to text with the template module's options: its delimiters translated to Jinja's,
     * read with its trim_blocks, lstrip_blocks and newline_sequence, each unless its own {@code #jinja2:} line sets it.
     */
    Object text(String template, Map<String, Object> vars, Path baseDir, Path templateDir, TemplateOptions options) {
        if (template.indexOf('\r') >= 0) {
            // as Jinja's lexer: every newline of the source (\r\n, \r) is read as \n first; the text is then written
            // with newline_sequence (a CRLF template renders with \n by default, its block tags trimmed as any)
            template = template.replace("\r\n", "\n").replace('\r', '\n');
        }
        Delimiters.Overridden read = Delimiters.withOverrides(template, options);
        // the template module's templar: Ansible's non-native environment, whose concat is ansible_concat unless the
        // run is jinja2_native (then its own, ansible_eval_concat)
        return Concat.with(nativeMode ? Concat.EVAL : Concat.TEXT, () -> rendered(read, new Frame(this, vars, baseDir, templateDir)));
    }

    private Object rendered(Delimiters.Overridden read, Frame frame) {
        String source = read.source();
        TemplateOptions options = read.options();
        if (!hasTemplate(source)) {
            return options.isDefault() ? source : source.replace("\n", options.newlineSequence());
        }
        if (options.isDefault()) {
            return text(source, compile(source), frame, false);
        }
        Map<String, List<TNode>> cache = compiledWith.computeIfAbsent(options, o -> new ConcurrentHashMap<>());
        Template compiler = new Template(false, options);
        return text(source, compile(source, compiler, cache), frame, false, options.newlineSequence());
    }

    /**
     * The template's output; native (a task argument): the value itself when the template wrote one value and no
     * text. Text keeps as many trailing newlines as the template has (Ansible's preserve_trailing_newlines).
     */
    private Object text(String template, List<TNode> nodes, Frame frame, boolean nativeTypes) {
        return text(template, nodes, frame, nativeTypes, "\n");
    }

    private Object text(String template, List<TNode> nodes, Frame frame, boolean nativeTypes, String newline) {
        Output out = new Output(this, nativeTypes && nativeMode);
        try {
            Renderer.render(nodes, frame, out);
        } catch (ExpressionFailure failure) {
            throw located(failure, template);
        }
        Object result = nativeTypes ? out.nativeResult() : out.result();
        return result instanceof CharSequence text ? TrailingNewlines.kept(text, template, newline) : result;
    }

    /** The value of a bare expression ({@code when:}), or of one wrapped in {@code {{ }}}. */
    Object evaluate(String expression, Map<String, Object> vars, Path baseDir) {
        return LazyData.materialize(defined(Evaluator.eval(expression(expression), new Frame(this, vars, baseDir))));
    }

    /**
     * An expression in a mustache tag, against mustache's scopes (a section's item first, then outwards);
     * {@code .} is the innermost item itself.
     */
    @SuppressWarnings("unchecked")
    Object evaluateInScopes(String expression, List<Object> scopes) {
        Object outer = scopes.isEmpty() ? Map.of() : scopes.get(0);
        Frame frame = new Frame(this, outer instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of(), null);
        for (int i = 1; i < scopes.size(); i++) {
            frame = frame.child();
            if (scopes.get(i) instanceof Map<?, ?> item) {
                for (Map.Entry<?, ?> e : item.entrySet()) {
                    frame.set(String.valueOf(e.getKey()), e.getValue());
                }
            }
        }
        if (expression.equals(".")) {
            return scopes.isEmpty() ? null : scopes.get(scopes.size() - 1);
        }
        return defined(Evaluator.eval(expression(expression), frame));
    }

    private static Object defined(Object value) {
        if (value == Undefined.EMPTY) {
            return "";
        }
        if (value instanceof Undefined u) {
            throw u.failure();
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            noUndefinedInside(value, 0);
        }
        return value;
    }

    /** A list or dict a template made may hold an undefined value ([1, missing]): it fails when it leaves templating. */
    private static void noUndefinedInside(Object value, int depth) {
        if (value instanceof Undefined u && !u.lenient()) {
            throw u.failure();
        }
        if (depth > 100 || value instanceof LazyVariables || value instanceof UnsafeMap || value instanceof UnsafeList) {
            return;
        }
        if (value instanceof Map<?, ?> m) {
            for (Object v : m.values()) {
                noUndefinedInside(v, depth + 1);
            }
        } else if (value instanceof List<?> l) {
            for (Object v : l) {
                noUndefinedInside(v, depth + 1);
            }
        }
    }

    Ast expression(String source) {
        Ast found = expressions.get(source);
        if (found == null) {
            found = Template.expression(source);
            if (expressions.size() < CACHE_LIMIT) {
                expressions.putIfAbsent(source, found);
            }
        }
        return found;
    }

    /** A template as the template module and includes read it. */
    List<TNode> compile(String template) {
        return compile(template, templates, compiled);
    }

    /**
     * A template in a task argument or variable: as Ansible does there, a backslash in a string literal inside
     * {@code {{ }}} is just a backslash ({@code {{ 'C:\\dir' }}}, {@code regex_replace('(a)', '\\1')}).
     */
    List<TNode> compileTask(String template) {
        return compile(template, taskTemplates, compiledTasks);
    }

    private static List<TNode> compile(String template, Template compiler, Map<String, List<TNode>> cache) {
        List<TNode> found = cache.get(template);
        if (found == null) {
            try {
                found = compiler.compile(template);
            } catch (ExpressionFailure failure) {
                throw located(failure, template);
            }
            if (cache.size() < CACHE_LIMIT) {
                cache.putIfAbsent(template, found);
            }
        }
        return found;
    }

    private static ExpressionFailure located(ExpressionFailure failure, String template) {
        if (failure.line() > 0 && template.contains("\n") && !(failure instanceof SelfReference)
                && !failure.getMessage().contains(" of the template)")) {
            return failure.withDetail(" (line " + failure.line() + " of the template)");
        }
        return failure;
    }

    /** Syntax, unknown tags, filters and tests of every template in value, without rendering. */
    void check(Object value) {
        if (value instanceof String text && hasTemplate(text)) {
            try {
                new StaticCheck(this).nodes(compileTask(text));
            } catch (ExpressionFailure failure) {
                throw located(failure, text);
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

    void checkExpression(String expression) {
        new StaticCheck(this).expression(expression(expression));
    }

    void checkLength(long length) {
        limit(length);
    }

    /** Refuses text (or a value written as text) longer than {@link #MAX_TEXT}: a template that doubles itself. */
    static void limit(long length) {
        if (length > MAX_TEXT) {
            throw new ExpressionFailure("the result is too large (more than " + MAX_TEXT + " characters): does a"
                    + " template repeat or double itself?");
        }
    }

    /** A template included or imported by another, found as {@link IncludedTemplates#find} finds it, or null. */
    List<TNode> load(String name, Frame frame, boolean ignoreMissing) {
        Path file = IncludedTemplates.find(name, frame.baseDir, frame.templateDir, ignoreMissing);
        return file == null ? null : compile(Lookups.read(file));
    }

    /**
     * A template file rendered with vars (the template lookup): its own delimiters when the options give some, and its
     * text read as data as Ansible reads it unless {@code convert_data=False}.
     */
    Object renderFile(Path file, Map<String, Object> vars, Map<String, Object> options) {
        Object extra = options.get("template_vars");
        if (extra instanceof Map<?, ?> more && !more.isEmpty()) {
            Map<String, Object> all = new LinkedHashMap<>(vars);
            more.forEach((k, v) -> all.put(String.valueOf(k), v));
            vars = all;
        }
        boolean convert = !options.containsKey("convert_data") || PyValues.truthy(options.get("convert_data"));
        boolean own = PyValues.truthy(options.get("jinja2_native"));
        Map<String, Object> all = vars;
        Object text = Concat.with(Concat.ofTemplateLookup(convert, nativeMode, own), () -> text(
                Delimiters.translate(Lookups.decrypted(file, Lookups.read(file)), options), all, file.toAbsolutePath().getParent()));
        return LiteralResults.ofTemplateLookup(text, convert, nativeMode, own);
    }

    List<Object> pluginLookup(String name, List<Object> terms, Map<String, Object> options, Frame frame) {
        LookupPlugin plugin = plugins.find(name);
        if (plugin == null) {
            throw new ExpressionFailure("lookup '" + name + "' is not available in this run");
        }
        try {
            return plugin.run(terms, options, plugins.context(frame.vars()));
        } catch (ExpressionFailure | io.runbook.engine.error.UserError | LookupPlugin.InAnsible e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExpressionFailure("lookup '" + name + "' was interrupted");
        } catch (Exception e) {
            throw new ExpressionFailure(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }
}
