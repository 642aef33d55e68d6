package io.runbook.engine.module;

import io.runbook.engine.vars.TemplateOptions;
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

    /**
     * The variables the host is reached with: {@link #vars()} but in a delegated task, where they are the delegate's
     * connection variables (the task's templates see the host's, as Ansible's).
     */
    default Map<String, Object> connectionVars() {
        return vars();
    }

    boolean checkMode();

    boolean diffMode();

    /**
     * Whether the task has {@code no_log: true}: a module that registers file content (a diff) leaves it out, as
     * Ansible's action plugins do, since the registered value may be printed by a later task.
     */
    default boolean noLog() {
        return false;
    }

    /**
     * Whether the task runs its module as an async job (its {@code async} above 0, polled or not): Ansible then runs
     * the module under its async_wrapper, which reads the module's output its own way.
     */
    default boolean asyncJob() {
        return false;
    }

    /**
     * The folder of the file that holds the task: where files the module reads from the controller ({@code copy}'s
     * {@code src}, a chart folder) are looked for after the role's folders.
     */
    Path baseDir();

    /**
     * A file the task names on the controller that no argument marked {@code lookIn} carries (such as the script of
     * {@code script}'s free-form line), looked for as those are: along the task's search path (its role, the roles
     * that led to it, its file's folder, the playbook's folder; each one's {@code lookIn}/ first), failing the task as
     * Ansible's action does when none has it. Without a task: {@link #baseDir}'s {@code lookIn}/, then itself.
     */
    default Path controllerFile(String lookIn, String name) {
        Path given = Path.of(name);
        if (given.isAbsolute()) {
            return given;
        }
        Path inFolder = baseDir().resolve(lookIn).resolve(given).normalize();
        return java.nio.file.Files.exists(inFolder) ? inFolder : baseDir().resolve(given).normalize();
    }

    /**
     * The folder a module works in on the controller, as Ansible's local connection does: the folder of the playbook
     * file that holds the play ({@code playbook_dir}). Relative paths on the controller resolve against it, and
     * commands run there unless {@code chdir} says otherwise; over SSH they resolve against the login folder.
     */
    default Path workDir() {
        return baseDir();
    }

    /** Renders a mustache template (a {@code .mustache} file) with the host's variables (undefined variables are errors). */
    String render(String template);

    /**
     * Renders a template file's text with the host's variables: Jinja, as Ansible's template module does,
     * except for {@code .mustache} files (mustache sections whose tags hold Jinja expressions).
     */
    default String render(String template, Path source) {
        return render(template);
    }

    /**
     * As {@link #render(String, Path)}, for the template module: the template also sees Ansible's {@code template_*}
     * variables ({@code template_path}, {@code template_destpath} = dest, …) and {@code ansible_managed}.
     */
    default String render(String template, Path source, String dest) {
        return render(template, source);
    }

    /**
     * As {@link #render(String, Path, String)}, read with the template module's trim_blocks, lstrip_blocks,
     * newline_sequence and delimiters (Jinja's environment settings in Ansible).
     */
    default String render(String template, Path source, String dest, TemplateOptions options) {
        return render(template, source, dest);
    }

    Progress progress();

    /** A warning shown after the task result. */
    void warn(String message);

    /**
     * A deprecation, as an Ansible module's {@code deprecate()}: kept in the result under {@code deprecations} and shown
     * as {@code [DEPRECATION WARNING]: ...} after the result's warnings (once per run, unless deprecation_warnings is off).
     */
    default void deprecate(Deprecation deprecation) {
    }

    /**
     * A warning printed now and not registered with the result, as an Ansible action plugin's {@code display.warning}
     * (where {@link #warn} is a module's, which its result keeps under {@code warnings}): printed each time, as that
     * plugin's worker process prints it, unless the run printed the same warning itself.
     */
    default void warnNow(String message) {
        warn(message);
    }

    /** A line shown now, as an Ansible action plugin's {@code display.display} (pause's "Pausing for N seconds"). */
    default void displayNow(String text) {
    }

    /**
     * Text written now as it is, no line break added, where the run's output goes (the run's {@code terminal}): what
     * an action shows at the terminal beside its lines (pause's cleared line, its question after Ctrl-C).
     */
    default void terminal(String text) {
    }

    /**
     * The action as the task writes it when that is not the module's name ({@code kubernetes.core.helm_info}), else
     * null: for a module whose results follow the collection it is written for.
     */
    default String writtenAction() {
        return null;
    }

    /** The task's name as its banner shows it ({@code role : name}, or the action), as Ansible's {@code get_name()}. */
    default String taskName() {
        return "";
    }

    /** How many {@code -v} the run was given (what {@link #verbose} lines are shown for). */
    default int verbosity() {
        return 0;
    }

    /**
     * A line about what is done on this host, shown as {@code <host> message} from {@code -v} times {@code level} on
     * (as ansible-playbook shows what its connections do at -vvv). Redacted as any output; never put a value of a
     * {@link #noLog} task in it.
     */
    default void verbose(int level, String message) {
    }

    /** As {@link #verbose}, shown once for this run of the task on the host however often it is said. */
    default void verboseOnce(int level, String message) {
        verbose(level, message);
    }

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
     * Says that this call has now changed something, before it returns (e.g. a DNS update was sent and the module
     * goes on to wait for its propagation). The run journal keeps it, so that when the engine is killed after this
     * point and the run is resumed, the task run again counts as changed even though the change is already there.
     */
    default void madeChange() {
    }

    /**
     * Says that the module's own process is now starting (its files written to the host, as Ansible's are before
     * async_wrapper forks it): an async job's time limit counts from here, as async_wrapper's does, not from the
     * engine's preparing it. Does nothing outside an async job.
     */
    default void moduleStarted() {
    }

    /**
     * A run-scoped object shared by every task and host that asks with an equal key, created once by
     * {@code factory}, and closed at the end of the run when it is {@link AutoCloseable}. Use it for
     * long-lived clients such as one Kubernetes client per cluster.
     */
    <T> T shared(Object key, Class<T> type, Supplier<T> factory);

    /**
     * The run's scheduler, shared by every task and host: for a module that waits without holding a thread per host
     * (its pauses and deadlines are timers, its attempts run on a few threads). Made on first use, closed at the end of
     * the run.
     */
    default RunScheduler scheduler() {
        return shared(RunScheduler.class, RunScheduler.class, RunScheduler::new);
    }

    /** The task's {@code environment} keyword, rendered: variables for processes the module starts. */
    default Map<String, String> environment() {
        return Map.of();
    }

    /**
     * The run's environment, never the JVM's: what the controller's {@code ~}, a client's settings ({@code KUBECONFIG},
     * {@code SSH_AUTH_SOCK}) and processes started on the controller see (under {@link #environment}).
     */
    default io.runbook.engine.env.RunEnvironment runEnvironment() {
        return io.runbook.engine.env.RunEnvironment.EMPTY;
    }

    /** The environment of a process this task starts on the controller: {@link #environment} over {@link #runEnvironment}. */
    default Map<String, String> processEnvironment() {
        return runEnvironment().with(environment());
    }

    /**
     * The text of a file the module reads, decrypted when it is an ansible-vault file; a decrypted file's text
     * is then masked in all output (the module masks what it parses out of it, see {@link SourceFile}). A mistake — the file is missing, holds bytes
     * that are not UTF-8, or no vault password opens it — is a {@link io.runbook.engine.error.UserError} naming
     * the file, which fails the task with that message.
     */
    default SourceFile readFile(Path file) {
        SourceFile read = SourceFile.read(file);
        read.secretForms().forEach(this::secret);
        return read;
    }

    /**
     * Runs the module a task would name {@code name} with {@code args} on this context's host, as this task's own module
     * runs (its variables, check mode, environment): for an Ansible action plugin's {@code _execute_module}. Its
     * registered result (a failure among them, arguments the module refuses too).
     */
    default Map<String, Object> runModule(String name, Map<String, Object> args) throws ModuleException, InterruptedException {
        throw new ModuleException("the module " + name + " cannot be run from here");
    }

    /**
     * As {@link #runModule(String, Map)}; {@code wrapAsync} (an action plugin's {@code _execute_module(wrap_async=True)}
     * in a task that is an async job): the module's output is read as Ansible's async_wrapper reads it. The module runs
     * to its end within the task's async limit, which the engine's async job of the whole task keeps.
     */
    default Map<String, Object> runModule(String name, Map<String, Object> args, boolean wrapAsync)
            throws ModuleException, InterruptedException {
        return runModule(name, args);
    }

    /**
     * The task's {@code module_defaults} for {@code action} (a module an action runs, as Ansible's gather_facts does
     * with its facts modules: {@code get_action_args_with_defaults}), rendered; empty without any.
     */
    default Map<String, Object> moduleDefaults(String action) {
        return Map.of();
    }

    /** The task's {@code async} seconds (0 for a task that is no async job). */
    default int asyncSeconds() {
        return 0;
    }

    /** A service the application registered for this run (for example the embedded lab), if any. */
    <T> Optional<T> service(Class<T> type);
}
