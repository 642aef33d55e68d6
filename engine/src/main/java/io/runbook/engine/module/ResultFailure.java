package io.runbook.engine.module;

/**
 * A module's failure with a whole result (its {@code msg} and the other keys Ansible's {@code fail_json} gives),
 * thrown out of the module's steps and returned by its {@code run} as the task's result.
 */
public class ResultFailure extends ModuleException {
    private final transient Result result;

    public ResultFailure(Result result) {
        super(result.msg());
        this.result = result;
    }

    public Result result() {
        return result;
    }
}
