package io.runbook.modules.helm;

import io.runbook.engine.error.SourcePosition;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.Args;
import io.runbook.engine.module.WrittenArgs;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A kubernetes.core helm module's own checks of its arguments (kubernetes.core's required_by and the like, and what
 * the engine cannot do in process), made twice: on the arguments as written, before anything runs, with what is
 * literal; and on the rendered arguments when the task runs, for what was templated.
 */
@FunctionalInterface
interface ArgumentRefusal {
    /**
     * Throws a {@link io.runbook.engine.error.UserError} at the argument's place when it must be refused: {@code value} of
     * an argument (null when not given or not known yet), whether it is {@code given}, where it is ({@code at}), and the
     * place for what concerns no one argument ({@code task}).
     */
    void check(Function<String, Object> value, Predicate<String> given, Function<String, SourcePosition> at, SourcePosition task);

    /** The check of the written arguments, before the run. */
    default void beforeRun(ArgSpec spec, WrittenArgs args) {
        check(name -> KubernetesCoreHelm.literal(spec, args, name), name -> KubernetesCoreHelm.written(spec, args, name),
                name -> KubernetesCoreHelm.position(spec, args, name), args.task());
    }

    /** The check of the rendered arguments, when the task runs; {@code main} is the argument whose place stands for the task. */
    default void inRun(Args args, String main) {
        check(args::raw, name -> args.raw(name) != null, args::position, args.position(main));
    }
}
