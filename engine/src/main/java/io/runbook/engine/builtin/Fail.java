package io.runbook.engine.builtin;

import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.Result;

/** {@code fail}: fails the task with a message (usually under a {@code when}). */
public final class Fail implements Module {
    @Override
    public String name() {
        return "fail";
    }

    @Override
    public String description() {
        return "Fail with a custom message.";
    }

    @Override
    public ArgSpec spec() {
        return ArgSpec.builder().arg(Arg.raw("msg").defaultValue("Failed as requested from task")
                .description("the failure message")).build();
    }

    @Override
    public Result run(ModuleContext ctx) {
        // any value is the message as it is (a number, a list, a dict), as Ansible's action
        Object msg = ctx.args().raw("msg");
        return msg instanceof CharSequence text ? Result.failed(text.toString()) : Result.failed(null).with("msg", msg);
    }
}
