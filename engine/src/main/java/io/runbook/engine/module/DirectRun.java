package io.runbook.engine.module;

import io.runbook.engine.error.SourcePosition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs one module outside a playbook, with arguments given as a map: for module tests and for embedding.
 * Arguments are validated and coerced exactly as in a playbook run. Shared objects live until
 * {@link #close()}.
 */
public final class DirectRun implements AutoCloseable {
    private final Module module;
    private Map<Object, Object> shared = new ConcurrentHashMap<>();
    private final Map<Class<?>, Object> services = new HashMap<>();
    private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    private final List<Deprecation> deprecations = Collections.synchronizedList(new ArrayList<>());
    private final List<String> secrets = Collections.synchronizedList(new ArrayList<>());
    private final List<String> progressLines = Collections.synchronizedList(new ArrayList<>());
    private String host = "localhost";
    private Map<String, Object> vars = Map.of();
    private boolean check;
    private boolean diff;
    private boolean noLog;
    private Path baseDir = Path.of("").toAbsolutePath();
    private Path workDir;
    private Function<String, String> renderer = DirectRun::literalOnly;
    /**
     * The JVM's environment unless {@link #environment} gives one: a direct run embeds one module in this process, as
     * a process-level entry point (the CLI's Main is the other) it starts from the process's environment.
     */
    private io.runbook.engine.env.RunEnvironment environment = io.runbook.engine.env.RunEnvironment.of(System.getenv());

    private DirectRun(Module module) {
        this.module = module;
    }

    public static DirectRun of(Module module) {
        return new DirectRun(module);
    }

    public DirectRun host(String name) {
        this.host = name;
        return this;
    }

    public DirectRun vars(Map<String, Object> values) {
        this.vars = Map.copyOf(values);
        return this;
    }

    public DirectRun check(boolean on) {
        this.check = on;
        return this;
    }

    public DirectRun diff(boolean on) {
        this.diff = on;
        return this;
    }

    /** Runs as a task with {@code no_log: true}. */
    public DirectRun noLog(boolean on) {
        this.noLog = on;
        return this;
    }

    public DirectRun baseDir(Path dir) {
        this.baseDir = dir;
        return this;
    }

    /** The playbook's folder ({@link ModuleContext#workDir}); the base folder unless set. */
    public DirectRun workDir(Path dir) {
        this.workDir = dir;
        return this;
    }

    /** The run's environment the module sees ({@link ModuleContext#runEnvironment}). */
    public DirectRun environment(io.runbook.engine.env.RunEnvironment env) {
        this.environment = env;
        return this;
    }

    public DirectRun renderer(Function<String, String> render) {
        this.renderer = render;
        return this;
    }

    /**
     * Shares run-scoped objects (such as a host's connection) with other direct runs that are given the same
     * map, as the tasks of one playbook run share them; the caller closes them.
     */
    public DirectRun sharing(Map<Object, Object> resources) {
        this.shared = resources;
        return this;
    }

    public <T> DirectRun service(Class<T> type, T instance) {
        services.put(type, instance);
        return this;
    }

    /**
     * Runs the module once with these arguments (validated as in a playbook); a {@link Result#later} result is waited
     * for here.
     */
    public Result run(Map<String, Object> rawArgs) throws ModuleException, InterruptedException {
        return start(rawArgs).join();
    }

    /** As {@link #run}, but returns the result as the module gave it: a {@link Result#later} one is not waited for. */
    public Result start(Map<String, Object> rawArgs) throws ModuleException, InterruptedException {
        SourcePosition where = SourcePosition.of("<direct>");
        Args args = ArgValidator.coerce(module.name(), module.spec(), new LinkedHashMap<>(rawArgs), Map.of(), where, baseDir,
                io.runbook.engine.vars.HomeDir.of(environment));
        module.spec().args().stream().filter(Arg::isSecret)
                .map(a -> args.raw(a.name())).filter(v -> v != null).forEach(v -> secrets.add(String.valueOf(v)));
        return module.run(new Context(args));
    }

    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    public List<Deprecation> deprecations() {
        return List.copyOf(deprecations);
    }

    public List<String> secrets() {
        return List.copyOf(secrets);
    }

    public List<String> progressLines() {
        return List.copyOf(progressLines);
    }

    @Override
    public void close() {
        for (Object o : shared.values()) {
            if (o instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // closing at the end of a run: nothing left to report it to
                }
            }
        }
        shared.clear();
    }

    private static String literalOnly(String template) {
        if (template.contains("{{")) {
            throw new IllegalStateException("DirectRun has no renderer for templates; set one with renderer()");
        }
        return template;
    }

    private final class Context implements ModuleContext {
        private final Args args;

        Context(Args args) {
            this.args = args;
        }

        @Override
        public Args args() {
            return args;
        }

        @Override
        public String host() {
            return host;
        }

        @Override
        public Map<String, Object> vars() {
            return vars;
        }

        @Override
        public io.runbook.engine.env.RunEnvironment runEnvironment() {
            return environment;
        }

        @Override
        public boolean checkMode() {
            return check;
        }

        @Override
        public boolean diffMode() {
            return diff;
        }

        @Override
        public boolean noLog() {
            return noLog;
        }

        @Override
        public Path baseDir() {
            return baseDir;
        }

        @Override
        public Path workDir() {
            return workDir != null ? workDir : baseDir;
        }

        @Override
        public String render(String template) {
            return renderer.apply(template);
        }

        @Override
        public Progress progress() {
            return new Progress() {
                @Override
                public void update(String status) {
                    progressLines.add(status);
                }

                @Override
                public void line(String text) {
                    progressLines.add(text);
                }
            };
        }

        @Override
        public void warn(String message) {
            warnings.add(message);
        }

        @Override
        public void deprecate(Deprecation deprecation) {
            deprecations.add(deprecation);
        }

        @Override
        public void secret(String value) {
            secrets.add(value);
        }

        @Override
        public <T> T shared(Object key, Class<T> type, Supplier<T> factory) {
            return type.cast(shared.computeIfAbsent(key, k -> factory.get()));
        }

        @Override
        public <T> Optional<T> service(Class<T> type) {
            return Optional.ofNullable(type.cast(services.get(type)));
        }
    }
}
