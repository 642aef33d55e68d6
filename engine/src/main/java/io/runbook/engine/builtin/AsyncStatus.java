package io.runbook.engine.builtin;

import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.Result;

/**
 * {@code async_status}: the state of a job a task started with {@code async} and {@code poll: 0}, as Ansible's. The
 * module only names the job and what to do; the engine, which runs the jobs, answers (not finished yet, or the
 * task's result with {@code finished: 1}; {@code cleanup} forgets the job).
 */
public final class AsyncStatus implements Module {
    /** The result keys the engine reads. */
    public static final String JID = "jid";
    public static final String MODE = "mode";

    @Override
    public String name() {
        return "async_status";
    }

    @Override
    public String description() {
        return "Report (or forget) a job started by a task with async and poll: 0.";
    }

    @Override
    public ArgSpec spec() {
        return ArgSpec.builder()
                .arg(Arg.str("jid").required().description("the job's id: the ansible_job_id the task registered"))
                .arg(Arg.str("mode").defaultValue("status").choices("status", "cleanup")
                        .description("status: how the job is doing; cleanup: forget it"))
                .build();
    }

    @Override
    public Result run(ModuleContext ctx) {
        return Result.ok().with(JID, ctx.args().string(JID)).with(MODE, ctx.args().string(MODE));
    }
}
