package io.runbook.engine.module;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a module sees while it runs on one host. Given by the engine; never null.
 */
public interface ModuleContext {
    /** The validated, coerced arguments. */
    Args args();

    /** The inventory name of the host the task runs for. */
    String host();

    /** Every variable visible to the task on this host (inventory, play, task, registered, extra vars). */
    Map<String, Object> vars();

    boolean checkMode();

    boolean diffMode();

    /** The folder of the file that holds the task: relative paths resolve against it. */
    Path baseDir();

    /** Renders a mustache template (a {@code .mustache} file) with the host's variables (undefined variables are errors). */
    String render(String template);

    /**
     * Renders a template file's text with the host's variables: Jinja, as Ansible's template module does,
     * except for {@code .mustache} files (mustache sections whose tags hold Jinja expressions).
     */
    default String render(String template, Path source) {
        return render(template);
    }

    Progress progress();

    /** A warning shown after the task result. */
    void warn(String message);

    /** Registers a secret value: it is replaced by {@code ********} in every output, log and report. */
    void secret(String value);

    /**
     * A secret value for a module's result (a Secret's data, a generated password): registered as {@link #secret}
     * and typed as secret, so that whatever a template makes of it ({@code | b64decode}, {@code | upper},
     * concatenation) stays secret too.
     */
    default CharSequence secretText(String value) {
        secret(value);
        return new io.runbook.engine.vars.SecretText(value);
    }

    /**
     * A run-scoped object shared by every task and host that asks with an equal key, created once by
     * {@code factory}, and closed at the end of the run when it is {@link AutoCloseable}. Use it for
     * long-lived clients such as one Kubernetes client per cluster.
     */
    <T> T shared(Object key, Class<T> type, Supplier<T> factory);

    /** The task's {@code environment} keyword, rendered: variables for processes the module starts. */
    default Map<String, String> environment() {
        return Map.of();
    }

    /** A service the application registered for this run (for example the embedded lab), if any. */
    <T> Optional<T> service(Class<T> type);
}
