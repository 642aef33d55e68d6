package io.runbook.engine.module;

/**
 * A built-in or third-party action a task can call, listed as for {@link java.util.ServiceLoader} in
 * {@code META-INF/services/io.runbook.engine.module.Module}: a line {@code com.example.MyModule # my_module} (the class,
 * then its {@link #name()} as a comment) lets the engine create it only when a task calls it ({@link ModuleRegistry}).
 *
 * <p>Contract: {@link #run} is called once per host and loop item, possibly from many threads at once, so
 * implementations keep no per-run state in fields; long-lived clients come from
 * {@link ModuleContext#shared}. In check mode a module predicts and changes nothing, returning the same
 * result shape a real run would; a module that cannot predict returns {@link #supportsCheckMode()} false
 * and is skipped. Secret values are registered with {@link ModuleContext#secret} before they can reach a
 * message or a diff.
 */
public interface Module {
    /** The short name used in playbooks, such as {@code k8s_apply}. */
    String name();

    /** The arguments; drives validation, documentation and editor schemas. */
    ArgSpec spec();

    /**
     * Runs the action. Never returns null. A module whose last part is only a wait for something it watches may return
     * {@link Result#later}: the host's fork goes to the next host meanwhile (see there for the contract).
     */
    Result run(ModuleContext ctx) throws ModuleException, InterruptedException;

    /**
     * Checks, when the playbook is read and before anything runs, what the written arguments already tell
     * (their names and types are checked by the spec): for example that a manifest file named literally holds
     * manifests. Throws {@link io.runbook.engine.error.UserError} with the place. Does nothing by default.
     */
    default void checkWritten(WrittenArgs args) {
    }

    /**
     * Whether the task runs once for the batch, on its first host, rather than once per host (Ansible's
     * {@code BYPASS_HOST_LOOP}: {@code add_host}, {@code pause}); without {@code run_once} only that host gets the result.
     */
    default boolean bypassesHostLoop() {
        return false;
    }

    /**
     * Whether the module runs with the host's Python (as every Ansible module the engine's own modules stand for): an
     * action plugin's {@code _execute_module} discovers the host's Python for it; not for a script module of another
     * language (a {@code library/} shell script), as Ansible's.
     */
    default boolean runsWithPython() {
        return true;
    }

    /**
     * Whether this run of the module is an action that only calls other modules through
     * {@link ModuleContext#runModule} (which discover the host's Python for themselves, each as it needs), as an Ansible
     * action plugin that runs no module of its own: the engine then discovers nothing before it runs.
     */
    default boolean onlyCallsModules(ModuleContext ctx) {
        return false;
    }

    /**
     * The arguments as the module's result echoes them ({@code invocation.module_args}, as the Ansible module it stands
     * for gives them): by default every argument of its spec, after defaults ({@link ArgsEcho#moduleArgs}). Not asked for
     * an action that runs no module of its own ({@code debug}, {@code raw}, {@code fetch}: their results echo nothing).
     */
    default java.util.Map<String, Object> echoedArgs(Args args) {
        return ArgsEcho.moduleArgs(name(), spec(), args);
    }

    /**
     * As {@link #echoedArgs(Args)}, for a module whose echo depends on what it did, as an Ansible action plugin's that
     * runs another module ({@code copy}: the file module's arguments when nothing changed).
     */
    default java.util.Map<String, Object> echoedArgs(Args args, java.util.Map<String, Object> result) {
        return echoedArgs(args);
    }

    /** Whether {@link #run} can predict in check mode; otherwise the engine skips the task there. */
    default boolean supportsCheckMode() {
        return true;
    }

    /**
     * For a module that does not {@link #supportsCheckMode() support check mode} and stands for an Ansible action
     * plugin that refuses it (AnsibleActionSkip): that plugin's {@code msg}, and the skipped result is registered as
     * Ansible registers such a skip ({@code changed}, {@code skipped}, {@code msg}; no {@code failed}). Null by default:
     * the engine's own words, registered as a module's skip. Empty: the action skips without a message, as Ansible's
     * {@code raw} does in check mode.
     */
    default String checkModeSkipMessage() {
        return null;
    }

    /** One line for {@code engine.jar modules}. */
    default String description() {
        return "";
    }

    /**
     * What the module's reference page says beyond {@link #spec()} (results, examples, check mode and diff):
     * by default the resource {@code NAME.doc.yml} beside the class, see {@link ModuleDoc}.
     */
    default ModuleDoc doc() {
        return ModuleDoc.load(getClass(), name());
    }
}
